#include "rank.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
enum { BASE = 62 };

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

char *rank_between(const char *before, const char *after)
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
