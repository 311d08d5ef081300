/* SPDX-License-Identifier: Apache-2.0 */
/* The library context seen from inside: diagnostics, data directory, gazetteers, RDF world. */
#ifndef ILOKG_WORLD_H
#define ILOKG_WORLD_H

#include "recognize/gazetteer.h"
#include "ilokg.h"
#include "util/status.h"

struct ilokg_world {
    ilokg_diag       diag;
    char            *data_dir;
    ilokg_gazetteer *gaz; /* loaded on first use */
    void            *rdf; /* librdf_world *, created on first use by graph.c */
    void (*rdf_free)(void *rdf);
    int         allow_outside;  /* files a manifest names may lie outside its directory */
    const char *rdf_input;      /* the file being parsed, for messages that carry no locator */
    int         http_ready;     /* libcurl's global state is set up (ilokg_world_http) */
    void (*http_cleanup)(void); /* curl_global_cleanup, from wherever libcurl was reached */
    ilokg_progress_fn progress; /* ilokg_world_set_progress's, fed by ilokg_world_progress */
    void             *progress_payload;
    ilokg_progress    prog;
    double            prog_t0; /* monotonic seconds at ilokg_world_set_progress */
};

/** The gazetteer, loaded from <data_dir>/reference on first call (borrowed). */
ilokg_status ilokg_world_gazetteer(const ilokg_gazetteer **out, ilokg_world *world);

/** Sets up libcurl's global state once for this world, before the first HTTP request (the
 *  library keeps no static flag; libcurl counts its users, and ilokg_world_free lets go of it).
 *  Failure is ILOKG_ERR_IO, reported. */
ilokg_status ilokg_world_http(ilokg_world *world);

/** Adds bytes read, statements parsed and files finished to the counts of a long read and
 *  passes them to the caller's progress function, if one is set (ilokg_world_set_progress). */
void ilokg_world_progress(ilokg_world *w, size_t bytes, size_t statements, size_t files);

/** A file under the data directory (malloc'd, the caller's); NULL on allocation failure. */
char *ilokg_world_data_path(const ilokg_world *world, const char *rel);

#endif
