/* SPDX-License-Identifier: Apache-2.0 */
/* The built-in functions by family, as the expression evaluator (expr.c) calls them; what the
 * families share of values and result terms is in value.h. */
#ifndef ILOKG_FUNC_H
#define ILOKG_FUNC_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qctx.h"

/** The string functions (func_string.c) over evaluated arguments (none ILOKG_ID_NONE). */
ilokg_status ilokg_fn_string(ilokg_qctx *c, ilokg_builtin fn, const ilokg_id *args, size_t n,
                             ilokg_id *out);
/** Whether fn is one of those. */
int ilokg_fn_is_string(ilokg_builtin fn);
/** The other functions (func_misc.c): numerics, dates, hashes, IRI/BNODE/UUID, types. */
ilokg_status ilokg_fn_misc(ilokg_qctx *c, ilokg_builtin fn, const ilokg_id *args, size_t n,
                           ilokg_id *out);
/** An XSD cast (17.5) of arg to the datatype iri (*out ILOKG_ID_NONE when not allowed, or when
 *  iri is no cast ilokg knows). */
ilokg_status ilokg_fn_cast(ilokg_qctx *c, const char *iri, ilokg_id arg, ilokg_id *out);

#endif
