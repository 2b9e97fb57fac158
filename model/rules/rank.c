#include "rank.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
enum { BASE = 62 };

static char *rank_between_halving(const char *before, const char *after);

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

/* The next key after a (or before it, down), as a number of at least RANK_STEP_DIGITS
 * digits counted up (or down) by one: appending ten thousand cards one after another keeps
 * keys a few characters long, where halving the gap to the end would add a character every
 * few cards. When the digits run out, RANK_STEP_DIGITS more give 62^3 further steps. NULL
 * only when a is the first key there can be. */
enum { RANK_STEP_DIGITS = 3 };

static char *step(const char *a, bool up)
{
	size_t len = strlen(a), width = len < RANK_STEP_DIGITS ? RANK_STEP_DIGITS : len;

	for (int attempt = 0; attempt < 8; attempt++, width += RANK_STEP_DIGITS) {
		char *k = xcalloc(width + 1, 1);
		memcpy(k, a, len);
		memset(k + len, '0', width - len);
		size_t i = width;
		/* Count by one in base 62, carrying; a key may not end in '0'. */
		do {
			for (i = width; i-- > 0;) {
				int v = digit_value(k[i]) + (up ? 1 : -1);
				if (v >= 0 && v < BASE) {
					k[i] = digits[v];
					break;
				}
				k[i] = digits[up ? 0 : BASE - 1];
			}
		} while (i != (size_t)-1 && k[width - 1] == '0');
		if (i != (size_t)-1 && rank_valid(k) && (up ? strcmp(k, a) > 0 : strcmp(k, a) < 0))
			return k;
		free(k);
	}
	return NULL;
}

char *rank_between(const char *before, const char *after)
{
	/* At either end: count on from the end key, so keys stay short however many come. */
	if (!str_empty(before) && str_empty(after) && rank_valid(before))
		return step(before, true);
	if (str_empty(before) && !str_empty(after) && rank_valid(after)) {
		char *k = step(after, false);
		if (k)
			return k;
	}
	return rank_between_halving(before, after);
}

static char *rank_between_halving(const char *before, const char *after)
{
	struct strbuf out = {0};
	const char *a = str_empty(before) ? "" : before;
	const char *b = str_empty(after) ? NULL : after;
	size_t i = 0;

	if ((*a && !rank_valid(a)) || (b && !rank_valid(b)) || (b && strcmp(a, b) >= 0))
		return NULL;
	for (;;) {
		int lo = i < strlen(a) ? digit_value(a[i]) : 0;
		int hi = b ? (i < strlen(b) ? digit_value(b[i]) : 0) : BASE;

		if (hi - lo > 1) {
			sb_putc(&out, digits[(lo + hi) / 2]);
			return sb_detach(&out);
		}
		sb_putc(&out, digits[lo]);
		if (hi - lo == 1)
			b = NULL; /* anything after this prefix is below `after` */
		i++;
	}
}
