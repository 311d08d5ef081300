/* SPDX-License-Identifier: Apache-2.0 */
/* Whole-file reads and atomic writes. */
#include "util/io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

/* Opens path for reading without waiting: opening a FIFO no process writes to blocks until one
 * does, and `ilokg stats FIFO` used to wait forever. A FIFO is read when a writer holds it (a
 * pipe from a shell's process substitution, <(...)); one without a writer is an error. */
static ilokg_status
open_for_read(FILE **out, ilokg_buf *first, const char *path, ilokg_diag *diag)
{
    int         fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb)) {
        int err = errno;
        if (fd >= 0) {
            close(fd);
        }
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(err));
    }
    int no_writer = 0;
    if (S_ISFIFO(sb.st_mode)) {
        /* Non-blocking, a FIFO without a writer is at its end at once (read gives 0); one whose
         * writer has sent nothing yet gives EAGAIN. A byte read meanwhile is kept. */
        struct pollfd pfd = {fd, POLLIN, 0};
        char          c;
        if (poll(&pfd, 1, 0) == 0) {
            ssize_t got = read(fd, &c, 1);
            no_writer   = got == 0;
            if (got == 1 && ilokg_buf_addc(first, c)) {
                close(fd);
                return ILOKG_ERR_NOMEM;
            }
        }
    }
    int flags = fcntl(fd, F_GETFL);
    if (no_writer || flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)) {
        close(fd);
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s",
                               no_writer ? "no process writes to this FIFO" : strerror(errno));
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        int err = errno;
        close(fd);
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(err));
    }
    *out = fp;
    return ILOKG_OK;
}

ilokg_status
ilokg_io_read(char **out, size_t *len, const char *path, ilokg_diag *diag)
{
    FILE        *fp = NULL;
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = open_for_read(&fp, &b, path, diag);
    if (st) {
        ilokg_buf_free(&b);
        return st;
    }
    char   chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        /* /dev/zero or an endless pipe: an error with a reason, not memory exhausted. */
        if (b.len + n > ILOKG_IO_MAX_READ) {
            st = ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "larger than %zu bytes: not read",
                                 (size_t)ILOKG_IO_MAX_READ);
            break;
        }
        if ((st = ilokg_buf_add(&b, chunk, n))) {
            st = ilokg_report_at(diag, ILOKG_ERR_NOMEM, path, 0, 0,
                                 "out of memory after reading %zu bytes", b.len);
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

/* ---- Temporary files: registered for removal on a signal, swept when their process died ---- */

/* The one piece of process-wide state in the library: a signal handler has no other way to find
 * the temporary files being written. Slots hold the outputs' own tmp strings; a handler only
 * reads them and calls unlink(), which is async-signal-safe. */
#define N_LIVE 16
static char *volatile live_tmp[N_LIVE];
/* The RDF module (src/module/) has its own copy of this file and so its own slots; its sweeper,
 * set when the module is loaded, runs with this one. */
static void (*volatile chained_sweep)(void);

static void
live_add(char *tmp)
{
    for (size_t i = 0; i < N_LIVE; i++) {
        if (!live_tmp[i]) {
            live_tmp[i] = tmp;
            return;
        }
    }
}

static void
live_remove(const char *tmp)
{
    for (size_t i = 0; i < N_LIVE; i++) {
        if (live_tmp[i] == tmp) {
            live_tmp[i] = NULL;
        }
    }
}

void
ilokg_io_remove_temporaries(void)
{
    for (size_t i = 0; i < N_LIVE; i++) {
        char *t = live_tmp[i];
        if (t) {
            unlink(t);
        }
    }
    void (*sweep)(void) = chained_sweep;
    if (sweep && sweep != ilokg_io_remove_temporaries) {
        sweep();
    }
}

void
ilokg_io_chain_sweep(void (*sweep)(void))
{
    chained_sweep = sweep;
}

/* "NAME.tmp.PID.XXXXXX": the pid of the writer, so a later run can tell a stale file (its writer
 * killed by SIGKILL or a crash) from one being written. */
static int
stale_pid(const char *entry, const char *base, size_t base_len, pid_t *pid)
{
    if (strncmp(entry, base, base_len) || strncmp(entry + base_len, ".tmp.", 5)) {
        return 0;
    }
    const char *p = entry + base_len + 5;
    long        v = 0;
    if (*p < '1' || *p > '9') {
        return 0;
    }
    for (; *p >= '0' && *p <= '9' && v < INT32_MAX; p++) {
        v = v * 10 + (*p - '0');
    }
    if (*p != '.' || strlen(p + 1) != 6) {
        return 0;
    }
    *pid = (pid_t)v;
    return 1;
}

static void
sweep_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base  = slash ? slash + 1 : path;
    char  *dir  = slash ? ilokg_strndup(path, (size_t)(slash - path + 1)) : ilokg_strndup("./", 2);
    DIR   *d    = dir ? opendir(dir) : NULL;
    size_t blen = strlen(base);
    for (struct dirent *e; d && (e = readdir(d));) {
        pid_t pid;
        if (stale_pid(e->d_name, base, blen, &pid) && pid != getpid() && kill(pid, 0) != 0 &&
            errno == ESRCH) {
            char *p = ilokg_path_join(dir, e->d_name);
            if (p) {
                unlink(p);
            }
            free(p);
        }
    }
    if (d) {
        closedir(d);
    }
    free(dir);
}

/* A FIFO or a device (/dev/stdout, a process substitution) is written through as a stream: there
 * is nothing to replace atomically, and renaming over /dev/null would replace the device. */
static ilokg_status
open_stream(ilokg_out *o, const char *path, ilokg_diag *diag)
{
    /* Non-blocking first: a FIFO nobody reads is an error, not a hang. */
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s",
                               errno == ENXIO ? "no process reads this FIFO" : strerror(errno));
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) {
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    o->fp     = fdopen(fd, "wb");
    o->path   = ilokg_strndup(path, strlen(path));
    o->stream = 1;
    if (!o->fp || !o->path) {
        if (!o->fp) {
            close(fd);
        }
        ilokg_out_abort(o);
        return ILOKG_ERR_NOMEM;
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_out_open(ilokg_out *o, const char *path, ilokg_diag *diag)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return ILOKG_OK;
    }
    /* stat, not lstat: a link to a FIFO or a device (/dev/stdout -> /proc/self/fd/1) is written
     * through, a link to a regular file replaced. */
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "is a directory");
        }
        if (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode) || S_ISSOCK(sb.st_mode)) {
            return open_stream(o, path, diag);
        }
    }
    sweep_stale(path);
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&b, "%s.tmp.%ld.XXXXXX", path, (long)getpid())) {
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
    o->tmp = ilokg_buf_detach(&b);
    live_add(o->tmp);
    /* mkstemp creates 0600; the file ends up where the user asked, with the umask's mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp   = fdopen(fd, "wb");
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

static void
forget_tmp(ilokg_out *o, int remove)
{
    if (o->tmp) {
        if (remove) {
            unlink(o->tmp);
        }
        live_remove(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
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
        st = ilokg_report_at(diag, ILOKG_ERR_IO, o->path, 0, 0, "write error: %s", strerror(errno));
    }
    o->fp = NULL;
    /* rename() replaces a symbolic link itself, never the file it points to. */
    if (!st && o->tmp && rename(o->tmp, o->path)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, o->path, 0, 0, "cannot rename into place: %s",
                             strerror(errno));
    }
    forget_tmp(o, st != ILOKG_OK);
    return st;
}

void
ilokg_out_abort(ilokg_out *o)
{
    if (o->fp && o->fp != stdout) {
        fclose(o->fp);
    }
    forget_tmp(o, 1);
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

double
ilokg_io_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A temporary file in directory dir (dir_len bytes of it; 0: the current directory), unlinked at
 * once so it goes with the process whatever ends it; -1 when it cannot be made. */
static int
temp_in(const char *dir, size_t dir_len)
{
    ilokg_buf name = ILOKG_BUF_INIT;
    int       fd   = -1;
    if (!ilokg_buf_add(&name, dir, dir_len) && !ilokg_buf_adds(&name, ".ilokg-spill.XXXXXX")) {
        fd = mkstemp(name.ptr);
        if (fd >= 0) {
            unlink(name.ptr);
        }
    }
    ilokg_buf_free(&name);
    return fd;
}

ilokg_status
ilokg_temp_file(FILE **out, const char *near, ilokg_diag *diag)
{
    const char *tmpdir = getenv("TMPDIR");
    int         fd     = -1;
    if (near && strcmp(near, "-") && strncmp(near, "/dev/", 5)) {
        const char *slash = strrchr(near, '/');
        fd                = temp_in(near, slash ? (size_t)(slash - near + 1) : 0);
    }
    const char *dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    if (fd < 0) {
        char in[4096];
        snprintf(in, sizeof in, "%s/", dir);
        fd = temp_in(in, strlen(in));
    }
    if (fd < 0 || !(*out = fdopen(fd, "w+b"))) {
        ilokg_status st =
            ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                            "cannot create a temporary file in %s: %s%s", dir, strerror(errno),
                            tmpdir && *tmpdir ? " (TMPDIR)" : " (set TMPDIR to another directory)");
        if (fd >= 0) {
            close(fd);
        }
        return st;
    }
    return ILOKG_OK;
}
