/* Calendar dates as coboard stores them: "YYYY-MM-DD", proleptic Gregorian, no time zone. */
#ifndef COBOARD_DATE_H
#define COBOARD_DATE_H

#include <stdbool.h>

/* True when s is a real date in YYYY-MM-DD form (2026-02-30 is not). */
bool date_valid(const char *s);

/* A date as people there type it, 31.12.2026 (or 1.2.2026), or as stored, 2026-12-31: true
 * with the stored form in out when it is a real date. */
bool date_parse(const char *typed, char out[11]);
/* The stored form of typed when date_parse takes it, else typed as it is (so that a message
 * names what was typed). buf holds the stored form. */
const char *date_canonical(const char *typed, char buf[11]);

/* Days since 1970-01-01 for a valid date. */
long date_to_days(const char *s);

/* Today as YYYY-MM-DD in out[11]: $COBOARD_TODAY when set (for tests and demos), else the
 * local date. Days until a date (date_days_until) read it at most once a second. */
void date_today(char out[11]);

/* The first second of day (a valid YYYY-MM-DD) in local time, as seconds since the epoch.
 * Every date a user gives to a history query means this day in this time zone. */
long long date_day_start(const char *day);
/* The first second after day: a period "until day" includes the whole of it. */
long long date_day_end(const char *day);

/* Seconds since the epoch of a note's time as stored (2026-01-20T10:00:00Z), -1 when it is
 * not one. */
long long date_note_epoch(const char *iso);
/* The day date_to_days counted (days since 1970-01-01), as YYYY-MM-DD in out[11]. */
void date_from_days(long days, char out[11]);
/* Now, as a note's time is stored: UTC, YYYY-MM-DDTHH:MM:SSZ. */
void date_utc_now(char out[21]);

/* Days from today to due (negative when overdue); today NULL is the real today (date_today),
 * a day is the day a board of the past is judged by. due must be valid. */
long date_days_until(const char *due, const char *today);

#endif
