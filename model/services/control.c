#include "control.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "date.h"
#include "i18n.h"
#include "ops_internal.h"

/* The agency a member acts for on a card: its own; a secretary or admin acts for the lead. */
static const char *acting_agency(const struct op_state *st)
{
	const struct member *m = board_member(st->board, st->s->login);

	if (board_role(st->board, st->s->login) >= ROLE_SECRETARY || !m || str_empty(m->agency))
		return st->after.lead;
	return m->agency;
}

/* The latest request of kind on the card that waits for a decision, NULL when none. */
static const struct step *waiting(const struct card *card, const char *kind)
{
	const struct step *found = NULL;

	for (size_t i = 0; i < card->nsteps; i++) {
		const struct step *s = &card->steps[i];
		if (step_is_request(s) && strcmp(s->kind, kind) == 0 && !card_decision(card, s->number))
			found = s;
	}
	return found;
}

static char *normalized_text(const char *what, const char *text, struct cb_error *err)
{
	char *norm;

	if (!text || text_validate(what, text, true, err) < 0)
		return text ? NULL : (cb_fail(err, CB_EINVALID, "%s is empty", what), NULL);
	norm = text_normalize(text);
	if (!*norm) {
		free(norm);
		cb_fail(err, CB_EINVALID, "%s is empty", what);
		return NULL;
	}
	if (strlen(norm) > CARD_TEXT_MAX) {
		free(norm);
		cb_fail(err, CB_EINVALID, "%s is longer than %d bytes", what, CARD_TEXT_MAX);
		return NULL;
	}
	return norm;
}

/* Adds a request of kind to the card, numbered after every request on the board. */
static int file_request(struct op_state *st, const char *kind, const char *agency,
			const char *value, const char *text, int *number, struct cb_error *err)
{
	char now[21];

	if (index_next_request_number(st->s->index, number, err) < 0 ||
	    ops_on_site(st->s, st->board, number, err) < 0)
		return -1;
	date_utc_now(now);
	card_insert_step(&st->after, &(struct step){*number, (char *)kind, now, st->s->login,
						    (char *)agency, (char *)value, (char *)text});
	free(st->trailers);
	struct strbuf t = {0};
	sb_printf(&t, "Request: %d\nKind: %s\n", *number, kind);
	st->trailers = sb_detach(&t);
	return 0;
}

static void set_subject(struct op_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_subject(struct op_state *st, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(st->subject);
	st->subject = xstrdup(buf);
}

/* --- submit ------------------------------------------------------------------------- */

static int apply_submit(struct op_state *st, void *arg, struct cb_error *err)
{
	const char *agency = acting_agency(st);
	bool part = strcmp(agency, st->after.lead) != 0;
	const struct column_def *review = board_column_of_kind(st->board, COLUMN_REVIEW);
	char *text = normalized_text(N_("the report"), arg, err);
	int number, rc = -1;

	if (!text)
		return -1;
	if (board_column_is_done(st->board, st->after.column)) {
		cb_fail(err, CB_EINVALID, "#%d is off control already; nothing to report",
			st->after.id);
	} else if (!part && !review) {
		cb_fail(err, CB_EINVALID,
			"this board has no review column, so the report step is off; an admin "
			"turns it on by adding 'column: review | Under review | 0 | review' to "
			"board.conf (README, \"Execution control\")");
	} else if (!part && waiting(&st->after, "report")) {
		cb_fail(err, CB_EINVALID, "#%d has a report waiting for the coordinator (request "
			"%d); it is accepted or returned first", st->after.id,
			waiting(&st->after, "report")->number);
	} else if (file_request(st, part ? "part" : "report", agency,
				part ? "" : st->after.column, text, &number, err) == 0) {
		if (part) {
			set_subject(st, UNTRANSLATED("Part of the report on #%d from %s"),
				    st->after.id, agency);
			rc = 0;
		} else {
			set_subject(st, UNTRANSLATED("Report on #%d from %s"), st->after.id,
				    agency);
			str_set(&st->after.column, review->key);
			rc = ops_place_card(st, 0, 0, err);
		}
	}
	free(text);
	return rc;
}

int control_submit(struct session *s, int id, const char *text, struct op_result *res,
		   struct cb_error *err)
{
	return ops_run_card_op(s, id, "request-report", NULL, apply_submit, (void *)text, res,
			       err);
}

/* --- asking: a new deadline, another lead ---------------------------------------------- */

/* Only the lead agency asks (a secretary may file for it). */
static int must_lead(const struct op_state *st, bool dispute, struct cb_error *err)
{
	if (strcmp(acting_agency(st), st->after.lead) == 0)
		return 0;
	if (dispute)
		return cb_fail(err, CB_EDENIED, "%s may not dispute the lead of #%d: the lead "
			       "agency (%s) does", st->s->login, st->after.id, st->after.lead);
	return cb_fail(err, CB_EDENIED, "%s may not ask to extend #%d: the lead agency (%s) asks",
		       st->s->login, st->after.id, st->after.lead);
}

struct ask_args {
	const char *value, *reason;
};

static int apply_extend(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct ask_args *a = arg;
	char day[11];
	int number;

	if (must_lead(st, false, err) < 0)
		return -1;
	if (ops_take_deadline(st, a->value, day, err) < 0)
		return -1;
	if (str_empty(st->after.due))
		return cb_fail(err, CB_EINVALID, "#%d has no deadline to extend", st->after.id);
	if (strcmp(day, st->after.due) <= 0)
		return cb_fail(err, CB_EINVALID, "%s is not after the deadline of #%d (%s); ask for "
			       "a later date", day, st->after.id, st->after.due);
	if (board_column_is_done(st->board, st->after.column))
		return cb_fail(err, CB_EINVALID, "#%d is off control already", st->after.id);
	if (waiting(&st->after, "extension"))
		return cb_fail(err, CB_EINVALID, "#%d has an extension request waiting (request %d)",
			       st->after.id, waiting(&st->after, "extension")->number);
	if (file_request(st, "extension", st->after.lead, day, a->reason, &number, err) < 0)
		return -1;
	set_subject(st, UNTRANSLATED("Ask to extend #%d to %s (due %s)"), st->after.id, day,
		    st->after.due);
	return 0;
}

int control_extend(struct session *s, int id, const char *date, const char *reason,
		   struct op_result *res, struct cb_error *err)
{
	char *why = normalized_text(N_("the reason"), reason, err);
	struct ask_args a = {date, why};
	int rc;

	if (!why)
		return cb_fail(err, CB_EINVALID, "an extension is asked with reasons: --reason TEXT");
	rc = ops_run_card_op(s, id, "request-extension", NULL, apply_extend, &a, res, err);
	free(why);
	return rc;
}

static int apply_dispute(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct ask_args *a = arg;
	const struct agency *to = board_agency_find(st->board, a->value);
	long long since;
	int number;

	if (must_lead(st, true, err) < 0)
		return -1;
	if (board_role(st->board, st->s->login) >= ROLE_SECRETARY)
		return cb_fail(err, CB_EINVALID, "the coordinator's office changes the lead itself: "
			       "coboard assign %d --lead CODE --reason TEXT", st->after.id);
	if (!to)
		return cb_fail(err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s",
			       a->value, board_agency_codes(st->board));
	if (strcmp(to->code, st->after.lead) == 0)
		return cb_fail(err, CB_EINVALID, "%s already leads #%d", to->code, st->after.id);
	if (waiting(&st->after, "dispute"))
		return cb_fail(err, CB_EINVALID, "#%d has a dispute waiting (request %d)",
			       st->after.id, waiting(&st->after, "dispute")->number);
	if (index_lead_since(st->s->index, st->after.id, &since, err) < 0)
		return -1;
	long long ends = since + (long long)st->board->dispute_days * 86400;
	if (since && (long long)time(NULL) > ends) {
		char day[32];
		time_t t = (time_t)ends;
		struct tm tm;
		strftime(day, sizeof(day), "%Y-%m-%d", localtime_r(&t, &tm));
		return cb_fail(err, CB_EINVALID, "the time to dispute #%d ended on %s (%d days after "
			       "the assignment; dispute-days in board.conf); report, or ask the "
			       "coordinator's office", st->after.id, day, st->board->dispute_days);
	}
	if (file_request(st, "dispute", st->after.lead, to->code, a->reason, &number, err) < 0)
		return -1;
	set_subject(st, UNTRANSLATED("Dispute the lead of #%d: %s proposes %s"), st->after.id,
		    st->after.lead, to->code);
	return 0;
}

int control_dispute(struct session *s, int id, const char *agency, const char *reason,
		    struct op_result *res, struct cb_error *err)
{
	char *why = normalized_text("the reason", reason, err);
	struct ask_args a = {agency, why};
	int rc;

	if (!why)
		return cb_fail(err, CB_EINVALID, "a dispute is made with reasons: --reason TEXT");
	rc = ops_run_card_op(s, id, "request-dispute", NULL, apply_dispute, &a, res, err);
	free(why);
	return rc;
}

/* --- deciding ------------------------------------------------------------------------ */

struct decide_args {
	int number;
	bool grant;
	const char *reason;
};

/* The column a returned report sends the card back to: where it came from, else the first
 * column where work is done. */
static const char *back_to_work(const struct board *board, const struct step *report)
{
	const struct column_def *was = board_column(board, report->value);

	if (was && was->kind != COLUMN_DONE && was->kind != COLUMN_REVIEW)
		return was->key;
	for (size_t i = 0; i < board->ncolumns; i++)
		if (board->columns[i].kind == COLUMN_WORK && i > 0)
			return board->columns[i].key;
	return board->columns[0].key;
}

static int apply_decision(struct op_state *st, const struct step *r, bool grant,
			  struct cb_error *err)
{
	struct card *c = &st->after;

	if (strcmp(r->kind, "report") == 0 && grant && !str_empty(c->every)) {
		/* A periodic item stays on control: the next period's deadline, back to work. */
		char next[11];
		calendar_next_period(st->board, c->due, c->every, next);
		set_subject(
			st,
			UNTRANSLATED("Accept the report on #%d for the period due %s; next due %s"),
			c->id, str_empty(c->due) ? "-" : c->due, next);
		str_set(&c->due, next);
		str_set(&c->column, back_to_work(st->board, r));
		return ops_place_card(st, 0, 0, err);
	}
	if (strcmp(r->kind, "report") == 0) {
		const struct column_def *to = grant ? board_column_of_kind(st->board, COLUMN_DONE)
						    : board_column(st->board,
								   back_to_work(st->board, r));
		set_subject(st, grant ? UNTRANSLATED("Accept the report on #%d: taken off control")
				      : UNTRANSLATED("Return the report on #%d"),
			    c->id);
		str_set(&c->column, to->key);
		return ops_place_card(st, 0, 0, err);
	}
	if (strcmp(r->kind, "extension") == 0) {
		set_subject(st, grant ? UNTRANSLATED("Grant #%d a new deadline: %s (was %s)")
				      : UNTRANSLATED("Refuse #%d a new deadline of %s (due %s)"),
			    c->id, r->value, c->due);
		if (grant)
			str_set(&c->due, r->value);
		return 0;
	}
	set_subject(st, grant ? UNTRANSLATED("Grant the dispute of #%d: lead %s -> %s")
			      : UNTRANSLATED("Refuse the dispute of #%d: lead stays %s, not %s"),
		    c->id, c->lead, r->value);
	if (grant) {
		if (!board_agency(st->board, r->value))
			return cb_fail(err, CB_ENOTFOUND, "agency '%s' is no longer on the board",
				       r->value);
		for (size_t i = 0; i < c->co.n; i++)
			if (strcmp(c->co.v[i], r->value) == 0)
				sv_remove_at(&c->co, i--);
		str_set(&c->lead, r->value);
	}
	return 0;
}

static int apply_decide(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct decide_args *d = arg;
	const struct step *r = card_request(&st->after, d->number), *done;
	char now[21];

	if (board_role(st->board, st->s->login) < ROLE_SECRETARY)
		return cb_fail(err, CB_EDENIED, "%s may not decide request %d: the coordinator's "
			       "office (secretaries and admins) decides", st->s->login, d->number);
	if (!r)
		return cb_fail(err, CB_ENOTFOUND, "#%d has no request %d", st->after.id, d->number);
	if (strcmp(r->kind, "part") == 0)
		return cb_fail(err, CB_EINVALID, "request %d is a co-executor's part; the lead's "
			       "report is what is decided", d->number);
	if ((done = card_decision(&st->after, d->number)))
		return cb_fail(err, CB_EINVALID, "request %d was decided already (%s by %s, %.10s)",
			       d->number, done->kind, done->author, done->time);
	if (strcmp(r->author, st->s->login) == 0)
		return cb_fail(err, CB_EDENIED, "%s may not decide request %d: nobody decides their "
			       "own request", st->s->login, d->number);
	const char *verdict = strcmp(r->kind, "report") == 0 ? (d->grant ? "accepted" : "returned")
							     : (d->grant ? "granted" : "refused");
	/* A decision keeps the deadline it was made against: a granted extension the one it
	 * replaced ("first set" stays visible), a report the one it was due by (a periodic
	 * item's period, for the discipline figures). */
	bool keeps_due = (d->grant && strcmp(r->kind, "extension") == 0) ||
			 strcmp(r->kind, "report") == 0;
	struct step decision = {d->number, (char *)verdict, now, st->s->login, "",
				keeps_due ? st->after.due : "",
				(char *)(d->reason ? d->reason : "")};
	date_utc_now(now);
	/* The request is copied first: inserting the decision may move the card's steps. */
	struct step request;
	step_copy(&request, r);
	card_insert_step(&st->after, &decision);
	int rc = apply_decision(st, &request, d->grant, err);
	step_free(&request);
	free(st->trailers);
	struct strbuf t = {0};
	sb_printf(&t, "Request: %d\nDecision: %s\n", d->number, verdict);
	st->trailers = sb_detach(&t);
	return rc;
}

int control_decide(struct session *s, int number, int card, bool grant, const char *reason,
		   struct op_result *res, struct cb_error *err)
{
	struct decide_args d = {number, grant, NULL};
	char *why = NULL;
	int *cards = NULL, rc = -1;
	size_t n = 0;

	if (reason && !(why = normalized_text("the reason", reason, err)))
		return -1;
	if (!grant && !why)
		return cb_fail(err, CB_EINVALID, "a refusal or a return says why: --reason TEXT");
	d.reason = why;
	if (!card) {
		if (index_refresh(s->index, err) < 0 ||
		    index_request_cards(s->index, number, &cards, &n, err) < 0)
			goto out;
		if (n == 0) {
			cb_fail(err, CB_ENOTFOUND, "there is no request %d (`coboard requests` lists "
				"those waiting)", number);
			goto out;
		}
		if (n > 1) {
			cb_fail(err, CB_EINVALID, "two offices numbered a request %d (on #%d and #%d); "
				"say which card: --card ID", number, cards[0], cards[1]);
			goto out;
		}
		card = cards[0];
	}
	rc = ops_run_card_op(s, card, "decide", why, apply_decide, &d, res, err);
out:
	free(cards);
	free(why);
	return rc;
}

int control_decide_report(struct session *s, int id, bool accept, const char *reason,
			  struct op_result *res, struct cb_error *err)
{
	struct card card;
	const struct step *report;
	int number;

	if (index_refresh(s->index, err) < 0 || index_card(s->index, id, &card, err) < 0) {
		card_free(&card);
		return -1;
	}
	report = waiting(&card, "report");
	number = report ? report->number : 0;
	card_free(&card);
	if (!number)
		return cb_fail(err, CB_EINVALID, "#%d has no report waiting; the lead agency files "
			       "one with `coboard submit %d TEXT`", id, id);
	return control_decide(s, number, id, accept, reason, res, err);
}

/* --- what a card shows ----------------------------------------------------------------- */

void control_state_of(const struct card *card, struct control_state *out)
{
	memset(out, 0, sizeof(*out));
	out->co_total = card->co.n;
	for (size_t i = 0; i < card->nsteps; i++) {
		const struct step *s = &card->steps[i];
		if (!step_is_request(s)) {
			const struct step *r = card_request(card, s->number);
			if (r && strcmp(r->kind, "extension") == 0 && strcmp(s->kind, "granted") == 0 &&
			    out->extensions_granted++ == 0)
				out->first_due = s->value;
			continue;
		}
		if (strcmp(s->kind, "report") == 0) {
			out->report = s;
			out->decision = card_decision(card, s->number);
		} else if (strcmp(s->kind, "extension") == 0) {
			out->extension = card_decision(card, s->number) ? NULL : s;
		} else if (strcmp(s->kind, "dispute") == 0) {
			out->dispute = card_decision(card, s->number) ? NULL : s;
		}
	}
	for (size_t j = 0; j < card->co.n; j++)
		for (size_t i = 0; i < card->nsteps; i++)
			if (strcmp(card->steps[i].kind, "part") == 0 &&
			    strcmp(card->steps[i].agency, card->co.v[j]) == 0) {
				out->parts_reported++;
				break;
			}
}
