/* SPDX-License-Identifier: Apache-2.0 */
/* The table ilokg-rdf.so exports: its entry points, which libilokg's stubs (rdf_stubs.c) call. */
#include "module/rdf_module.h"

#include "graph/world.h"
#include "util/io.h"

const ilokg_rdf_module ilokg_rdf_module_table = {
    ILOKG_RDF_MODULE_ABI,
    sizeof(ilokg_rdf_module),
    sizeof(struct ilokg_world),
    ilokg_io_remove_temporaries,
    ilokg_corpus_export,
    ilokg_convert,
    ilokg_validate_files,
    ilokg_validate_run,
    ilokg_corpus_track,
    ilokg_world_http,
    ilokg_serve,
    ilokg_publish,
    ilokg_endpoint_fetch,
    ilokg_endpoint_fetch_with,
    ilokg_endpoint_write_json,
    ilokg_qstore_mem_load,
    ilokg_qstore_mem_load_bytes,
    ilokg_rdf_write_triples,
    ilokg_rdf_iri_to_path,
    ilokg_rdf_resolve_iri,
};
