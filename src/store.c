/* SPDX-License-Identifier: Apache-2.0 */
/* Persistent stores (placeholder). */
typedef int ilokg_store_placeholder;
