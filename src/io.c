/* SPDX-License-Identifier: Apache-2.0 */
/* Whole-file reads and atomic writes. */
#include "io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

ilokg_status
ilokg_io_read(char **out, size_t *len, const char *path, ilokg_diag *diag)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ILOKG_OK;
    char         chunk[65536];
    size_t       n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if ((st = ilokg_buf_add(&b, chunk, n))) {
            break;
        }
    }
    if (!st && ferror(fp)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "read error: %s", strerror(errno));
    }
    fclose(fp);
    if (st) {
        ilokg_buf_free(&b);
        return st;
    }
    *len = b.len;
    *out = ilokg_buf_detach(&b);
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

ilokg_status
ilokg_out_open(ilokg_out *o, const char *path, ilokg_diag *diag)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return ILOKG_OK;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&b, "%s.tmpXXXXXX", path)) {
        ilokg_buf_free(&b);
        return ILOKG_ERR_NOMEM;
    }
    int fd = mkstemp(b.ptr);
    if (fd < 0) {
        ilokg_status st = ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0,
                                          "cannot create temporary file: %s", strerror(errno));
        ilokg_buf_free(&b);
        return st;
    }
    o->fp   = fdopen(fd, "wb");
    o->tmp  = ilokg_buf_detach(&b);
    o->path = ilokg_strndup(path, strlen(path));
    if (!o->fp || !o->path || !o->tmp) {
        if (!o->fp) {
            close(fd);
        }
        ilokg_out_abort(o);
        return ILOKG_ERR_NOMEM;
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_out_commit(ilokg_out *o, ilokg_diag *diag)
{
    ilokg_status st = ILOKG_OK;
    if (o->fp == stdout) {
        if (fflush(stdout)) {
            st = ilokg_report_at(diag, ILOKG_ERR_IO, "<stdout>", 0, 0, "write error: %s",
                                 strerror(errno));
        }
        o->fp = NULL;
        return st;
    }
    int bad = ferror(o->fp);
    if (fclose(o->fp) || bad) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, o->path, 0, 0, "write error: %s",
                             strerror(errno));
    }
    o->fp = NULL;
    if (!st && rename(o->tmp, o->path)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, o->path, 0, 0, "cannot rename into place: %s",
                             strerror(errno));
    }
    if (st) {
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return st;
}

void
ilokg_out_abort(ilokg_out *o)
{
    if (o->fp && o->fp != stdout) {
        fclose(o->fp);
    }
    if (o->tmp) {
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

char *
ilokg_path_join(const char *dir, const char *name)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&b, "%s%s%s", dir, (*dir && dir[strlen(dir) - 1] != '/') ? "/" : "",
                         name)) {
        ilokg_buf_free(&b);
        return NULL;
    }
    return ilokg_buf_detach(&b);
}
