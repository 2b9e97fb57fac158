#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "history.h"

static int collect_cards(struct session *s, const struct board *board, struct report *r,
			 struct agency_report *ar, bool slippage, struct cb_error *err)
{
	const char *code = ar->agency->code;

	ar->per_column = xcalloc(board->ncolumns + 1, sizeof(int));
	ar->cards = xcalloc(r->cards.n + 1, sizeof(*ar->cards));
	for (size_t i = 0; i < r->cards.n; i++) {
		const struct card *c = &r->cards.v[i];
		struct report_card *rc;
		enum due_state due;
		int col;

		if (strcmp(c->lead, code) != 0 && !sv_contains(&c->co, code))
			continue;
		col = board_column_index(board, c->column);
		if (col >= 0)
			ar->per_column[col]++;
		due = card_due_state(c, board, r->today);
		rc = &ar->cards[ar->ncards++];
		rc->card = c;
		rc->lead = strcmp(c->lead, code) == 0;
		rc->overdue = due == DUE_OVERDUE;
		rc->days_overdue = rc->overdue ? -date_days_until(c->due, r->today) : 0;
		ar->noverdue += rc->overdue;
		rc->due_soon = due == DUE_SOON;
		if (slippage && slippage_of(s->index, c, board, &rc->slippage, err) < 0)
			return -1;
	}
	return 0;
}

/* A change concerns an agency when it gained or lost the lead or a co-executor's place; a
 * co-executor who stays through the change is not concerned. */
static bool concerns(const struct log_entry *e, const char *code)
{
	return history_list_has(e->old_value, code) != history_list_has(e->new_value, code);
}

static void collect_changes(struct report *r, struct agency_report *ar)
{
	ar->changes = xcalloc(r->log.n + 1, sizeof(*ar->changes));
	/* The board's creation assigns every card: not a change of responsibility. */
	for (size_t i = 0; i < r->log.n; i++)
		if (concerns(&r->log.v[i], ar->agency->code) && strcmp(r->log.v[i].op, "init") != 0)
			ar->changes[ar->nchanges++] = &r->log.v[i];
}

int report_build(struct session *s, const struct board *board, const char *agency,
		 long long since, bool slippage, struct report *out, struct cb_error *err)
{
	struct card_filter all = {0};
	struct log_filter responsibility = {.responsibility_only = true, .since = since};

	memset(out, 0, sizeof(*out));
	date_today(out->today);
	out->since = since;
	if (agency && !board_agency(board, agency))
		return cb_fail(err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s", agency,
			       board_agency_codes(board));
	if (index_cards(s->index, board, &all, &out->cards, err) < 0 ||
	    index_log(s->index, &responsibility, &out->log, err) < 0)
		return -1;
	out->v = xcalloc(board->nagencies + 1, sizeof(*out->v));
	for (size_t i = 0; i < board->nagencies; i++) {
		struct agency_report *ar;

		if (agency && strcmp(agency, board->agencies[i].code) != 0)
			continue;
		ar = &out->v[out->n++];
		ar->agency = &board->agencies[i];
		if (collect_cards(s, board, out, ar, slippage, err) < 0)
			return -1;
		collect_changes(out, ar);
	}
	return 0;
}

int report_discipline(struct session *s, const struct board *board, struct report *r,
		      const char *since_day, const char *until_day, struct cb_error *err)
{
	struct request_list requests;

	struct log_filter moves = {.field = "due", .since = date_day_start(since_day),
				   .until = date_day_end(until_day)};

	snprintf(r->since_day, sizeof(r->since_day), "%s", since_day);
	snprintf(r->until_day, sizeof(r->until_day), "%s", until_day);
	if (index_requests(s->index, false, &requests, err) < 0)
		return -1;
	for (size_t i = 0; i < r->n; i++)
		discipline_of(&requests, &r->cards, board, r->v[i].agency->code, since_day, until_day,
			      &r->v[i].discipline);
	request_list_free(&r->requests);
	r->requests = requests;
	log_list_free(&r->due_moves);
	return index_log(s->index, &moves, &r->due_moves, err);
}

void report_free(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].per_column);
		free(r->v[i].cards);
		free(r->v[i].changes);
	}
	free(r->v);
	card_list_free(&r->cards);
	log_list_free(&r->log);
	request_list_free(&r->requests);
	log_list_free(&r->due_moves);
	memset(r, 0, sizeof(*r));
}

void report_order_by_overdue(const struct report *r, int *order)
{
	/* Insertion sort: a few dozen agencies, and it keeps equals in board order. */
	for (size_t i = 0; i < r->n; i++) {
		size_t j = i;

		order[i] = (int)i;
		while (j > 0 && r->v[order[j - 1]].noverdue < r->v[order[j]].noverdue) {
			int t = order[j - 1];
			order[j - 1] = order[j];
			order[j] = t;
			j--;
		}
	}
}
