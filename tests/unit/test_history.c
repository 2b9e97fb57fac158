/* Field changes: the comparison of two cards, the one wording of a change, and blame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "blame.h"
#include "history.h"
#include "fixture.h"
#include "members.h"

static const char *worded(const char *field, const char *old_value, const char *new_value,
			  struct strbuf *out)
{
	sb_reset(out);
	history_word_change(field, old_value, new_value, NULL, out);
	return sb_str(out);
}

static void test_wording(void **state)
{
	struct strbuf out = {0};

	(void)state;
	assert_string_equal(worded("column", "todo", "done", &out), "todo -> done");
	assert_string_equal(worded("due", "", "2026-03-01", &out), "(none) -> 2026-03-01");
	assert_string_equal(worded("co", "MOE, MIA", "", &out), "\u2212MOE \u2212MIA");
	assert_string_equal(worded("co", "MOE, MIA", "MIA, AKM", &out), "+AKM \u2212MOE");
	assert_string_equal(worded("co", "MOE, MIA", "MIA, MOE", &out), "MOE, MIA -> MIA, MOE");
	assert_string_equal(worded("labels", "", "safety", &out), "+safety");
	assert_string_equal(worded("note", "", "text", &out), "added \"text\"");
	assert_string_equal(worded("note", "two\nlines", "", &out), "removed \"two\" …");
	assert_string_equal(worded("description", "a", "b", &out), "changed");
	assert_string_equal(worded("title", "one\ntwo", "one", &out), "changed");
	assert_string_equal(worded("created", "", "Register", &out), "Register");
	sb_free(&out);
}

static void test_diff(void **state)
{
	struct cb_error err = {0};
	struct change_list changes = {0};
	struct card a, b;

	(void)state;
	assert_int_equal(card_parse(&a, fixture_card1, sizeof(fixture_card1) - 1, &err), 0);
	card_copy(&b, &a);
	str_set(&b.column, "done");
	sv_push(&b.co, "AKM");
	str_set(&b.rank, "W"); /* a move within the column is no change of a field */
	history_diff(&a, &b, &changes);
	assert_int_equal(changes.n, 2);
	assert_string_equal(changes.v[0].field, "column");
	assert_string_equal(changes.v[0].new_value, "done");
	assert_string_equal(changes.v[1].field, "co");
	assert_string_equal(changes.v[1].old_value, "MOE");
	assert_string_equal(changes.v[1].new_value, "MOE, AKM");
	change_list_free(&changes);

	history_diff(NULL, &a, &changes);
	assert_string_equal(changes.v[0].field, "created");
	assert_string_equal(changes.v[0].new_value, "Register of camps");
	change_list_free(&changes);
	card_free(&a);
	card_free(&b);
}

static void test_blame(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice"), *bob;
	struct op_result res;
	struct cb_error err = {0};
	struct blame blame;
	struct card c;

	(void)state;
	/* Co-executors are the coordinator's to change: Bob is made a secretary first. */
	struct member_change promote = {.login = "bob", .role = "secretary"};
	assert_int_equal(members_set(s, &promote, &res, &err), 0);
	bob = fixture_as(&f, "bob");
	assert_int_equal(ops_assign(bob, 1, NULL, "MOE,AKM", NULL, &res, &err), 0);
	session_close(bob);
	assert_int_equal(index_refresh(s->index, &err), 0);
	c = fixture_card(s, 1);
	assert_int_equal(history_blame(s->index, &c, &blame, &err), 0);
	assert_int_equal(blame.n, BLAME_FIELDS);
	for (size_t i = 0; i < blame.n; i++) {
		const struct blame_row *row = &blame.v[i];

		if (strcmp(row->field, "co") == 0) {
			assert_string_equal(row->value, "MOE, AKM");
			assert_int_equal(row->origin.n, 1);
			assert_string_equal(row->origin.v[0].author, "Bob");
			assert_string_equal(row->origin.v[0].commit, res.commit);
		} else if (strcmp(row->field, "lead") == 0) {
			assert_string_equal(row->value, "MOH");
			assert_string_equal(row->origin.v[0].author, "Alice");
		}
	}
	blame_free(&blame);
	card_free(&c);
	fixture_close(&f, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wording),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_blame),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
