/* The merge rules of two offices' changes: cards field by field, values set aside on both
 * sides' collisions (the same on either side of the merge), sets of notes and co-executors,
 * board.conf line by line, minutes kept whole, and the text of a card with conflicts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "merge.h"

static const char base_text[] = "title: Register of camps\n"
				"column: todo\n"
				"rank: V\n"
				"lead: MOH\n"
				"co: MOE\n"
				"due: 2026-03-10\n"
				"labels: safety\n"
				"archived: no\n"
				"\n"
				"The description.\n"
				"\n"
				"--- note 2026-01-20T10:00:00Z alice\n"
				"First.\n";

static struct card parsed(const char *text)
{
	struct card c;
	struct cb_error err = {0};

	assert_int_equal(card_parse(&c, text, strlen(text), &err), 0);
	return c;
}

/* A copy of base_text with one line replaced (old must occur). */
static char *edited(const char *text, const char *old, const char *new)
{
	const char *at = strstr(text, old);
	struct strbuf out = {0};

	assert_non_null(at);
	sb_add(&out, text, (size_t)(at - text));
	sb_puts(&out, new);
	sb_puts(&out, at + strlen(old));
	return sb_detach(&out);
}

static void merge_both_ways(const char *b, const char *o, const char *t, struct card *m1,
			    struct card *m2, int *n1, int *n2)
{
	struct card base = parsed(b), ours = parsed(o), theirs = parsed(t);

	*n1 = card_merge(&base, &ours, &theirs, m1);
	*n2 = card_merge(&base, &theirs, &ours, m2);
	card_free(&base);
	card_free(&ours);
	card_free(&theirs);
}

static void test_fields_from_each_side(void **state)
{
	(void)state;
	char *ours = edited(base_text, "column: todo\nrank: V", "column: doing\nrank: k");
	char *theirs = edited(base_text, "lead: MOH", "lead: AKM");
	struct card m1, m2;
	int n1, n2;

	merge_both_ways(base_text, ours, theirs, &m1, &m2, &n1, &n2);
	assert_int_equal(n1, 0);
	assert_string_equal(m1.column, "doing");
	assert_string_equal(m1.rank, "k");
	assert_string_equal(m1.lead, "AKM");
	assert_int_equal(m1.nconflicts, 0);
	struct strbuf a = {0}, b = {0};
	card_format(&m1, &a);
	card_format(&m2, &b);
	assert_string_equal(sb_str(&a), sb_str(&b));
	sb_free(&a);
	sb_free(&b);
	card_free(&m1);
	card_free(&m2);
	free(ours);
	free(theirs);
}

static void test_collision_sets_aside(void **state)
{
	(void)state;
	char *ours = edited(base_text, "due: 2026-03-10", "due: 2026-04-01");
	char *theirs = edited(base_text, "due: 2026-03-10", "due: 2026-05-01");
	struct card m1, m2;
	int n1, n2;

	merge_both_ways(base_text, ours, theirs, &m1, &m2, &n1, &n2);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 1);
	/* The same value wins whichever side merges. */
	assert_string_equal(m1.due, "2026-05-01");
	assert_string_equal(m2.due, "2026-05-01");
	assert_int_equal(m1.nconflicts, 1);
	assert_string_equal(m1.conflicts[0].field, "due");
	assert_string_equal(m1.conflicts[0].value, "2026-04-01");
	card_free(&m1);
	card_free(&m2);
	free(ours);
	free(theirs);
	/* The same new value on both sides is no collision. */
	ours = edited(base_text, "due: 2026-03-10", "due: 2026-04-01");
	merge_both_ways(base_text, ours, ours, &m1, &m2, &n1, &n2);
	assert_int_equal(n1, 0);
	assert_int_equal(m1.nconflicts, 0);
	card_free(&m1);
	card_free(&m2);
	free(ours);
}

static void test_sets(void **state)
{
	(void)state;
	char *o1 = edited(base_text, "co: MOE", "co: MOE, AKM");
	char *ours = edited(o1, "--- note 2026-01-20T10:00:00Z alice\nFirst.\n",
			    "--- note 2026-01-20T10:00:00Z alice\nFirst.\n\n"
			    "--- note 2026-01-22T10:00:00Z alice\nOurs.\n");
	char *t1 = edited(base_text, "co: MOE", "co:");
	char *theirs = edited(t1, "--- note 2026-01-20T10:00:00Z alice\nFirst.\n",
			      "--- note 2026-01-20T10:00:00Z alice\nFirst.\n\n"
			      "--- note 2026-01-21T10:00:00Z bob\nTheirs.\n");
	struct card m1, m2;
	int n1, n2;

	merge_both_ways(base_text, ours, theirs, &m1, &m2, &n1, &n2);
	assert_int_equal(n1, 0);
	assert_int_equal(m1.co.n, 1); /* MOE removed there, AKM added here */
	assert_string_equal(m1.co.v[0], "AKM");
	assert_int_equal(m1.nnotes, 3); /* a set, in time order */
	assert_string_equal(m1.notes[1].text, "Theirs.");
	assert_string_equal(m1.notes[2].text, "Ours.");
	card_free(&m1);
	card_free(&m2);
	free(o1);
	free(ours);
	free(t1);
	free(theirs);
}

static void test_card_text_with_conflicts(void **state)
{
	(void)state;
	char *text = edited(base_text, "First.\n",
			    "First.\n\n--- conflict description\nAn older\n\\--- note not a marker\n\n"
			    "--- conflict due\n2026-04-01\n");
	struct card c = parsed(text);
	struct strbuf again = {0};

	assert_int_equal(c.nnotes, 1);
	assert_int_equal(c.nconflicts, 2);
	assert_string_equal(c.conflicts[0].field, "description");
	assert_string_equal(c.conflicts[0].value, "An older\n--- note not a marker");
	assert_string_equal(c.conflicts[1].field, "due");
	card_format(&c, &again);
	assert_string_equal(sb_str(&again), text);
	card_free(&c);
	sb_free(&again);
	free(text);
}

static void test_board_conf(void **state)
{
	(void)state;
	const char *base = "title: T\ncolumn: todo | To do | 0\nagency: MOE | Education\n"
			   "member: a | A | a@x | viewer |\n";
	const char *ours = "title: T\ncolumn: todo | To do | 0\nagency: MOE | Education\n"
			   "agency: AKM | Akmola\nmember: a | A | a@x | member | MOE\n";
	const char *theirs = "title: T\ncolumn: todo | To do | 3\nagency: MOE | Education\n"
			     "member: a | A | a@x | secretary |\nmember: b | B | b@x | viewer |\n";
	struct strbuf out = {0};
	struct cb_error err = {0};
	bool present;
	struct version b = {base, strlen(base)}, o = {ours, strlen(ours)}, t = {theirs, strlen(theirs)};

	assert_int_equal(merge_file("board.conf", b, o, t, &out, &present, &err), 1);
	assert_true(present);
	assert_string_equal(sb_str(&out), "title: T\ncolumn: todo | To do | 3\nagency: MOE | Education\n"
					  "agency: AKM | Akmola\nmember: a | A | a@x | secretary |\n"
					  "# conflict: member: a | A | a@x | member | MOE\n"
					  "member: b | B | b@x | viewer |\n");
	sb_free(&out);
}

static void test_minutes_and_removals(void **state)
{
	(void)state;
	struct strbuf out = {0};
	struct cb_error err = {0};
	bool present;
	struct version none = {NULL, 0}, a = {"# Minutes A\n", 12}, z = {"# Minutes Z\n", 12};

	assert_int_equal(merge_file("meetings/2026-01-15.md", none, z, a, &out, &present, &err), 0);
	assert_string_equal(sb_str(&out), "# Minutes A\n\n# Minutes Z\n");
	sb_reset(&out);
	/* Removed on one side, unchanged on the other: removed; changed there: kept. */
	assert_int_equal(merge_file("meetings/current", a, none, a, &out, &present, &err), 0);
	assert_false(present);
	assert_int_equal(merge_file("meetings/current", a, none, z, &out, &present, &err), 0);
	assert_true(present);
	assert_string_equal(sb_str(&out), "# Minutes Z\n");
	sb_reset(&out);
	/* A card that does not parse is named, not guessed at. */
	struct version bad = {"nonsense\n", 9}, good = {base_text, strlen(base_text)};
	char *changed = edited(base_text, "lead: MOH", "lead: AKM");
	struct version other = {changed, strlen(changed)};
	assert_int_equal(merge_file("cards/7.card", good, bad, other, &out, &present, &err), -1);
	assert_non_null(strstr(err.msg, "cards/7.card"));
	free(changed);
	sb_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_from_each_side),
		cmocka_unit_test(test_collision_sets_aside),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_card_text_with_conflicts),
		cmocka_unit_test(test_board_conf),
		cmocka_unit_test(test_minutes_and_removals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
