/* Meetings and slippage: the minutes of what changed during a meeting, and how a card's
 * deadline slipped over changes and meetings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "meeting.h"
#include "repo.h"
#include "slippage.h"
#include "fixture.h"

static void test_minutes(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct op_result res;
	struct cb_error err = {0};
	struct meeting m;
	struct strbuf minutes = {0};
	char *path = NULL;
	bool open = true, found = false;
	git_oid tip;

	(void)state;
	assert_int_equal(meeting_current(s, &m, &open, &err), 0);
	assert_false(open);
	meeting_free(&m);
	assert_int_equal(meeting_start(s, "Weekly review", &res, &err), 0);
	assert_int_equal(meeting_current(s, &m, &open, &err), 0);
	assert_true(open);
	assert_string_equal(m.title, "Weekly review");
	meeting_free(&m);
	assert_int_equal(ops_move(s, 1, "doing", 0, 0, NULL, &res, &err), 0);
	assert_int_equal(ops_note(s, 2, "Decided: start on Monday", &res, &err), 0);
	assert_int_equal(meeting_end(s, &res, &path, &err), 0);
	assert_non_null(strstr(path, "meetings/"));
	assert_int_equal(repo_tip(s->repo, &tip, &err), 0);
	assert_int_equal(repo_read(s->repo, &tip, path, &minutes, &found, &err), 0);
	assert_true(found);
	assert_non_null(strstr(sb_str(&minutes), "Weekly review"));
	assert_non_null(strstr(sb_str(&minutes), "#1 Register of camps: column To do -> Doing"));
	assert_non_null(strstr(sb_str(&minutes), "Decided: start on Monday"));
	assert_int_equal(meeting_current(s, &m, &open, &err), 0);
	assert_false(open);
	meeting_free(&m);
	sb_free(&minutes);
	free(path);
	fixture_close(&f, s);
}

static void test_slippage(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct edit_args later = {.due = "2026-03-20"}, much_later = {.due = "2026-04-19"};
	struct op_result res;
	struct cb_error err = {0};
	struct slippage sl;
	struct board board;
	struct card c;
	char *path = NULL;

	(void)state;
	assert_int_equal(index_board(s->index, &board, &err), 0);
	assert_int_equal(ops_edit(s, 1, &later, "new deadline", &res, &err), 0);
	assert_int_equal(ops_edit(s, 1, &much_later, "new deadline", &res, &err), 0);
	assert_int_equal(meeting_start(s, "Review", &res, &err), 0);
	assert_int_equal(meeting_end(s, &res, &path, &err), 0);
	c = fixture_card(s, 1);
	assert_int_equal(slippage_of(s->index, &c, &board, &sl, &err), 0);
	assert_int_equal(sl.moves, 2);
	assert_int_equal(sl.days, 10 + 30);
	assert_int_equal(sl.meetings, 1);
	card_free(&c);
	/* A card in the done column is no longer open at meetings. */
	assert_int_equal(ops_move(s, 1, "done", 0, 0, "work done", &res, &err), 0);
	c = fixture_card(s, 1);
	assert_int_equal(slippage_of(s->index, &c, &board, &sl, &err), 0);
	assert_int_equal(sl.meetings, 0);
	card_free(&c);
	board_free(&board);
	free(path);
	fixture_close(&f, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_slippage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
