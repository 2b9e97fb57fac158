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

/* A column of keys kept in order, placed through rank_place as the write path does. */
struct column {
	char **keys;
	size_t n, respaced_places, respaced_cards;
};

static void place(struct column *c, size_t at, enum rank_anchor anchor)
{
	struct rank_plan plan;

	rank_place((const char *const *)c->keys, c->n, at, anchor, &plan);
	assert_non_null(plan.key);
	for (size_t i = 0; i < plan.count; i++) {
		free(c->keys[plan.first + i]);
		c->keys[plan.first + i] = plan.respaced[i];
		plan.respaced[i] = NULL;
	}
	if (plan.count) {
		c->respaced_places++;
		c->respaced_cards += plan.count;
	}
	c->keys = realloc(c->keys, (c->n + 1) * sizeof(*c->keys));
	memmove(&c->keys[at + 1], &c->keys[at], (c->n - at) * sizeof(*c->keys));
	c->keys[at] = plan.key;
	plan.key = NULL;
	c->n++;
	rank_plan_free(&plan);
}

/* Every key valid, at most RANK_MAX long, each strictly above the one before. */
static void assert_column_sound(const struct column *c)
{
	for (size_t i = 0; i < c->n; i++) {
		assert_true(rank_valid(c->keys[i]));
		assert_true(strlen(c->keys[i]) <= RANK_MAX);
		if (i > 0)
			assert_true(strcmp(c->keys[i - 1], c->keys[i]) < 0);
	}
}

static void column_free(struct column *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->keys[i]);
	free(c->keys);
}

enum pattern { APPEND, PREPEND, AFTER_SAME, BEFORE_SAME, BOTH_SAME, RANDOM, PATTERNS };

/* 10,000 placements of one kind, as people make them: to the bottom, to the top, again and
 * again after the same card or before the same card (or both in turn), anywhere. The column
 * stays sound after each; only the places where keys run out rewrite other cards. */
static void test_ten_thousand_placements(void **state)
{
	enum { PLACEMENTS = 10000 };
	unsigned seed = 7;

	(void)state;
	for (int p = 0; p < PATTERNS; p++) {
		struct column c = {0};
		place(&c, 0, RANK_ANCHOR_ABOVE); /* the two cards placed next to */
		place(&c, 1, RANK_ANCHOR_ABOVE);
		for (int i = 0; i < PLACEMENTS; i++) {
			size_t r = (size_t)rand_r(&seed);
			switch (p) {
			case APPEND: place(&c, c.n, RANK_ANCHOR_ABOVE); break;
			case PREPEND: place(&c, 0, RANK_ANCHOR_BELOW); break;
			case AFTER_SAME: place(&c, 1, RANK_ANCHOR_ABOVE); break;
			case BEFORE_SAME: place(&c, c.n - 1, RANK_ANCHOR_BELOW); break;
			case BOTH_SAME:
				if (i % 2)
					place(&c, 1, RANK_ANCHOR_ABOVE);
				else
					place(&c, c.n - 1, RANK_ANCHOR_BELOW);
				break;
			default:
				place(&c, r % (c.n + 1),
				      r / 7 % 2 ? RANK_ANCHOR_ABOVE : RANK_ANCHOR_BELOW);
			}
			if (i % 500 == 0 || i == PLACEMENTS - 1)
				assert_column_sound(&c);
		}
		print_message("pattern %d: %zu of %d placements respaced %zu cards\n", p,
			      c.respaced_places, PLACEMENTS, c.respaced_cards);
		if (p == APPEND || p == PREPEND || p == AFTER_SAME || p == BEFORE_SAME)
			assert_int_equal(c.respaced_places, 0);
		else
			assert_true(c.respaced_places * 100 <= PLACEMENTS);
		column_free(&c);
	}
}

/* Keys that ran long on an older board, and two cards sharing a key: a placement among them
 * respaces the fewest neighbours, and every key it gives is short and in order. */
static void test_respacing(void **state)
{
	const char *tied[] = {"V", "X", "X", "Z"};
	char longkey[80];
	struct rank_plan plan;

	(void)state;
	rank_place(tied, 4, 2, RANK_ANCHOR_BELOW, &plan); /* between the two Xs */
	assert_int_equal(plan.first, 2);
	assert_int_equal(plan.count, 1); /* only the second X moves */
	assert_true(strcmp("X", plan.key) < 0 && strcmp(plan.key, plan.respaced[0]) < 0 &&
		    strcmp(plan.respaced[0], "Z") < 0);
	rank_plan_free(&plan);

	memset(longkey, 'V', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	const char *overlong[] = {"1", longkey, longkey + 40, "x"}; /* 79 and 39 Vs */
	rank_place(overlong, 4, 2, RANK_ANCHOR_ABOVE, &plan);
	assert_true(plan.count >= 1);
	assert_true(strlen(plan.key) <= RANK_MAX);
	for (size_t i = 0; i < plan.count; i++)
		assert_true(strlen(plan.respaced[i]) <= RANK_MAX);
	rank_plan_free(&plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_random_inserts),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_short_at_the_ends),
		cmocka_unit_test(test_ten_thousand_placements),
		cmocka_unit_test(test_respacing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
