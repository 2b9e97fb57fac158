/* Executive discipline (исполнительская дисциплина) per agency over a period, from the
 * register of requests and decisions the index keeps: items taken off control on time and
 * late, extensions asked and granted, reports returned, open items overdue at the period's
 * end, and the mean lateness of the late ones. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

/* The day (YYYY-MM-DD) of a step's time, in out[11]. */
static void day_of(const char *time, char out[11])
{
	memcpy(out, time, 10);
	out[10] = '\0';
}

static bool in_period(const char *day, const char *since, const char *until)
{
	return strcmp(day, since) >= 0 && strcmp(day, until) <= 0;
}

static const struct card *card_of(const struct card_list *cards, int id)
{
	for (size_t i = 0; i < cards->n; i++)
		if (cards->v[i].id == id)
			return &cards->v[i];
	return NULL;
}

/* Whether card, led by agency, was on control and overdue at the end of day until: its
 * deadline then (before any extension granted later) had passed, and no report of it had
 * been accepted by then. */
static bool overdue_at(const struct request_list *requests, const struct board *board,
		       const struct card *c, const char *agency, const char *until)
{
	const char *due = c->due, *later_grant = NULL;
	bool accepted_by = false, accepted_later = false;

	if (strcmp(c->lead, agency) != 0 || c->archived)
		return false;
	for (size_t i = 0; i < requests->n; i++) {
		const struct request_row *r = &requests->v[i];
		char decided[11];
		if (r->card != c->id || !*r->decided_at)
			continue;
		day_of(r->decided_at, decided);
		bool after = strcmp(decided, until) > 0;
		if (strcmp(r->kind, "extension") == 0 && strcmp(r->decision, "granted") == 0 &&
		    after && (!later_grant || strcmp(r->decided_at, later_grant) < 0)) {
			later_grant = r->decided_at;
			due = r->decided_value;
		} else if (strcmp(r->kind, "report") == 0 && strcmp(r->decision, "accepted") == 0) {
			accepted_by |= !after;
			accepted_later |= after;
		}
	}
	bool off = accepted_by || (board_column_is_done(board, c->column) && !accepted_later);
	return !off && !str_empty(due) && strcmp(due, until) < 0;
}

void discipline_of(const struct request_list *requests, const struct card_list *cards,
		   const struct board *board, const char *agency, const char *since,
		   const char *until, struct discipline *out)
{
	long late_days = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < requests->n; i++) {
		const struct request_row *r = &requests->v[i];
		const struct card *c = card_of(cards, r->card);
		char asked[11], decided[11] = "";

		if (strcmp(r->agency, agency) != 0 || !c)
			continue;
		day_of(r->time, asked);
		if (*r->decided_at)
			day_of(r->decided_at, decided);
		bool decided_in = *decided && in_period(decided, since, until);
		if (strcmp(r->kind, "extension") == 0) {
			out->extensions_asked += in_period(asked, since, until);
			out->extensions_granted += decided_in && strcmp(r->decision, "granted") == 0;
		} else if (strcmp(r->kind, "report") == 0 && decided_in) {
			if (strcmp(r->decision, "returned") == 0) {
				out->returned++;
			} else if (strcmp(r->decision, "accepted") == 0) {
				/* Late when taken off control after the deadline it then had (the
				 * decision keeps it; a periodic item's moves on). */
				const char *due = *r->decided_value ? r->decided_value : c->due;
				if (!str_empty(due) && strcmp(decided, due) > 0) {
					out->late++;
					late_days += date_to_days(decided) - date_to_days(due);
				} else {
					out->on_time++;
				}
			}
		}
	}
	for (size_t i = 0; i < cards->n; i++)
		out->open_overdue += overdue_at(requests, board, &cards->v[i], agency, until);
	out->mean_days_late = out->late ? (double)late_days / out->late : 0;
}
