/* SPDX-License-Identifier: Apache-2.0 */
/* The W3C SPARQL test harness: result tables read from the expected-result formats, the
 * manifests, the W3C comparison rules and the glue to the query engine. */
#ifndef ILOKG_W3C_H
#define ILOKG_W3C_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"
#include "query/qterm.h"
#include "util/status.h"

/** What a result is: variable bindings, a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE; and
 *  any RDF file read, manifests included, before it is found to be an rs:ResultSet). */
typedef enum { W3C_SOLUTIONS, W3C_BOOLEAN, W3C_GRAPH } w3c_kind;

/** One result. Every string (names, terms' strings) is owned by the result's pool; a cell of
 *  kind 0 is unbound. A graph has three columns (s, p, o). */
typedef struct {
    w3c_kind     kind;
    char       **vars;
    size_t       n_vars;
    ilokg_qterm *cells; /* n_rows * n_vars, row-major */
    size_t       n_rows, cap_rows;
    int          boolean;
    char       **pool; /* every string allocated for this result */
    size_t       n_pool, cap_pool;
} w3c_result;

#define W3C_RESULT_INIT                                                                            \
    {                                                                                              \
        W3C_SOLUTIONS, NULL, 0, NULL, 0, 0, 0, NULL, 0, 0                                          \
    }

void w3c_result_clear(w3c_result *r);
/** A copy of len bytes of s (NUL-terminated) owned by r's pool; NULL when out of memory. */
char *w3c_result_str(w3c_result *r, const char *s, size_t len);
/** Adds a column (name copied). */
ilokg_status w3c_result_add_var(w3c_result *r, const char *name);
/** Index of the column name, or -1. */
long w3c_result_var_index(const w3c_result *r, const char *name);
/** Appends an all-unbound row; *row gets it (valid until the next add). */
ilokg_status w3c_result_add_row(w3c_result *r, ilokg_qterm **row);
/** Sets *cell to a copy of t (strings copied into r's pool, datatype normalised). */
ilokg_status w3c_result_set(w3c_result *r, ilokg_qterm *cell, const ilokg_qterm *t);
/** Writes every number (xsd:integer and its subtypes, xsd:decimal, xsd:float, xsd:double) in
 *  one spelling of its value, so that a comparison can tell answers that differ only in how
 *  numbers are written (a failure still, but of its own kind). */
ilokg_status w3c_result_numbers_by_value(w3c_result *r);
/** Appends the term in the form of N-Triples (unbound: "UNDEF"). */
ilokg_status w3c_term_write(ilokg_buf *b, const ilokg_qterm *t);

/* ---- Readers (w3c_rdf.c, w3c_formats.c) ------------------------------------------------------ */

/** Reads an expected-result file by its extension: .srx, .srj, .tsv, .csv (all cells plain
 *  strings, see w3c_csv_read), .ttl/.nt/.rdf (an rs:ResultSet becomes solutions or a boolean,
 *  anything else a graph). base_iri: the file's IRI, for relative IRIs. *ordered is set when
 *  the file states an order (rs:index). Errors go to *err (a message the caller frees). */
ilokg_status w3c_result_read(w3c_result *out, const char *path, const char *base_iri, int *ordered,
                             char **err);
/** Parses an RDF file (format by extension) into a graph result. */
ilokg_status w3c_rdf_read(w3c_result *out, const char *path, const char *base_iri, char **err);
/** Turns a graph holding an rs:ResultSet into solutions or a boolean; ILOKG_ERR_NOT_FOUND when
 *  the graph has none. */
ilokg_status w3c_rs_convert(w3c_result *out, const w3c_result *g, int *ordered, char **err);
ilokg_status w3c_srx_read(w3c_result *out, const char *path, const char *base_iri, char **err);
ilokg_status w3c_srj_read(w3c_result *out, const char *bytes, size_t len, char **err);
ilokg_status w3c_tsv_read(w3c_result *out, const char *bytes, size_t len, char **err);
/** SPARQL CSV: every field a plain literal of its text, except "_:x" (a blank node) and ""
 *  (unbound: CSV does not tell an empty string from no value). */
ilokg_status w3c_csv_read(w3c_result *out, const char *bytes, size_t len, char **err);
/** The file: IRI of an existing file (its real path); NULL when it cannot be had. Caller frees. */
char *w3c_path_to_iri(const char *path);
/** The path of a file: IRI (percent-decoded); NULL when iri is not one. Caller frees. */
char *w3c_iri_to_path(const char *iri);
/** Reads a whole file; *out is the caller's (NUL-terminated). */
ilokg_status w3c_file_read(char **out, size_t *len, const char *path);

/* ---- Manifest graphs (w3c_rdf.c) --------------------------------------------------------------
 */

/** The first object of (s, p, ?) in g, or NULL. */
const ilokg_qterm *w3c_graph_object(const w3c_result *g, const ilokg_qterm *s, const char *p);
/** Whether (s, p, o) with o an IRI is in g. */
int w3c_graph_has(const w3c_result *g, const ilokg_qterm *s, const char *p, const char *o_iri);
/** The items of the RDF list at head (borrowed pointers into g), NULL-terminated; *out is the
 *  caller's (free it). */
ilokg_status w3c_graph_list(const ilokg_qterm ***out, size_t *n, const w3c_result *g,
                            const ilokg_qterm *head);
/** Every object of (s, p, ?) (borrowed pointers), as w3c_graph_list. */
ilokg_status w3c_graph_objects(const ilokg_qterm ***out, size_t *n, const w3c_result *g,
                               const ilokg_qterm *s, const char *p);

/* ---- Comparison (w3c_compare.c) -----------------------------------------------------------------
 */

/** How order counts: none (multisets), or the expected rows' sequence, rows that tie on the
 *  key columns being free to come in any order among themselves. n_keys 0 with ordered set:
 *  positions must match exactly. lax: the test's mf:resultCardinality is mf:LaxCardinality
 *  (REDUCED may drop some duplicates): the rows are compared as sets, and the answer may not
 *  have more rows than expected. */
typedef struct {
    int           ordered;
    const size_t *keys; /* column indexes of the expected result */
    size_t        n_keys;
    int           lax;
} w3c_order;

/** 1 when actual answers as expected by the W3C rules (see README.md); else 0, with the
 *  reason appended to why. Graphs are compared as sets (duplicates ignored). */
int w3c_compare(const w3c_result *expected, const w3c_result *actual, const w3c_order *order,
                ilokg_buf *why);
/** Writes the result as a table (for --verbose). */
void w3c_result_print(FILE *fp, const w3c_result *r, const char *title, size_t max_rows);

/* ---- The engine (w3c_engine.c) ------------------------------------------------------------------
 */

/** One evaluation test's input: files (paths) and the IRIs they are known by. */
typedef struct {
    const char        *query_path, *query_iri;
    const char *const *data, *const *data_iri; /* the default graph's files */
    size_t             n_data;
    const char *const *named, *const *named_iri; /* named graphs: a file each, named by its IRI */
    size_t n_named;
} w3c_case;

/** The ORDER BY of the query's answer, as result column names (in out's pool). ordered 0:
 *  none; all_vars 0: some key is not a result column (its ties are unknown here). */
typedef struct {
    int         ordered, all_vars;
    const char *keys[16];
    size_t      n_keys;
} w3c_order_names;

/** 1 when this build has the query engine (else every engine call is ILOKG_ERR_QUERY). */
int w3c_engine_present(void);
/** Parses the query only: the parser's status, its first message into msg. */
ilokg_status w3c_engine_parse(const char *query_path, const char *query_iri, ilokg_buf *msg);
/** Loads the data into a fresh in-memory store, parses and evaluates the query: *out gets the
 *  answer, *ord its ORDER BY. *stage names what failed ("data", "parse", "eval"). */
ilokg_status w3c_engine_run(w3c_result *out, w3c_order_names *ord, const w3c_case *c,
                            const char **stage, ilokg_buf *msg);

#endif
