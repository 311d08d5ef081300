/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL results writers: aligned text table, SPARQL 1.1 CSV and TSV, SPARQL JSON and XML. */
#ifndef ILOKG_RESULTS_H
#define ILOKG_RESULTS_H

#include <stdio.h>

#include "ilokg.h"
#include "util/status.h"

typedef enum {
    ILOKG_TERM_UNBOUND,
    ILOKG_TERM_IRI,
    ILOKG_TERM_BLANK,
    ILOKG_TERM_LITERAL,
} ilokg_term_kind;

/** One value in a result row; strings are borrowed (NUL-terminated); lang and datatype may be
 *  NULL (a plain xsd:string literal). */
typedef struct {
    ilokg_term_kind kind;
    const char     *value; /* IRI, blank node label (without "_:") or lexical form */
    const char     *lang;
    const char     *datatype;
} ilokg_term;

typedef struct ilokg_results_writer ilokg_results_writer;

/** Starts writing variable bindings with these variable names (copied). The writer is the
 *  caller's, freed with ilokg_results_free. */
ilokg_status ilokg_results_begin(ilokg_results_writer **out, ilokg_results_format format, FILE *fp,
                                 const char *const *vars, size_t n_vars);
/** Adds one row of n_vars terms (copied). ILOKG_ERR_ENCODING when a value holds a character the
 *  format cannot carry (SPARQL XML: XML 1.0 has no way to write U+0001 and the other C0 controls
 *  but tab, LF and CR, nor U+FFFE, U+FFFF): the row is not written, the error is reported to the
 *  writer's diagnostics (ilokg_results_report_to). */
ilokg_status ilokg_results_row(ilokg_results_writer *w, const ilokg_term *row);
/** Where ilokg_results_row reports a value it cannot write (NULL: nowhere). */
void ilokg_results_report_to(ilokg_results_writer *w, ilokg_diag *diag);
/** Finishes the document (the table is written here); ILOKG_ERR_IO when writing failed. */
ilokg_status ilokg_results_end(ilokg_results_writer *w);
void         ilokg_results_free(ilokg_results_writer *w);

/** Writes the answer of an ASK query. */
ilokg_status ilokg_results_boolean(ilokg_results_format format, FILE *fp, int value);

/** The IRI of prefix:local when iri starts with a predeclared namespace, else NULL (borrowed
 *  prefix name; *local_at gets the offset of the local part). */
const char *ilokg_results_prefix_of(const char *iri, size_t *local_at);

#endif
