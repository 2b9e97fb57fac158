/* The one write path against a real repository: each op makes one commit or none, checks
 * the acting member's role, and the index follows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

static size_t log_rows(struct session *s, int card)
{
	struct log_filter f = {.card = card};
	struct log_list log = {0};
	struct cb_error err = {0};
	size_t n;

	assert_int_equal(index_log(s->index, &f, &log, &err), 0);
	n = log.n;
	log_list_free(&log);
	return n;
}

static void test_add_and_move(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct add_args add = {"New item", "MOE", "MOH,AKM", "todo", "2026-05-01", "a, b", "Text"};
	struct op_result res;
	struct cb_error err = {0};
	struct card c;
	char tip[41];

	(void)state;
	assert_int_equal(ops_add(s, &add, &res, &err), 0);
	assert_int_equal(res.card, 3);
	assert_true(res.changed);
	assert_string_equal(index_tip(s->index), res.commit);
	c = fixture_card(s, 3);
	assert_string_equal(c.title, "New item");
	assert_string_equal(c.lead, "MOE");
	assert_int_equal(c.co.n, 2);
	assert_string_equal(c.co.v[1], "AKM");
	card_free(&c);

	assert_int_equal(ops_move(s, 3, "doing", 0, 0, "started", &res, &err), 0);
	assert_true(res.changed);
	c = fixture_card(s, 3);
	assert_string_equal(c.column, "doing");
	card_free(&c);

	/* Moving where it already is changes nothing and makes no commit. */
	snprintf(tip, sizeof(tip), "%s", index_tip(s->index));
	assert_int_equal(ops_move(s, 3, "doing", 0, 0, NULL, &res, &err), 0);
	assert_false(res.changed);
	assert_string_equal(index_tip(s->index), tip);
	fixture_close(&f, s);
}

static void test_refusals_make_no_commit(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice"), *viewer, *bob;
	struct op_result res;
	struct cb_error err = {0};
	size_t rows_before = log_rows(s, 2);
	char tip[41];

	(void)state;
	snprintf(tip, sizeof(tip), "%s", index_tip(s->index));
	assert_int_equal(ops_assign(s, 1, NULL, "MOE,XYZ", NULL, &res, &err), -1);
	assert_non_null(strstr(err.msg, "XYZ"));
	cb_error_clear(&err);
	assert_int_equal(ops_move(s, 1, "nowhere", 0, 0, NULL, &res, &err), -1);
	assert_int_equal(err.code, CB_ENOTFOUND);
	cb_error_clear(&err);

	viewer = fixture_as(&f, "vic");
	assert_int_equal(ops_note(viewer, 1, "hello", &res, &err), -1);
	assert_int_equal(err.code, CB_EDENIED);
	cb_error_clear(&err);
	session_close(viewer);
	assert_string_equal(index_tip(s->index), tip);

	/* A member changes the cards of its own agency only. */
	bob = fixture_as(&f, "bob");
	assert_int_equal(ops_note(bob, 2, "not mine", &res, &err), -1);
	assert_int_equal(err.code, CB_EDENIED);
	cb_error_clear(&err);
	assert_int_equal(ops_note(bob, 1, "mine", &res, &err), 0);
	session_close(bob);

	assert_int_equal(log_rows(s, 2), rows_before); /* the refused note left no row */
	fixture_close(&f, s);
}

static void test_revert_restores_the_field(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct edit_args e = {.due = "2026-06-30"};
	struct op_result res, moved;
	struct cb_error err = {0};
	struct card c;

	(void)state;
	assert_int_equal(ops_move(s, 1, "done", 0, 0, "work done", &moved, &err), 0);
	assert_int_equal(ops_edit(s, 1, &e, "new deadline", &res, &err), 0);
	assert_int_equal(ops_revert(s, moved.commit, false, &res, &err), 0);
	c = fixture_card(s, 1);
	assert_string_equal(c.column, "todo");
	assert_string_equal(c.due, "2026-06-30"); /* the later change stays */
	card_free(&c);
	fixture_close(&f, s);
}

static void test_save_merges_other_fields(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct op_result res;
	struct cb_error err = {0};
	struct card seen = fixture_card(s, 1), mine;

	(void)state;
	/* Someone else reassigns while the user edits the title from what they saw. */
	assert_int_equal(ops_assign(s, 1, "AKM", NULL, NULL, &res, &err), 0);
	card_copy(&mine, &seen);
	str_set(&mine.title, "Register of summer camps");
	assert_int_equal(ops_save_card(s, &seen, &mine, "edit", NULL, &res, &err), 0);
	card_free(&mine);
	mine = fixture_card(s, 1);
	assert_string_equal(mine.title, "Register of summer camps");
	assert_string_equal(mine.lead, "AKM");
	card_free(&mine);

	/* Both changed the lead differently: a conflict naming the field. */
	card_copy(&mine, &seen);
	str_set(&mine.lead, "MOE");
	assert_int_equal(ops_save_card(s, &seen, &mine, "assign", NULL, &res, &err), -1);
	assert_int_equal(err.code, CB_ECONFLICT);
	assert_non_null(strstr(err.msg, "lead"));
	card_free(&mine);
	card_free(&seen);
	fixture_close(&f, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_move),
		cmocka_unit_test(test_refusals_make_no_commit),
		cmocka_unit_test(test_revert_restores_the_field),
		cmocka_unit_test(test_save_merges_other_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
