/* SPDX-License-Identifier: Apache-2.0 */
/* RDF serialisation (placeholder). */
typedef int ilokg_serialize_placeholder;
