/* Rank keys: always strictly between their neighbours, never ending in '0'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rank.h"
#include "strbuf.h"

static void assert_between(const char *lo, const char *hi)
{
	char *r = rank_between(lo, hi);

	assert_non_null(r);
	assert_true(rank_valid(r));
	if (lo)
		assert_true(strcmp(lo, r) < 0);
	if (hi)
		assert_true(strcmp(r, hi) < 0);
	free(r);
}

static void test_simple(void **state)
{
	char *r;

	(void)state;
	r = rank_between(NULL, NULL);
	assert_string_equal(r, "V");
	free(r);
	assert_between("V", NULL);
	assert_between(NULL, "V");
	assert_between("V", "W");
	assert_between("1", "2");
	assert_between(NULL, "1");
	assert_between(NULL, "01");
	assert_between("z", NULL);
	assert_between("zzzz", NULL);
	assert_between("V", "V1");
	assert_between("Vz", "W");
}

static void test_rejects(void **state)
{
	(void)state;
	assert_null(rank_between("W", "V"));
	assert_null(rank_between("V", "V"));
	assert_null(rank_between("V0", NULL)); /* not a valid key */
	assert_null(rank_between("a b", NULL));
	assert_false(rank_valid(""));
	assert_false(rank_valid("10"));
	assert_true(rank_valid("1"));
}

/* Insert 3000 times at random places in a list; it stays strictly sorted and keys stay short
 * enough to live in a card header. */
static void test_random_inserts(void **state)
{
	enum { N = 3000 };
	char **keys = calloc(N, sizeof(*keys));
	size_t n = 0, longest = 0;
	unsigned seed = 42;

	(void)state;
	for (int i = 0; i < N; i++) {
		size_t at = n ? (size_t)rand_r(&seed) % (n + 1) : 0;
		char *k = rank_between(at > 0 ? keys[at - 1] : NULL, at < n ? keys[at] : NULL);

		assert_non_null(k);
		memmove(&keys[at + 1], &keys[at], (n - at) * sizeof(*keys));
		keys[at] = k;
		n++;
		if (strlen(k) > longest)
			longest = strlen(k);
	}
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(keys[i - 1], keys[i]) < 0);
	assert_true(longest < 40);
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

/* Appending at the end, as moves to a column's bottom do, grows keys slowly. */
static void test_append(void **state)
{
	char *last = NULL;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		char *k = rank_between(last, NULL);
		assert_non_null(k);
		if (last)
			assert_true(strcmp(last, k) < 0);
		free(last);
		last = k;
	}
	assert_true(strlen(last) < 200);
	free(last);
}

/* Ten thousand cards appended one after another, or each put first: every key stays short
 * (the bound the board's benchmarks rely on), strictly in order, valid. */
static void test_short_at_the_ends(void **state)
{
	(void)state;
	for (int up = 0; up < 2; up++) {
		char *last = NULL;
		size_t longest = 0;
		for (int i = 0; i < 10000; i++) {
			char *k = up ? rank_between(last, NULL) : rank_between(NULL, last);
			assert_non_null(k);
			assert_true(rank_valid(k));
			if (last)
				assert_true(up ? strcmp(last, k) < 0 : strcmp(k, last) < 0);
			if (strlen(k) > longest)
				longest = strlen(k);
			free(last);
			last = k;
		}
		assert_true(longest <= 12);
		free(last);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_random_inserts),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_short_at_the_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
