/* SPDX-License-Identifier: Apache-2.0 */
/* Placeholder. */
typedef int ilokg_sha256_placeholder;
