/* Dates: which are real, the day's bounds in local time, days until a deadline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "date.h"

static void test_valid(void **state)
{
	(void)state;
	assert_true(date_valid("2026-02-28"));
	assert_true(date_valid("2028-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-02-30"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("26-01-01"));
	assert_false(date_valid(""));
}

static void test_day_bounds(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Almaty", 1);
	tzset();
	/* Almaty is UTC+5 since 2024: the day starts at 19:00 UTC the evening before. */
	assert_int_equal(date_day_start("2026-03-01"), 1772305200LL);
	assert_int_equal(date_day_end("2026-03-01") - date_day_start("2026-03-01"), 24 * 3600);
	/* The end of a month's last day is the start of the next month. */
	assert_int_equal(date_day_end("2026-01-31"), date_day_start("2026-02-01"));
	assert_int_equal(date_day_end("2026-12-31"), date_day_start("2027-01-01"));
	setenv("TZ", "UTC", 1);
	tzset();
}

static void test_days_until(void **state)
{
	char today[11];

	(void)state;
	/* The day judged on is a parameter: a past day for the board as it stood then. */
	assert_int_equal(date_days_until("2026-03-01", "2026-02-25"), 4);
	assert_int_equal(date_days_until("2026-02-25", "2026-02-25"), 0);
	assert_int_equal(date_days_until("2026-01-30", "2026-02-25"), -26);
	/* NULL is the real today: $COBOARD_TODAY here. */
	setenv("COBOARD_TODAY", "2026-02-25", 1);
	date_today(today);
	assert_string_equal(today, "2026-02-25");
	assert_int_equal(date_days_until("2026-03-01", NULL), 4);
	assert_int_equal(date_days_until("2026-02-25", NULL), 0);
	assert_int_equal(date_days_until("2026-01-30", NULL), -26);
	unsetenv("COBOARD_TODAY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_day_bounds),
		cmocka_unit_test(test_days_until),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
