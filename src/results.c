/* SPDX-License-Identifier: Apache-2.0 */
/* Placeholder. */
typedef int ilokg_results_placeholder;
