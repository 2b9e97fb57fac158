#include "rank.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
enum {
	BASE = 62,
	WIDEST = 10,	  /* digits whose value a uint64_t holds: 62^10 < 2^63 */
	STEP_DIGITS = 3,  /* a key counted on from its neighbour has room for 62^3 more */
	SPACED_MAX = RANK_MAX - STEP_DIGITS, /* spaced-out keys leave room to count on */
};

/* Where in a gap a new key goes: near its low end, near its high end, or in its middle. */
enum side { NEAR_LOW, NEAR_HIGH, MIDDLE };
/* The fraction of a gap that means: the next key, one step on (appending and prepending). */
enum { ONE_STEP = 0 };

static int digit_value(char c)
{
	const char *p = c ? strchr(digits, c) : NULL;

	return p ? (int)(p - digits) : -1;
}

bool rank_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || s[n - 1] == '0')
		return false;
	for (size_t i = 0; i < n; i++)
		if (digit_value(s[i]) < 0)
			return false;
	return true;
}

static bool ordered(const char *lo, const char *hi)
{
	return (!lo || rank_valid(lo)) && (!hi || rank_valid(hi)) &&
	       (!lo || !hi || strcmp(lo, hi) < 0);
}

/* The gap between two keys (NULL: open), as the digits after the prefix they share: every
 * key between them starts with that prefix. */
struct gap {
	const char *prefix, *lo, *hi;
	size_t plen;
};

static struct gap gap_of(const char *lo, const char *hi)
{
	struct gap g = {lo ? lo : "", lo ? lo : "", hi, 0};

	if (lo && hi)
		while (lo[g.plen] && lo[g.plen] == hi[g.plen])
			g.plen++;
	g.lo += g.plen;
	if (hi)
		g.hi = hi + g.plen;
	return g;
}

/* The first w digits of a key as a number, short keys padded with zeros. */
static uint64_t value_at(const char *key, size_t w)
{
	size_t n = strlen(key);
	uint64_t v = 0;

	for (size_t i = 0; i < w; i++)
		v = v * BASE + (uint64_t)(i < n ? digit_value(key[i]) : 0);
	return v;
}

/* The numbers strictly between the gap's ends, seen at w digits: (*lo, *hi). A number there,
 * written in w digits after the prefix, sorts strictly between the two keys. */
static bool gap_at(const struct gap *g, size_t w, uint64_t *lo, uint64_t *hi)
{
	*lo = value_at(g->lo, w);
	if (g->hi) {
		*hi = value_at(g->hi, w);
	} else {
		*hi = 1;
		for (size_t i = 0; i < w; i++)
			*hi *= BASE;
	}
	return *hi > *lo && *hi - *lo >= 2;
}

/* The prefix and v in w digits; trailing zeros are dropped, which keeps the key's place. */
static char *key_of(const struct gap *g, uint64_t v, size_t w)
{
	char *k = xmalloc(g->plen + w + 1);
	size_t n = g->plen + w;

	memcpy(k, g->prefix, g->plen);
	for (size_t i = w; i-- > 0; v /= BASE)
		k[g->plen + i] = digits[v % BASE];
	while (n > g->plen && k[n - 1] == '0')
		n--;
	k[n] = '\0';
	return k;
}

/* A key in the gap: its middle at the fewest digits; or a fraction of the gap in from one
 * end, at that end's own width (at least STEP_DIGITS in all), so that keys counted on from
 * the same place keep their length. NULL when none fits in WIDEST digits after the prefix. */
static char *key_in(const char *lo, const char *hi, enum side side, uint64_t fraction)
{
	struct gap g = gap_of(lo, hi);
	size_t from = 1, by = 1;
	uint64_t l, h;

	if (side != MIDDLE) {
		size_t own = strlen(side == NEAR_LOW ? g.lo : g.hi);
		from = g.plen < STEP_DIGITS ? STEP_DIGITS - g.plen : 1;
		if (own > from)
			from = own < WIDEST ? own : WIDEST;
		by = STEP_DIGITS;
	}
	for (size_t w = from;; w = w + by > WIDEST ? WIDEST : w + by) {
		if (gap_at(&g, w, &l, &h)) {
			uint64_t d = fraction == ONE_STEP ? 1 : (h - l) / fraction + 1;
			uint64_t v = side == NEAR_LOW	? l + d
				     : side == NEAR_HIGH ? h - d
							 : l + (h - l) / 2;
			/* Counting on keeps the width: a number ending in 0 would be written
			 * shorter, and the next count from it would have room for 62 keys, not
			 * 62^3. */
			if (side != MIDDLE && v % BASE == 0)
				v = side == NEAR_LOW ? v + 1 : v - 1;
			if (v > l && v < h)
				return key_of(&g, v, w);
		}
		if (w == WIDEST)
			break;
	}
	return NULL;
}

/* Halving digit by digit: a key between any two, however long the result. */
static char *key_halving(const char *lo, const char *hi)
{
	struct strbuf out = {0};
	const char *a = lo ? lo : "", *b = hi;

	for (size_t i = 0;; i++) {
		int l = i < strlen(a) ? digit_value(a[i]) : 0;
		int h = b ? (i < strlen(b) ? digit_value(b[i]) : 0) : BASE;

		if (h - l > 1) {
			sb_putc(&out, digits[(l + h) / 2]);
			return sb_detach(&out);
		}
		sb_putc(&out, digits[l]);
		if (h - l == 1)
			b = NULL; /* anything after this prefix is below hi */
	}
}

static char *key_between(const char *lo, const char *hi, enum side side, uint64_t fraction)
{
	char *k = key_in(lo, hi, side, fraction);

	return k ? k : key_halving(lo, hi);
}

char *rank_between(const char *before, const char *after)
{
	const char *lo = str_empty(before) ? NULL : before, *hi = str_empty(after) ? NULL : after;

	if (!ordered(lo, hi))
		return NULL;
	return key_between(lo, hi, lo && !hi ? NEAR_LOW : hi && !lo ? NEAR_HIGH : MIDDLE,
			   ONE_STEP);
}

/* Gives the count keys of window [first, first + count) and the placed card, at slot `at`
 * among them, keys evenly spread between the window's neighbours, at most SPACED_MAX long
 * with at least BASE numbers between each two. False when they do not fit. */
static bool space_out(const char *const *keys, size_t n, size_t first, size_t count, size_t at,
		      struct rank_plan *plan)
{
	const char *lo = first > 0 ? keys[first - 1] : NULL;
	const char *hi = first + count < n ? keys[first + count] : NULL;
	struct gap g;
	uint64_t l, h, slots = count + 2;

	if (!ordered(lo, hi))
		return false;
	g = gap_of(lo, hi);
	for (size_t w = 1; g.plen + w <= SPACED_MAX && w <= WIDEST; w++) {
		if (!gap_at(&g, w, &l, &h) || (h - l) / slots < BASE)
			continue;
		uint64_t step = (h - l) / slots;
		plan->first = first;
		plan->count = count;
		plan->respaced = xcalloc(count ? count : 1, sizeof(*plan->respaced));
		for (size_t i = 0, j = 0; i <= count; i++) {
			char *k = key_of(&g, l + (i + 1) * step, w);
			if (first + i == at)
				plan->key = k;
			else
				plan->respaced[j++] = k;
		}
		return true;
	}
	return false;
}

static size_t shared(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

/* How far from the far neighbour a placed key goes, as a fraction of the gap. A card placed
 * again and again next to the same one lands each time between it and the card placed last,
 * which sits much nearer its own far neighbour than to the anchor: that run counts on in
 * small steps, so ten thousand of them share a length. Anywhere else a sixteenth of the gap
 * leaves room on both sides for whatever comes next. */
static uint64_t run_fraction(const char *const *keys, size_t n, size_t at, enum side side)
{
	const char *lo = at > 0 ? keys[at - 1] : NULL, *hi = at < n ? keys[at] : NULL;
	const char *far = side == NEAR_HIGH ? hi : lo;
	const char *beyond = side == NEAR_HIGH ? (at + 1 < n ? keys[at + 1] : NULL)
					       : (at >= 2 ? keys[at - 2] : NULL);

	if (!lo || !hi)
		return ONE_STEP; /* an end: appending and prepending count on */
	if (beyond && shared(far, beyond) > shared(lo, hi) + 1)
		return BASE * BASE;
	return 16;
}

void rank_place(const char *const *keys, size_t n, size_t at, enum rank_anchor anchor,
		struct rank_plan *plan)
{
	const char *lo = at > 0 ? keys[at - 1] : NULL, *hi = at < n ? keys[at] : NULL;
	enum side side = anchor == RANK_ANCHOR_ABOVE ? (hi ? NEAR_HIGH : lo ? NEAR_LOW : MIDDLE)
						     : (lo ? NEAR_LOW : hi ? NEAR_HIGH : MIDDLE);

	memset(plan, 0, sizeof(*plan));
	if (ordered(lo, hi)) {
		plan->key = key_between(lo, hi, side, run_fraction(keys, n, at, side));
		if (strlen(plan->key) <= RANK_MAX)
			return;
		free(plan->key);
		plan->key = NULL;
	}
	/* The fewest neighbours first: the card below, the card above, both; then wider. */
	if (at < n && space_out(keys, n, at, 1, at, plan))
		return;
	if (at > 0 && space_out(keys, n, at - 1, 1, at, plan))
		return;
	for (size_t reach = 1;; reach *= 2) {
		size_t first = at > reach ? at - reach : 0, last = at + reach < n ? at + reach : n;
		/* The whole column always fits: n + 1 keys at SPACED_MAX digits, for any n
		 * short of 62^8. */
		if (space_out(keys, n, first, last - first, at, plan) || (first == 0 && last == n))
			return;
	}
}

void rank_plan_free(struct rank_plan *plan)
{
	free(plan->key);
	for (size_t i = 0; i < plan->count; i++)
		free(plan->respaced[i]);
	free(plan->respaced);
	memset(plan, 0, sizeof(*plan));
}
