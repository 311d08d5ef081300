/* SPDX-License-Identifier: Apache-2.0 */
/* What `ilokg serve` reads from HTTP requests, independent of the server library: the choice of
 * a media type by an Accept header and its q-values, form (x-www-form-urlencoded) decoding, and
 * If-None-Match matching. */
#ifndef ILOKG_HTTP_H
#define ILOKG_HTTP_H

#include <stddef.h>

#include "util/status.h"

/** The index of the media type of offered[0..n) the Accept header prefers (RFC 9110 12.5.1: the
 *  most specific range that matches a type gives its q; the highest q wins, the earlier offered
 *  type on a tie). accept NULL or empty: 0. -1 when every offered type has q=0 or matches no
 *  range. Parameters other than q are ignored. */
int ilokg_http_choose(const char *accept, const char *const *offered, size_t n);

/** One name=value pair of a form or query string, both decoded (NUL-terminated, owned by the
 *  form). */
typedef struct {
    char *name, *value;
} ilokg_http_param;

typedef struct {
    ilokg_http_param *params;
    size_t            n, cap;
} ilokg_http_form;

#define ILOKG_HTTP_FORM_INIT                                                                       \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/** Adds the pairs of an application/x-www-form-urlencoded text of len bytes ("a=1&b=x+y%21") to
 *  form, in order ('+' is a space, %XX a byte). ILOKG_ERR_SYNTAX for a '%' not followed by two
 *  hex digits or a decoded NUL byte. */
ilokg_status ilokg_http_form_parse(ilokg_http_form *form, const char *text, size_t len);
/** Adds one pair as it came in a query string, name and value decoded as in a form (value NULL:
 *  empty). */
ilokg_status ilokg_http_form_add_raw(ilokg_http_form *form, const char *name, const char *value);
/** Adds one pair (copied). */
ilokg_status ilokg_http_form_add(ilokg_http_form *form, const char *name, const char *value);
/** The value of the first pair called name (borrowed), or NULL. */
const char *ilokg_http_form_get(const ilokg_http_form *form, const char *name);
/** How many pairs are called name. */
size_t ilokg_http_form_count(const ilokg_http_form *form, const char *name);
void   ilokg_http_form_free(ilokg_http_form *form);

/** Whether an If-None-Match header (a list of entity tags, or "*") names etag (a quoted entity
 *  tag, "\"...\""); weak tags compare by their opaque part (RFC 9110 13.1.2: weak comparison). */
int ilokg_http_etag_matches(const char *if_none_match, const char *etag);

#endif
