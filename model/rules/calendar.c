#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static bool listed(const struct calendar_day *days, size_t n, const char *day)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(days[i].date, day) == 0)
			return true;
	return false;
}

bool calendar_working(const struct board *board, const char *day)
{
	/* 1970-01-01 was a Thursday: day 0 of date_to_days. */
	long weekday = ((date_to_days(day) % 7) + 7 + 3) % 7; /* 0 = Monday */

	if (!board_has_calendar(board))
		return true; /* a board without a calendar counts plain days */
	if (listed(board->days_off, board->ndays_off, day))
		return false;
	if (weekday >= 5)
		return listed(board->work_days, board->nwork_days, day);
	return true;
}

void calendar_working_on_or_before(const struct board *board, const char *day, char out[11])
{
	long d = date_to_days(day);

	date_from_days(d, out);
	/* A run of days off (Nauryz with the weekend) is a week at most; a year bounds it. */
	for (int i = 0; i < 366 && !calendar_working(board, out); i++)
		date_from_days(--d, out);
}

long calendar_working_days_until(const struct board *board, const char *today, const char *day)
{
	long from = date_to_days(today), to = date_to_days(day), n = 0;
	int step = to >= from ? 1 : -1;
	char d[11];

	for (long i = from; i != to; i += step) {
		date_from_days(i + step, d);
		n += calendar_working(board, d) ? step : 0;
	}
	return n;
}

/* base + months, the day of month kept, or the month's last day when it has fewer. */
static void add_months(const char *base, long months, char out[11])
{
	int y, m, d;
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	sscanf(base, "%d-%d-%d", &y, &m, &d);
	long total = (long)y * 12 + (m - 1) + months;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	int last = len[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d > last ? last : d);
}

/* A relative deadline: +Nd, +Nwd, +Nm, urgent, operational. False when text is none. */
static bool relative(const struct board *board, const char *text, const char *base,
		     char out[11])
{
	char unit[4] = "";
	long n = 0;
	int used = 0;

	if (strcmp(text, "urgent") == 0)
		text = "+3d";
	else if (strcmp(text, "operational") == 0)
		text = "+10d";
	if (sscanf(text, "+%ld%3[a-z]%n", &n, unit, &used) != 2 || text[used] || n < 0 ||
	    n > 3660)
		return false;
	if (strcmp(unit, "d") == 0) {
		date_from_days(date_to_days(base) + n, out);
	} else if (strcmp(unit, "m") == 0) {
		add_months(base, n, out);
	} else if (strcmp(unit, "wd") == 0) {
		long d = date_to_days(base);
		date_from_days(d, out);
		for (long left = n; left > 0;) {
			date_from_days(++d, out);
			left -= calendar_working(board, out);
		}
	} else {
		return false;
	}
	return true;
}

int calendar_deadline(const struct board *board, const char *text, const char *base,
		      char out[11], char *moved_from, struct cb_error *err)
{
	char asked[11];

	if (moved_from)
		moved_from[0] = '\0';
	if (!date_parse(text, asked) && !relative(board, text, base, asked))
		return cb_fail(err, CB_EINVALID, "'%s' is not a real date; write it as YYYY-MM-DD or "
			       "DD.MM.YYYY, or as +10d (days), +5wd (working days), +2m (months), "
			       "urgent (3 days) or operational (10 days)", text);
	calendar_working_on_or_before(board, asked, out);
	if (moved_from && strcmp(out, asked) != 0)
		snprintf(moved_from, 11, "%s", asked);
	return 0;
}

void calendar_next_period(const struct board *board, const char *due, const char *every,
			  char out[11])
{
	char unit[8] = "", base[11], asked[11];
	int day = 10, y, m, d;
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	sscanf(every, "%7[a-z]:%d", unit, &day);
	if (date_valid(due))
		snprintf(base, sizeof(base), "%s", due);
	else
		date_today(base);
	sscanf(base, "%d-%d-%d", &y, &m, &d);
	long total = (long)y * 12 + (m - 1) + (strcmp(unit, "quarter") == 0 ? 3 : 1);
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	int last = len[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(asked, sizeof(asked), "%04d-%02d-%02d", y, m, day > last ? last : day);
	calendar_working_on_or_before(board, asked, out);
}
