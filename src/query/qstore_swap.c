/* SPDX-License-Identifier: Apache-2.0 */
/* Generations of the persistent store: each write builds a new directory beside the store's
 * path, which is a symbolic link swapped to it with one rename(2), so that readers see the old
 * store or the new one, never a mix; what dead writers left behind is swept at the next write. */
#include "query/qstore.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "util/buf.h"
#include "util/io.h"
#include "query/qstore_int.h"

/* Whether entry is ".<name>.<pid>.<stamp>", a generation directory of the store name; *pid
 * gets the writer's process id. */
static int
is_generation(const char *entry, const char *name, long *pid)
{
    size_t nl = strlen(name);
    if (entry[0] != '.' || strncmp(entry + 1, name, nl) || entry[1 + nl] != '.') {
        return 0;
    }
    const char *p = entry + 2 + nl;
    char       *end;
    errno = 0;
    *pid  = strtol(p, &end, 10);
    if (errno || end == p || *end != '.' || !end[1]) {
        return 0;
    }
    for (p = end + 1; *p; p++) {
        if ((*p < '0' || *p > '9') && *p != '-') {
            return 0;
        }
    }
    return 1;
}

/* Removes a generation directory and the files in it (a generation holds no subdirectories). */
static void
remove_generation(const char *path)
{
    DIR *dh = opendir(path);
    if (dh) {
        struct dirent *e;
        while ((e = readdir(dh))) {
            char *p = strcmp(e->d_name, ".") && strcmp(e->d_name, "..")
                          ? ilokg_path_join(path, e->d_name)
                          : NULL;
            if (p) {
                unlink(p);
            }
            free(p);
        }
        closedir(dh);
    }
    rmdir(path);
}

/* Removes the generations of this store that dead writers left behind (never the current one). */
static void
sweep(const char *parent, const char *name, const char *current)
{
    DIR *dh = opendir(parent);
    if (!dh) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(dh))) {
        long   pid;
        size_t len  = strlen(e->d_name);
        int    link = len > 5 && !strcmp(e->d_name + len - 5, ".link");
        char  *gen  = ilokg_strndup(e->d_name, link ? len - 5 : len);
        if (gen && is_generation(gen, name, &pid) && strcmp(e->d_name, current) &&
            pid != (long)getpid() && kill((pid_t)pid, 0) && errno == ESRCH) {
            char *p = ilokg_path_join(parent, e->d_name);
            if (p && link) {
                unlink(p); /* the new link of a writer that died before renaming it */
            } else if (p) {
                remove_generation(p);
            }
            free(p);
        }
        free(gen);
    }
    closedir(dh);
}

static int
sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        return -1;
    }
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Creates every missing directory of path (mkdir -p). */
static int
make_dirs(const char *path)
{
    char *p  = ilokg_strndup(path, strlen(path));
    int   rc = p ? 0 : -1;
    for (char *c = p ? p + 1 : NULL; c && !rc; c++) {
        int last = !*c;
        if (last || *c == '/') {
            *c = '\0';
            rc = mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
            if (last) {
                break;
            }
            *c = '/';
        }
    }
    free(p);
    return rc;
}

/* Whether an existing directory (not a link) may be replaced: empty, or a store of ilokg. */
static int
replaceable_dir(const char *dir)
{
    char *data = ilokg_path_join(dir, "data.mdb"), *marker = ilokg_path_join(dir, "ilokg-store");
    struct stat sb;
    int         ok = (data && !stat(data, &sb)) || (marker && !stat(marker, &sb)) || !rmdir(dir);
    free(data);
    free(marker);
    return ok;
}

struct ilokg_qswap {
    char     *target, *parent, *name; /* the store path (no trailing '/'), its directory and name */
    char      current[PATH_MAX];      /* what the link points at now ("" when none) */
    int       exists, is_link;
    int       committed; /* the link points at gen */
    ilokg_buf gen_rel, gen, link, aside;
};

typedef struct ilokg_qswap swap_paths;

static ilokg_status
plan_paths(swap_paths *sp, const char *dir, ilokg_diag *diag)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') {
        dl--;
    }
    if (!(sp->target = ilokg_strndup(dir, dl))) {
        return ILOKG_ERR_NOMEM;
    }
    char *slash = strrchr(sp->target, '/');
    sp->parent =
        slash ? ilokg_strndup(sp->target, slash == sp->target ? 1 : (size_t)(slash - sp->target))
              : ilokg_strndup(".", 1);
    sp->name =
        ilokg_strndup(slash ? slash + 1 : sp->target, strlen(slash ? slash + 1 : sp->target));
    if (!sp->parent || !sp->name) {
        return ILOKG_ERR_NOMEM;
    }
    struct stat sb;
    sp->exists  = !lstat(sp->target, &sb);
    sp->is_link = sp->exists && S_ISLNK(sb.st_mode);
    if (sp->is_link) {
        ssize_t n                  = readlink(sp->target, sp->current, sizeof sp->current - 1);
        sp->current[n > 0 ? n : 0] = '\0';
    } else if (sp->exists && (!S_ISDIR(sb.st_mode) || !replaceable_dir(sp->target))) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, sp->target, 0, 0,
                               "exists and is not an ilokg store; not replacing it");
    }
    sp->exists = !lstat(sp->target, &sb); /* an empty directory was removed */
    long stamp = (long)time(NULL);
    for (int i = 0; i < 1000; i++) {
        sp->gen_rel.len = sp->gen.len = sp->link.len = sp->aside.len = 0;
        if (ilokg_buf_printf(&sp->gen_rel, ".%s.%ld.%ld-%d", sp->name, (long)getpid(), stamp, i) ||
            ilokg_buf_printf(&sp->gen, "%s/%s", sp->parent, sp->gen_rel.ptr) ||
            ilokg_buf_printf(&sp->link, "%s.link", sp->gen.ptr) ||
            ilokg_buf_printf(&sp->aside, "%s-old", sp->gen.ptr)) {
            return ILOKG_ERR_NOMEM;
        }
        if (make_dirs(sp->parent)) {
            break;
        }
        if (!mkdir(sp->gen.ptr, 0777)) {
            return ILOKG_OK;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    return ilokg_report_at(diag, ILOKG_ERR_IO, sp->gen.ptr ? sp->gen.ptr : sp->target, 0, 0,
                           "cannot create: %s", strerror(errno));
}

static void
free_paths(swap_paths *sp)
{
    free(sp->target);
    free(sp->parent);
    free(sp->name);
    ilokg_buf_free(&sp->gen_rel);
    ilokg_buf_free(&sp->gen);
    ilokg_buf_free(&sp->link);
    ilokg_buf_free(&sp->aside);
}

/* Points the store's link at the new generation with one rename(2), then removes what it
 * pointed at before when that was a generation of ours. */
static ilokg_status
swap_in(swap_paths *sp, ilokg_diag *diag)
{
    if (sp->exists && !sp->is_link && rename(sp->target, sp->aside.ptr)) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, sp->target, 0, 0, "cannot replace: %s",
                               strerror(errno));
    }
    if (symlink(sp->gen_rel.ptr, sp->link.ptr) || rename(sp->link.ptr, sp->target)) {
        ilokg_status st = ilokg_report_at(diag, ILOKG_ERR_IO, sp->target, 0, 0,
                                          "cannot replace: %s", strerror(errno));
        unlink(sp->link.ptr);
        return st;
    }
    sync_dir(sp->parent);
    long pid;
    if (sp->is_link && is_generation(sp->current, sp->name, &pid)) {
        char *old = ilokg_path_join(sp->parent, sp->current);
        if (old) {
            remove_generation(old);
        }
        free(old);
    } else if (sp->exists && !sp->is_link) {
        remove_generation(sp->aside.ptr);
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_qswap_begin(ilokg_qswap **out, const char *dir, ilokg_diag *diag)
{
    swap_paths *sp = calloc(1, sizeof *sp);
    if (!sp) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status st = plan_paths(sp, dir, diag);
    if (st) {
        free_paths(sp);
        free(sp);
        return st;
    }
    sweep(sp->parent, sp->name, sp->current);
    *out = sp;
    return ILOKG_OK;
}

const char *
ilokg_qswap_dir(const ilokg_qswap *sp)
{
    return sp->gen.ptr;
}

ilokg_status
ilokg_qswap_commit(ilokg_qswap *sp, ilokg_diag *diag)
{
    if (sync_dir(sp->gen.ptr)) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, sp->gen.ptr, 0, 0, "cannot sync: %s",
                               strerror(errno));
    }
    ilokg_status st = swap_in(sp, diag);
    if (!st) {
        sp->committed = 1;
    }
    return st;
}

void
ilokg_qswap_free(ilokg_qswap *sp)
{
    if (sp) {
        if (!sp->committed && sp->gen.ptr) {
            remove_generation(sp->gen.ptr);
        }
        free_paths(sp);
        free(sp);
    }
}
