/* The working calendar: which days are worked, as board.conf gives them (day-off and
 * work-day lines; Saturday and Sunday are off unless listed as worked), and deadlines as
 * instructions give them: a date, or relative to a day ("+10d", "+5wd" working days, "+2m"
 * months, "urgent" 3 days, "operational" 10 days). A deadline that falls on a day off moves
 * to the working day before it. Pure rules: no I/O. */
#ifndef COBOARD_CALENDAR_H
#define COBOARD_CALENDAR_H

#include <stdbool.h>

#include "board.h"
#include "error.h"

/* Whether day (YYYY-MM-DD) is worked on board's calendar (every day is, on a board without
 * one: board_has_calendar). */
bool calendar_working(const struct board *board, const char *day);
/* The last working day on or before day, in out[11]. */
void calendar_working_on_or_before(const struct board *board, const char *day, char out[11]);
/* Working days from today to day (negative when day is past); days off between are not
 * counted. */
long calendar_working_days_until(const struct board *board, const char *today, const char *day);

/* A deadline as typed: YYYY-MM-DD, DD.MM.YYYY, or relative to base (a YYYY-MM-DD: today, or
 * the open meeting's day). The day it resolves to, moved to the working day before when it
 * is a day off, goes to out[11]; *moved_from (11 bytes, optional) gets the day asked when it
 * was moved, else "". -1 with a message naming the forms when text is none of them. */
int calendar_deadline(const struct board *board, const char *text, const char *base,
		      char out[11], char *moved_from, struct cb_error *err);

/* The deadline of a periodic item's next period ("month:10", "quarter:10"): the day, in
 * the month (or three months) after due (today when due is ""), on or before a working
 * day, in out[11]. */
void calendar_next_period(const struct board *board, const char *due, const char *every,
			  char out[11]);

#endif
