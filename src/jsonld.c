/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD writer (placeholder). */
typedef int ilokg_jsonld_placeholder;
