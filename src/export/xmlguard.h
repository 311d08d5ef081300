/* SPDX-License-Identifier: Apache-2.0 */
/* A check run on RDF/XML before it reaches the XML parser: no entity declarations, no external
 * DTD (an entity-expansion bomb exhausts memory inside the parser; an external entity reads a
 * local file or the network). */
#ifndef ILOKG_XMLGUARD_H
#define ILOKG_XMLGUARD_H

#include <stddef.h>

#include "ilokg.h"
#include "util/status.h"

/** Refuses RDF/XML text that declares entities (<!ENTITY) or names an external DTD (a DOCTYPE
 *  with SYSTEM or PUBLIC), or has an xml:lang value longer than raptor reads safely
 *  (ILOKG_LANGTAG_MAX): ILOKG_ERR_SYNTAX reported at file:line:col of the declaration. */
ilokg_status ilokg_xml_check_dtd(ilokg_diag *diag, const char *file, const char *text, size_t len);

/** As ilokg_xml_check_dtd, reading the file first (read errors are ILOKG_ERR_IO). */
ilokg_status ilokg_xml_check_dtd_file(ilokg_diag *diag, const char *path);

#endif
