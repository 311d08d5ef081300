/* SPDX-License-Identifier: Apache-2.0 */
/* The hand-written style and script of web/, compiled in (web/embed.cmake writes web.c). */
#ifndef ILOKG_WEB_H
#define ILOKG_WEB_H

/** web/style.css, NUL-terminated. */
extern const char ilokg_web_style_css[];
/** web/query.js, NUL-terminated. */
extern const char ilokg_web_query_js[];

#endif
