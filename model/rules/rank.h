/* Fractional rank keys: the order of cards inside a column. A key is a string over
 * 0-9A-Za-z (ASCII order) that never ends in '0', so there is always room between two keys
 * and a move rewrites only the moved card. */
#ifndef COBOARD_RANK_H
#define COBOARD_RANK_H

#include <stdbool.h>

/* A key strictly between before and after; NULL (or "") means open on that side.
 * Requires before < after when both are given; returns NULL if they are not ordered.
 * Caller frees. */
char *rank_between(const char *before, const char *after);

/* True when s is a well-formed key. */
bool rank_valid(const char *s);

#endif
