/* The report's figures: counts per column, overdue and due soon, and which responsibility
 * changes concern an agency. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "date.h"
#include "history.h"
#include "report.h"
#include "fixture.h"

static void test_list_has(void **state)
{
	(void)state;
	assert_true(history_list_has("MOE", "MOE"));
	assert_true(history_list_has("AKM, MIA", "MIA"));
	assert_false(history_list_has("AKM, MIA", "MI"));
	assert_false(history_list_has("MOEX", "MOE"));
	assert_false(history_list_has("", "MOE"));
}

static const struct agency_report *agency(const struct report *r, const char *code)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].agency->code, code) == 0)
			return &r->v[i];
	fail_msg("no report for %s", code);
	return NULL;
}

static void test_figures(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct cb_error err = {0};
	struct op_result res;
	struct board board;
	struct report r;
	const struct agency_report *moe, *akm;

	(void)state;
	assert_int_equal(index_board(s->index, &board, &err), 0);
	/* MOE stays a co-executor of #1 while AKM joins: only AKM is concerned. */
	assert_int_equal(ops_assign(s, 1, NULL, "MOE,AKM", NULL, &res, &err), 0);
	setenv("COBOARD_TODAY", "2026-02-25", 1); /* the report's day */
	assert_int_equal(report_build(s, &board, NULL, 0, true, &r, &err), 0);
	assert_int_equal(r.n, 3);
	moe = agency(&r, "MOE");
	assert_int_equal(moe->ncards, 2);
	assert_int_equal(moe->per_column[0], 1); /* #1 in To do, as a co-executor */
	assert_int_equal(moe->per_column[1], 1); /* #2 in Doing, as the lead */
	for (size_t i = 0; i < moe->ncards; i++) {
		const struct report_card *rc = &moe->cards[i];
		if (rc->card->id == 1) {
			assert_false(rc->lead);
			assert_true(rc->due_soon); /* 2026-03-10: in the next two weeks */
		} else {
			assert_true(rc->lead);
			assert_true(rc->overdue); /* 2026-02-01 */
			assert_int_equal(rc->days_overdue, 24); /* as of the report's day */
		}
	}
	for (size_t i = 0; i < moe->nchanges; i++)
		assert_string_not_equal(moe->changes[i]->commit, res.commit);
	akm = agency(&r, "AKM");
	assert_true(akm->nchanges >= 1);
	assert_string_equal(akm->changes[0]->commit, res.commit);
	report_free(&r);

	assert_int_equal(report_build(s, &board, "XYZ", 0, true, &r, &err), -1);
	assert_int_equal(err.code, CB_ENOTFOUND);
	report_free(&r);
	unsetenv("COBOARD_TODAY");
	board_free(&board);
	fixture_close(&f, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_has),
		cmocka_unit_test(test_figures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
