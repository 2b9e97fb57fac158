/* The working calendar: weekends, days off and weekend days worked, the working day before a
 * day off (a run of them at Nauryz), relative deadlines across month ends and leap years. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "date.h"

static const char conf[] =
	"title: t\ncolumn: a | A | 0\n"
	"day-off: 2026-03-21 | Nauryz\nday-off: 2026-03-22 | Nauryz\nday-off: 2026-03-23 | Nauryz\n"
	"day-off: 2026-03-24 | Nauryz, carried\nday-off: 2026-03-25 | Nauryz, carried\n"
	"day-off: 2026-01-01 | New Year\nday-off: 2026-01-02 | New Year\n"
	"work-day: 2026-01-03 | moved\n";

static struct board board;

static int setup(void **state)
{
	struct cb_error err = {0};

	(void)state;
	return board_parse(&board, conf, strlen(conf), &err);
}

static int teardown(void **state)
{
	(void)state;
	board_free(&board);
	return 0;
}

static void expect_deadline(const char *typed, const char *base, const char *want,
			    const char *moved_from)
{
	char out[11], moved[11];
	struct cb_error err = {0};

	assert_int_equal(calendar_deadline(&board, typed, base, out, moved, &err), 0);
	assert_string_equal(out, want);
	assert_string_equal(moved, moved_from);
}

static void test_working_days(void **state)
{
	(void)state;
	assert_true(calendar_working(&board, "2026-03-20"));   /* a Friday */
	assert_false(calendar_working(&board, "2026-03-28"));  /* a Saturday */
	assert_false(calendar_working(&board, "2026-03-23"));  /* Nauryz, a Monday */
	assert_false(calendar_working(&board, "2026-01-02"));  /* a listed day off */
	assert_true(calendar_working(&board, "2026-01-03"));   /* a Saturday worked */
	assert_true(board_has_calendar(&board));
	char out[11];
	/* Nauryz with the weekend: seven days off in a row, back to the Friday before. */
	calendar_working_on_or_before(&board, "2026-03-25", out);
	assert_string_equal(out, "2026-03-20");
	assert_int_equal(calendar_working_days_until(&board, "2026-03-20", "2026-03-26"), 1);
	assert_int_equal(calendar_working_days_until(&board, "2026-03-26", "2026-03-20"), -1);
	assert_int_equal(calendar_working_days_until(&board, "2026-03-02", "2026-03-09"), 5);
}

static void test_deadlines(void **state)
{
	struct cb_error err = {0};
	char out[11];

	(void)state;
	expect_deadline("2026-03-24", "2026-03-01", "2026-03-20", "2026-03-24");
	expect_deadline("24.03.2026", "2026-03-01", "2026-03-20", "2026-03-24");
	expect_deadline("2026-03-26", "2026-03-01", "2026-03-26", "");
	expect_deadline("+10d", "2026-03-10", "2026-03-20", "");
	expect_deadline("+5wd", "2026-03-19", "2026-03-31", ""); /* across Nauryz */
	expect_deadline("urgent", "2026-02-26", "2026-02-27", "2026-03-01");
	expect_deadline("operational", "2026-03-02", "2026-03-12", "");
	/* Months keep the day, or end at a shorter month's last: leap years too. */
	expect_deadline("+1m", "2026-01-31", "2026-02-27", "2026-02-28");
	expect_deadline("+1m", "2028-01-31", "2028-02-29", "");
	expect_deadline("+2m", "2026-12-31", "2027-02-26", "2027-02-28");
	expect_deadline("+12m", "2025-03-15", "2026-03-13", "2026-03-15");
	/* Plain days across a year's end. */
	expect_deadline("+3d", "2026-12-30", "2027-01-01", "2027-01-02");
	assert_int_equal(calendar_deadline(&board, "+3x", "2026-03-01", out, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "+5wd (working days)"));
	cb_error_clear(&err);
	assert_int_equal(calendar_deadline(&board, "2026-02-30", "2026-03-01", out, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "is not a real date"));
}

static void test_days_round_trip(void **state)
{
	char out[11];

	(void)state;
	for (long d = date_to_days("2023-12-25"); d < date_to_days("2029-03-05"); d++) {
		date_from_days(d, out);
		assert_true(date_valid(out));
		assert_int_equal(date_to_days(out), d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_days_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
