#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool date_valid(const char *s)
{
	int y, m, d;

	return parse_ymd(s, &y, &m, &d);
}

/* Howard Hinnant's days_from_civil, an exact formula for the proleptic Gregorian calendar. */
long date_to_days(const char *s)
{
	int y, m, d;

	if (!parse_ymd(s, &y, &m, &d))
		return 0;
	y -= m <= 2;
	long era = y / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_today(char out[11])
{
	const char *fixed = getenv("COBOARD_TODAY");
	time_t now;
	struct tm tm;

	if (fixed && date_valid(fixed)) {
		memcpy(out, fixed, 11);
		return;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Today's day number. What date_today answers is kept for the second it was read in: a list
 * of ten thousand cards asks once a card, and the local time costs a time zone lookup, as
 * looking $COBOARD_TODAY up in the environment costs a walk of it. */
static long today_days(void)
{
	static time_t read_at = -1;
	static long days;

	time_t now = time(NULL);
	if (now != read_at) {
		char today[11];

		date_today(today);
		days = date_to_days(today);
		read_at = now;
	}
	return days;
}

long date_days_until(const char *due, const char *today)
{
	return date_to_days(due) - (today && date_valid(today) ? date_to_days(today) : today_days());
}

/* Local midnight days_after day; mktime carries a day past the month's end. */
static long long local_midnight(const char *day, int days_after)
{
	struct tm tm = {0};

	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8) + days_after;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

long long date_day_start(const char *day)
{
	return local_midnight(day, 0);
}

long long date_day_end(const char *day)
{
	return local_midnight(day, 1);
}

bool date_parse(const char *typed, char out[11])
{
	int d, m, y, n = 0;

	out[0] = '\0';
	if (date_valid(typed)) {
		snprintf(out, 11, "%s", typed);
		return true;
	}
	if (sscanf(typed, "%2d.%2d.%4d%n", &d, &m, &y, &n) != 3 || typed[n] != '\0' ||
	    y < 1000 || strlen(typed) < 8)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return date_valid(out);
}

const char *date_canonical(const char *typed, char buf[11])
{
	return date_parse(typed, buf) ? buf : typed;
}

long long date_note_epoch(const char *iso)
{
	struct tm tm = {0};
	int n = 0;

	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 || iso[n] != '\0')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

void date_from_days(long days, char out[11])
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);

	snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d);
}

void date_utc_now(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
