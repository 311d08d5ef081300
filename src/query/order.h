/* SPDX-License-Identifier: Apache-2.0 */
/* ORDER BY's total order over terms by id (order.c). */
#ifndef ILOKG_ORDER_H
#define ILOKG_ORDER_H

#include "query/qctx.h"
#include "query/qterm.h"

/** ORDER BY's total order (15.1): unbound < blank nodes < IRIs < literals; literals by value
 *  where '<' applies (numbers, strings, dates, booleans), else by a fixed order of datatype and
 *  lexical form. <0, 0, >0. Equal ids compare 0. */
int ilokg_expr_order_cmp(ilokg_qctx *c, ilokg_id a, ilokg_id b);

#endif
