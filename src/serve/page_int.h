/* SPDX-License-Identifier: Apache-2.0 */
/* What the two page modules (page.c: resources, page_query.c: the query page) share. */
#ifndef ILOKG_PAGE_INT_H
#define ILOKG_PAGE_INT_H

#include "serve/page.h"

/** The page's start: doctype, head with title (escaped here) and the compiled-in style, the
 *  site header linking home; extra_head (raw HTML, may be NULL) goes inside <head>. */
ilokg_status ilokg_page_begin(ilokg_buf *out, const char *title, const char *home,
                              const char *extra_head);
/** Closes what ilokg_page_begin opened. */
ilokg_status ilokg_page_end(ilokg_buf *out);

#endif
