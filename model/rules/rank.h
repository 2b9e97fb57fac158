/* Fractional rank keys: the order of cards inside a column. A key is a string over
 * 0-9A-Za-z (ASCII order) that never ends in '0', so there is always room between two keys
 * and an ordinary move rewrites only the moved card. */
#ifndef COBOARD_RANK_H
#define COBOARD_RANK_H

#include <stdbool.h>
#include <stddef.h>

/* The longest key rank_place gives: short keys keep card headers, the index and every
 * ORDER BY small however people reorder a column. */
enum { RANK_MAX = 12 };

/* A key strictly between before and after; NULL (or "") means open on that side. At an
 * open end it counts on from the end key, so appending or prepending keeps keys short.
 * Requires before < after when both are given; returns NULL if they are not ordered.
 * Caller frees. */
char *rank_between(const char *before, const char *after);

/* True when s is a well-formed key. */
bool rank_valid(const char *s);

/* The card a placement names: the one above the place (`--after A`, or the last card when
 * appending) or the one below it (`--before B`). The key goes to the far side of the gap, so
 * placing card after card next to the same one keeps finding room at the same length. */
enum rank_anchor { RANK_ANCHOR_ABOVE, RANK_ANCHOR_BELOW };

/* Where a card goes in a column. key is its key; when no key of at most RANK_MAX characters
 * fits there (two offices gave two cards one key, or the keys ran long), the fewest cards
 * around the place are spaced out again: keys[first .. first + count) take respaced[]. */
struct rank_plan {
	char *key;
	size_t first, count;
	char **respaced;
};

/* Plans a card's key at position at (0..n) of a column whose other keys are keys[0..n), in
 * order, named by anchor. Every key it gives is valid, in order
 * and at most RANK_MAX long, whatever the keys it is given (out of order or overlong ones
 * are spaced out). */
void rank_place(const char *const *keys, size_t n, size_t at, enum rank_anchor anchor,
		struct rank_plan *plan);
void rank_plan_free(struct rank_plan *plan);

#endif
