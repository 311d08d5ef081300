/* SPDX-License-Identifier: Apache-2.0 */
/** @file ilokg.h — the one public header of libilokg: read ILO/EC policy documents, emit RDF, query
 * it. */
#ifndef ILOKG_H
#define ILOKG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ILOKG_BUILDING) && defined(__GNUC__)
#define ILOKG_API __attribute__((visibility("default")))
#else
#define ILOKG_API
#endif

#define ILOKG_VERSION "0.1.0"
#define ILOKG_DEFAULT_BASE "https://w3id.org/ilokg/id/"
#define ILOKG_NS "https://w3id.org/ilokg/ns#"

typedef enum {
    ILOKG_OK = 0,
    ILOKG_ERR_NOMEM,
    ILOKG_ERR_IO,
    ILOKG_ERR_ENCODING,
    ILOKG_ERR_SYNTAX,
    ILOKG_ERR_NOT_FOUND,
    ILOKG_ERR_RDF,
    ILOKG_ERR_QUERY,
    ILOKG_ERR_USAGE,
    ILOKG_ERR_INTERNAL,
} ilokg_status;

typedef enum { ILOKG_LEVEL_NOTE, ILOKG_LEVEL_WARNING, ILOKG_LEVEL_ERROR } ilokg_level;

/** One diagnostic. Strings are borrowed for the duration of the sink call. */
typedef struct {
    ilokg_level  level;
    ilokg_status status;
    const char  *file;        /* NULL when not about a file */
    size_t       line;        /* 1-based, 0 when unknown */
    size_t       col;         /* 1-based, in characters, 0 when unknown */
    size_t       offset;      /* byte offset, SIZE_MAX when unknown */
    const char  *text;        /* no trailing newline */
    const char  *excerpt;     /* the source line, NULL when unknown */
    size_t       excerpt_col; /* 1-based column of the caret within excerpt */
} ilokg_message;

typedef void (*ilokg_sink)(const ilokg_message *msg, void *payload);

/** The library's context: diagnostics sink, data directory, gazetteers, RDF world. */
typedef struct ilokg_world ilokg_world;

/** Creates a world. data_dir may be NULL (then ILOKG_DATA_DIR, then the compiled-in default).
 *  The world is the caller's, freed with ilokg_world_free. */
ILOKG_API ilokg_status ilokg_world_new(ilokg_world **out, const char *data_dir, ilokg_sink sink,
                                       void *payload);
ILOKG_API void         ilokg_world_free(ilokg_world *world);
/** Lets the files a MANIFEST.tsv names lie outside its directory (after resolving symbolic
 *  links); by default such a row is ILOKG_ERR_USAGE, reported at its line and column. */
ILOKG_API void ilokg_world_allow_outside(ilokg_world *world, int allow);
/** Removes the temporary files of the outputs being written (each is renamed into place only
 *  when complete). Async-signal-safe: for a program's handlers of SIGINT, SIGTERM and the like,
 *  before it dies of the signal. */
ILOKG_API void ilokg_io_remove_temporaries(void);
/** The data directory in use (borrowed). */
ILOKG_API const char *ilokg_world_data_dir(const ilokg_world *world);
ILOKG_API const char *ilokg_strerror(ilokg_status st);
ILOKG_API const char *ilokg_version(void);

/* ---- Reading a corpus ------------------------------------------------------------------ */

/** A set of documents read end to end (normalised, segmented, recognised). */
typedef struct ilokg_corpus ilokg_corpus;

/** Reads documents. Each path is a directory (every document its MANIFEST.tsv lists) or a file
 *  (metadata from a MANIFEST.tsv beside it when there is one). The corpus is the caller's. */
ILOKG_API ilokg_status ilokg_corpus_read(ilokg_corpus **out, ilokg_world *world,
                                         const char *const *paths, size_t n_paths);
ILOKG_API size_t       ilokg_corpus_size(const ilokg_corpus *corpus);
ILOKG_API void         ilokg_corpus_free(ilokg_corpus *corpus);

/** Prints per-document statistics (sections, commitments per section/actor/modality, warnings)
 *  as text. */
ILOKG_API ilokg_status ilokg_corpus_stats(const ilokg_corpus *corpus, FILE *fp);

/* ---- Following commitments across meetings -------------------------------------------- */
typedef enum { ILOKG_TRACK_TEXT, ILOKG_TRACK_CSV } ilokg_track_format;
/** Links the commitments of successive meetings of each series in the corpus (a series: one
 *  manifest type with numbered meetings) and writes, per pair of meetings, the counts per
 *  status and theme and every link with both texts (ILOKG_TRACK_TEXT), or one CSV row per link,
 *  commitment not taken up and new commitment (ILOKG_TRACK_CSV, RFC 4180 with a header).
 *  docs/tracking.md describes the method. ILOKG_ERR_NOMEM, ILOKG_ERR_IO when fp fails. */
ILOKG_API ilokg_status ilokg_corpus_track(const ilokg_corpus *corpus, ilokg_track_format format,
                                          FILE *fp);
/* ---- RDF export ------------------------------------------------------------------------ */

typedef enum {
    ILOKG_FORMAT_TURTLE,
    ILOKG_FORMAT_NTRIPLES,
    ILOKG_FORMAT_NQUADS,
    ILOKG_FORMAT_TRIG,
    ILOKG_FORMAT_RDFXML,
    ILOKG_FORMAT_JSONLD,
    ILOKG_FORMAT_COUNT
} ilokg_format;

/** Parses a format name ("turtle", "ttl", "ntriples", "nt", "nquads", "trig", "rdfxml",
 *  "jsonld", ...). */
ILOKG_API ilokg_status ilokg_format_parse(ilokg_format *out, const char *name);
/** Guesses a format from a file name's extension; ILOKG_ERR_NOT_FOUND when unknown. */
ILOKG_API ilokg_status ilokg_format_from_path(ilokg_format *out, const char *path);
ILOKG_API const char  *ilokg_format_name(ilokg_format f);

/** How far an export has got, for a progress display. */
typedef struct {
    size_t docs_done, n_docs; /* documents read and written so far, of all */
    size_t bytes;             /* their source bytes */
    size_t statements;        /* statements produced so far (at the end: written) */
    double seconds;           /* since the export began (monotonic clock) */
    int    done;              /* 1 on the last call, when the output is complete */
} ilokg_progress;
typedef void (*ilokg_progress_fn)(const ilokg_progress *p, void *payload);

/** Has ilokg_validate_* and ilokg_store_load* report how far they have got to fn (NULL:
 *  stop): files finished of all (docs_done, n_docs: n_files), bytes read, statements parsed and
 *  seconds since this call; validation reports after every file, loading also after every
 *  chunk of a file it reads as a stream (sorting and writing the store, after the last file,
 *  report nothing). done stays 0 (the caller knows when the call returned). payload is passed
 *  on, borrowed. */
ILOKG_API void ilokg_world_set_progress(ilokg_world *world, size_t n_files, ilokg_progress_fn fn,
                                        void *payload);

typedef struct {
    ilokg_format format;
    const char  *base;          /* resource IRI base, ILOKG_DEFAULT_BASE when NULL */
    int          with_dataset;  /* VoID/DCAT description and reference entities (default 1) */
    int          jobs;          /* documents read, and pairs of meetings linked, at once by
                                   ilokg_convert (threads); <= 1: one */
    ilokg_progress_fn progress; /* ilokg_convert calls it after each document and at the end */
    void             *progress_payload;
} ilokg_export_options;
#define ILOKG_EXPORT_OPTIONS_INIT                                                                  \
    {                                                                                              \
        ILOKG_FORMAT_TURTLE, NULL, 1, 1, NULL, NULL                                                \
    }

/** Writes the corpus graph to path ("-" or NULL: stdout), atomically. */
ILOKG_API ilokg_status ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus,
                                           const ilokg_export_options *opt, const char *path);

/** Reads the documents of paths (as ilokg_corpus_read) and writes their graph to path (as
 *  ilokg_corpus_export, the same bytes), one document at a time: in Turtle, TriG, N-Triples and
 *  N-Quads memory does not grow with the documents' size (RDF/XML and JSON-LD hold the graph).
 *  With opt->jobs > 1, that many documents are read at once, then that many pairs of meetings
 *  linked at once; output and messages keep the documents' order. */
ILOKG_API ilokg_status ilokg_convert(ilokg_world *world, const char *const *paths, size_t n_paths,
                                     const ilokg_export_options *opt, const char *path);

/** Checks RDF files against the shapes (ontology/shapes.ttl in the data directory); each
 *  violation goes to the sink with its focus node, path and message. *n_violations gets the count;
 *  returns ILOKG_OK even when there are violations (the caller decides the exit status). */
ILOKG_API ilokg_status ilokg_validate_files(ilokg_world *world, const char *const *paths,
                                            size_t n_paths, size_t *n_violations);

typedef struct {
    const char *shapes; /* SHACL shapes file; NULL: ontology/shapes.ttl in the data directory */
    const char *format; /* input format name for every file; NULL: from each file's extension */
} ilokg_validate_options;
#define ILOKG_VALIDATE_OPTIONS_INIT                                                                \
    {                                                                                              \
        NULL, NULL                                                                                 \
    }

/** As ilokg_validate_files, with a shapes file and input format of the caller's choice (opt may
 *  be NULL for the defaults). Shapes using SHACL features outside the supported subset
 *  (targets, sh:property with an IRI sh:path, min/maxCount, datatype, class, in, nodeKind,
 *  languageIn, lessThan, pattern, hasValue) are ILOKG_ERR_SYNTAX. */
ILOKG_API ilokg_status ilokg_validate_run(ilokg_world *world, const ilokg_validate_options *opt,
                                          const char *const *paths, size_t n_paths,
                                          size_t *n_violations);

/* ---- Query ----------------------------------------------------------------------------- */

typedef enum {
    ILOKG_RESULTS_TABLE,
    ILOKG_RESULTS_CSV,
    ILOKG_RESULTS_TSV,
    ILOKG_RESULTS_JSON,
    ILOKG_RESULTS_XML,
} ilokg_results_format;

typedef struct {
    const char          *store; /* persistent store directory; NULL: the default */
    const char *const   *data;  /* --data files (default graph) */
    size_t               n_data;
    const char *const   *named; /* --named files (named graphs, IRI = file IRI) */
    size_t               n_named;
    const char          *data_format; /* NULL: from each file's extension */
    const char          *endpoint;    /* SPARQL 1.1 Protocol endpoint URL, or NULL */
    ilokg_results_format results;
    ilokg_format         rdf_format; /* CONSTRUCT / DESCRIBE output */
    double               timeout;    /* seconds, 0: none */
    size_t               max_rows;   /* 0: no limit */
    int                  explain;    /* write the query's SPARQL algebra instead of running it */
    const char          *base;       /* what the predeclared id: prefix stands for: the base the
                                        graph was converted with; NULL: ILOKG_DEFAULT_BASE */
} ilokg_query_options;
#define ILOKG_QUERY_OPTIONS_INIT                                                                   \
    {                                                                                              \
        NULL, NULL, 0, NULL, 0, NULL, NULL, ILOKG_RESULTS_TABLE, ILOKG_FORMAT_TURTLE, 0, 0, 0,     \
            NULL                                                                                   \
    }

/** Runs one SPARQL query (name is used in diagnostics: a file name or "<stdin>") and writes its
 *  answer to fp. Syntax errors are reported with line, column and an excerpt. */
ILOKG_API ilokg_status ilokg_query_run(ilokg_world *world, const char *query, const char *name,
                                       const ilokg_query_options *opt, FILE *fp);
/** Loads RDF files into a persistent store (created or replaced atomically). */
ILOKG_API ilokg_status ilokg_store_load(ilokg_world *world, const char *store,
                                        const char *const *paths, size_t n_paths);
/** As ilokg_store_load, with the files' RDF format given by name (NULL: from each extension). */
ILOKG_API ilokg_status ilokg_store_load_format(ilokg_world *world, const char *store,
                                               const char *const *paths, size_t n_paths,
                                               const char *format);
/** Prints the predeclared prefixes, one "prefix: <iri>" per line. */
ILOKG_API void ilokg_prefixes_print(FILE *fp);
/** As ilokg_prefixes_print, id: standing for base (NULL: ILOKG_DEFAULT_BASE). */
ILOKG_API void ilokg_prefixes_print_base(FILE *fp, const char *base);

/* ---- Serving --------------------------------------------------------------------------- */

typedef struct {
    const char        *listen; /* IPv4 or IPv6 address to bind; NULL: 127.0.0.1 */
    unsigned           port;   /* 0: a free port, told to ready() */
    const char        *base;   /* resource IRI base, ILOKG_DEFAULT_BASE when NULL */
    const char        *store;  /* persistent store directory; NULL: the default */
    const char *const *data;   /* files served instead of the store (default graph) */
    size_t             n_data;
    const char        *data_format;  /* NULL: from each file's extension */
    double             timeout;      /* seconds a query may run, 0: no limit */
    size_t             max_rows;     /* rows (triples) of an answer, 0: no limit */
    size_t             max_request;  /* bytes of a request body */
    unsigned           threads;      /* requests answered at once */
    unsigned           idle_timeout; /* seconds a silent connection is kept */
    int                stop_fd; /* the server stops once this descriptor is readable; -1: never */
    /* Called once listening, with the server's root URL ("http://127.0.0.1:8080/"). */
    void (*ready)(const char *url, void *payload);
    void *payload;
} ilokg_serve_options;
#define ILOKG_SERVE_OPTIONS_INIT                                                                   \
    {                                                                                              \
        NULL, 8080, NULL, NULL, NULL, 0, NULL, 30.0, 100000, 1u << 20, 4, 30, -1, NULL, NULL       \
    }

/** Serves the store (or opt->data files) over HTTP until opt->stop_fd is readable: the SPARQL 1.1
 *  Protocol at /sparql, every IRI under the base as linked data, the VoID at /.well-known/void
 *  (docs/serve.md). Read-only; the persistent store is opened afresh for each request, so a store
 *  replaced by ilokg load is seen by the next one. Start-up errors (the address in use, no store)
 *  are reported; requests' errors go to their clients only. */
ILOKG_API ilokg_status ilokg_serve(ilokg_world *world, const ilokg_serve_options *opt);

/* ---- Publishing ------------------------------------------------------------------------ */

typedef struct {
    const char        *store; /* persistent store directory; NULL: the default */
    const char *const *data;  /* RDF files to publish instead of the store */
    size_t             n_data;
    const char        *data_format; /* NULL: from each file's extension */
    const char        *site;        /* absolute http(s) URL the directory is served at */
    const char        *endpoint;    /* SPARQL endpoint the pages and VoID name; NULL: none */
} ilokg_publish_options;
#define ILOKG_PUBLISH_OPTIONS_INIT                                                                 \
    {                                                                                              \
        NULL, NULL, 0, NULL, NULL, NULL                                                            \
    }

/** Writes the graph (the store, or the data files) into dir as static files: a page and four
 *  RDF files per resource, the query page, a dump, VoID/DCAT and .htaccess redirect rules
 *  (docs/publishing.md). Each file is written atomically with the umask's mode. */
ILOKG_API ilokg_status ilokg_publish(ilokg_world *world, const ilokg_publish_options *opt,
                                     const char *dir);

#ifdef __cplusplus
}
#endif
#endif
