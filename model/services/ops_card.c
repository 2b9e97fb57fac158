/* The ops on cards: add, move, assign, edit, note, archive, and saving an edit. */
#include "ops_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "date.h"
#include "meeting_state.h"
#include "history.h"
#include "i18n.h"
#include "rank.h"
#include "utf8.h"

/* Title, labels and description as typed: checked for control characters, then normalised. */
static int take_title(struct card *card, const char *title, struct cb_error *err)
{
	char *norm;

	if (text_validate("the title", title, false, err) < 0)
		return -1;
	norm = text_normalize(title);
	str_set(&card->title, norm);
	free(norm);
	return 0;
}

static int take_description(struct card *card, const char *text, struct cb_error *err)
{
	char *norm;

	if (text_validate("the description", text, true, err) < 0)
		return -1;
	norm = text_normalize(text);
	str_set(&card->description, norm);
	free(norm);
	return 0;
}

static int take_list(struct strvec *list, const char *what, const char *text,
		     struct cb_error *err)
{
	if (text_validate(what, text, false, err) < 0)
		return -1;
	sv_free(list);
	sv_split_list(list, text);
	return 0;
}

/* Agency codes as typed ("moe, mia") in the board's spelling ("MOE, MIA"). */
static int take_agencies(struct strvec *list, const struct board *board, const char *text,
			 struct cb_error *err)
{
	if (take_list(list, N_("the co-executors"), text, err) < 0)
		return -1;
	for (size_t i = 0; i < list->n; i++)
		str_set(&list->v[i], board_agency_code_of(board, list->v[i]));
	return 0;
}

int ops_take_deadline(struct op_state *st, const char *typed, char out[11],
		      struct cb_error *err)
{
	char base[11], moved[11];

	date_today(base);
	/* "Within two months" counts from the meeting that gave the instruction. */
	if (*typed == '+' || strcmp(typed, "urgent") == 0 || strcmp(typed, "operational") == 0) {
		struct meeting m;
		bool open = false;
		struct cb_error ignored = {0};
		if (meeting_current(st->s, &m, &open, &ignored) == 0 && open && m.started) {
			time_t t = (time_t)m.started;
			struct tm tm;
			strftime(base, sizeof(base), "%Y-%m-%d", localtime_r(&t, &tm));
		}
		meeting_free(&m);
	}
	if (calendar_deadline(st->board, typed, base, out, moved, err) < 0) {
		err->field = "due";
		return -1;
	}
	if (*moved)
		snprintf(st->note, sizeof(st->note),
			 _("%s is not a working day: the deadline is the working day before, %s"),
			 moved, out);
	return 0;
}

/* A period as typed: month, quarter (the day from the deadline, else the 10th),
 * month:DAY, quarter:DAY, or none. */
static int take_every(struct card *c, const char *typed, struct cb_error *err)
{
	char every[32];

	if (!strcmp(typed, "none") || !*typed) {
		str_set(&c->every, "");
		return 0;
	}
	if (!strchr(typed, ':'))
		snprintf(every, sizeof(every), "%s:%d", typed,
			 date_valid(c->due) ? atoi(c->due + 8) : 10);
	else
		snprintf(every, sizeof(every), "%s", typed);
	if (!card_every_valid(every))
		return cb_fail(err, CB_EINVALID, "'%s' is not a period: write month or quarter, with "
			       "the day the report is due by if you like (month:10), or none", typed);
	str_set(&c->every, every);
	return 0;
}

static int take_due(struct op_state *st, const char *due, struct cb_error *err)
{
	char day[11];

	if (strcmp(due, "none") == 0 || !*due) {
		str_set(&st->after.due, "");
		return 0;
	}
	if (ops_take_deadline(st, due, day, err) < 0)
		return -1;
	str_set(&st->after.due, day);
	return 0;
}

/* Takes the plan's new ranks for the cards around the place: each is loaded as it is and
 * committed with the card placed. */
static int make_room(struct op_state *st, const int *ids, const struct rank_plan *plan,
		     struct cb_error *err)
{
	st->room_before = xcalloc(plan->count, sizeof(*st->room_before));
	st->room_after = xcalloc(plan->count, sizeof(*st->room_after));
	/* A card of zeros is one card_free leaves as it is; index_card and card_copy fill them. */
	for (size_t i = 0; i < plan->count; i++) {
		st->nroom++;
		if (index_card(st->s->index, ids[plan->first + i], &st->room_before[i], err) < 0)
			return -1;
		card_copy(&st->room_after[i], &st->room_before[i]);
		str_set(&st->room_after[i].rank, plan->respaced[i]);
	}
	return 0;
}

/* A card put at the bottom of its column needs only the last card's rank; 1 when the keys
 * there ran long and the whole column must be looked at. */
static int place_at_bottom(struct op_state *st, struct cb_error *err)
{
	struct strbuf last = {0};
	struct rank_plan plan;
	int rc = index_column_last_rank(st->s->index, st->after.column, st->after.id, &last, err);

	if (rc == 0) {
		const char *keys[] = {sb_str(&last)};
		rank_place(keys, last.len ? 1 : 0, last.len ? 1 : 0, RANK_ANCHOR_ABOVE, &plan);
		if (plan.count == 0)
			str_set(&st->after.rank, plan.key);
		else
			rc = 1;
		rank_plan_free(&plan);
	}
	sb_free(&last);
	return rc;
}

/* Computes a rank for card in its column: next to `before`/`after` (ids), else at the end. */
int ops_place_card(struct op_state *st, int before, int after, struct cb_error *err)
{
	struct strvec ranks = {0};
	struct rank_plan plan;
	int *ids = NULL, anchor = before ? before : after, rc;
	size_t at;

	if (!anchor && (rc = place_at_bottom(st, err)) <= 0)
		return rc;
	rc = -1;
	if (index_column_ranks(st->s->index, st->after.column, st->after.id, &ids, &ranks, err) < 0)
		return -1;
	at = ranks.n;
	if (anchor) {
		for (at = 0; at < ranks.n && ids[at] != anchor; at++)
			;
		if (at == ranks.n) {
			cb_fail(err, CB_ENOTFOUND, "#%d is not in column '%s'; --%s needs a card of "
				"the target column",
				anchor, st->after.column, before ? "before" : "after");
			goto out;
		}
		if (after)
			at++;
	}
	rank_place((const char *const *)ranks.v, ranks.n, at,
		   before ? RANK_ANCHOR_BELOW : RANK_ANCHOR_ABOVE, &plan);
	if (plan.count == 0 || make_room(st, ids, &plan, err) == 0) {
		str_set(&st->after.rank, plan.key);
		rc = 0;
	}
	rank_plan_free(&plan);
out:
	free(ids);
	sv_free(&ranks);
	return rc;
}

static int apply_add(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct add_args *a = arg;
	struct card *c = &st->after;

	if (str_empty(a->title))
		return cb_fail(err, CB_EINVALID, "the title is empty; a card needs a title");
	if (take_title(c, a->title, err) < 0)
		return -1;
	str_set(&c->lead, board_agency_code_of(st->board, a->lead));
	if (a->co && take_agencies(&c->co, st->board, a->co, err) < 0)
		return -1;
	str_set(&c->column, !str_empty(a->column) ? board_column_key_of(st->board, a->column)
			    : st->board->ncolumns ? st->board->columns[0].key : "");
	if (a->due && take_due(st, a->due, err) < 0)
		return -1;
	if (a->every && take_every(c, a->every, err) < 0)
		return -1;
	if (a->labels && take_list(&c->labels, N_("the labels"), a->labels, err) < 0)
		return -1;
	if (a->description && take_description(c, a->description, err) < 0)
		return -1;
	if (!board_column(st->board, c->column))
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s",
			       c->column, board_column_keys(st->board));
	return ops_place_card(st, 0, 0, err);
}

int ops_add(struct session *s, const struct add_args *args, struct op_result *res,
	    struct cb_error *err)
{
	return ops_run_card_op(s, 0, "add", NULL, apply_add, (void *)args, res, err);
}

struct move_args {
	const char *column;
	int before, after;
};

static int apply_move(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct move_args *m = arg;
	const struct column_def *to = board_column_find(st->board, m->column);

	if (!to)
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s",
			       m->column, board_column_keys(st->board));
	if (strcmp(st->after.column, to->key) == 0 && !m->before && !m->after)
		return 0; /* already there: nothing to do */
	str_set(&st->after.column, to->key);
	return ops_place_card(st, m->before, m->after, err);
}

int ops_move(struct session *s, int id, const char *column, int before, int after,
	     const char *reason, struct op_result *res, struct cb_error *err)
{
	struct move_args m = {column, before, after};

	if (before && after)
		return cb_fail(err, CB_EINVALID, "give --before or --after, not both");
	if (before == id || after == id)
		return cb_fail(err, CB_EINVALID, "a card cannot be placed next to itself");
	return ops_run_card_op(s, id, "move", reason, apply_move, &m, res, err);
}

struct assign_args {
	const char *lead, *co;
};

static int apply_assign(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct assign_args *a = arg;

	if (a->lead)
		str_set(&st->after.lead, board_agency_code_of(st->board, a->lead));
	if (a->co && take_agencies(&st->after.co, st->board, a->co, err) < 0)
		return -1;
	return 0;
}

int ops_assign(struct session *s, int id, const char *lead, const char *co, const char *reason,
	       struct op_result *res, struct cb_error *err)
{
	struct assign_args a = {lead, co};

	if (!lead && !co)
		return cb_fail(err, CB_EINVALID, "nothing to assign: give --lead CODE or --co CODES");
	return ops_run_card_op(s, id, "assign", reason, apply_assign, &a, res, err);
}

static int apply_edit(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct edit_args *e = arg;
	struct card *c = &st->after;

	if (e->title) {
		if (str_empty(e->title))
			return cb_fail(err, CB_EINVALID, "the title is empty; a card needs a title");
		if (take_title(c, e->title, err) < 0)
			return -1;
	}
	if (e->due && take_due(st, e->due, err) < 0)
		return -1;
	if (e->every && take_every(c, e->every, err) < 0)
		return -1;
	if (e->labels && take_list(&c->labels, "the labels", e->labels, err) < 0)
		return -1;
	if (e->description && take_description(c, e->description, err) < 0)
		return -1;
	if (e->item) {
		char *norm = text_normalize(e->item);
		str_set(&c->item, norm);
		free(norm);
	}
	if (e->source) {
		char *norm = text_normalize(e->source);
		str_set(&c->source, norm);
		free(norm);
	}
	return 0;
}

int ops_edit(struct session *s, int id, const struct edit_args *args, const char *reason,
	     struct op_result *res, struct cb_error *err)
{
	if (!args->title && !args->due && !args->labels && !args->description && !args->item &&
	    !args->source && !args->every)
		return cb_fail(err, CB_EINVALID, "nothing to edit: give --title, --due, --label, "
			       "--description, --item or --source");
	return ops_run_card_op(s, id, "edit", reason, apply_edit, (void *)args, res, err);
}

static int apply_note(struct op_state *st, void *arg, struct cb_error *err)
{
	const char *text = arg;
	struct card *c = &st->after;
	char now[21];
	char *norm;

	if (text_validate("the note", text, true, err) < 0)
		return -1;
	norm = text_normalize(text);
	if (!*norm) {
		free(norm);
		return cb_fail(err, CB_EINVALID, "the note is empty");
	}
	if (strlen(norm) > CARD_TEXT_MAX) {
		free(norm);
		return cb_fail(err, CB_EINVALID, "the note is longer than %d bytes", CARD_TEXT_MAX);
	}
	date_utc_now(now);
	c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof(*c->notes));
	c->notes[c->nnotes].time = xstrdup(now);
	c->notes[c->nnotes].author = xstrdup(st->s->login);
	c->notes[c->nnotes].text = norm;
	c->nnotes++;
	return 0;
}

int ops_note(struct session *s, int id, const char *text, struct op_result *res,
	     struct cb_error *err)
{
	return ops_run_card_op(s, id, "note", NULL, apply_note, (void *)text, res, err);
}

static int apply_archive(struct op_state *st, void *arg, struct cb_error *err)
{
	(void)arg;
	if (st->after.archived)
		return cb_fail(err, CB_EINVALID, "#%d is already archived", st->after.id);
	st->after.archived = true;
	return 0;
}

int ops_archive(struct session *s, int id, const char *reason, struct op_result *res,
		struct cb_error *err)
{
	return ops_run_card_op(s, id, "archive", reason, apply_archive, NULL, res, err);
}

struct save_args {
	const struct card *base, *edited;
};

/* Three-way merge of one text field: mine when I changed it, theirs otherwise. */
static int merge_field(char **now, const char *base, const char *mine, const char *field,
		       struct strbuf *conflicts)
{
	if (strcmp(mine, base) == 0 || strcmp(mine, *now) == 0)
		return 0;
	if (strcmp(*now, base) != 0) {
		sb_printf(conflicts, "%s%s", conflicts->len ? ", " : "", field);
		return -1;
	}
	str_set(now, mine);
	return 0;
}

static int merge_list(struct strvec *now, const struct strvec *base, const struct strvec *mine,
		      const char *field, struct strbuf *conflicts)
{
	if (sv_equal(mine, base) || sv_equal(mine, now))
		return 0;
	if (!sv_equal(now, base)) {
		sb_printf(conflicts, "%s%s", conflicts->len ? ", " : "", field);
		return -1;
	}
	sv_free(now);
	sv_copy(now, mine);
	return 0;
}

static int apply_save(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct save_args *a = arg;
	const struct card *base = a->base, *mine = a->edited;
	struct card *now = &st->after;
	struct strbuf conflicts = {0};
	int bad = 0;

	if (text_validate("the title", mine->title, false, err) < 0 ||
	    text_validate("the description", mine->description, true, err) < 0)
		return -1;
	bad |= merge_field(&now->title, base->title, mine->title, "title", &conflicts);
	bad |= merge_field(&now->column, base->column, mine->column, "column", &conflicts);
	bad |= merge_field(&now->lead, base->lead, mine->lead, "lead", &conflicts);
	bad |= merge_list(&now->co, &base->co, &mine->co, "co", &conflicts);
	bad |= merge_field(&now->due, base->due, mine->due, "due", &conflicts);
	bad |= merge_list(&now->labels, &base->labels, &mine->labels, "labels", &conflicts);
	bad |= merge_field(&now->description, base->description, mine->description, "description",
			   &conflicts);
	if (bad) {
		cb_fail(err, CB_ECONFLICT, "#%d was changed meanwhile: %s", now->id, sb_str(&conflicts));
		sb_free(&conflicts);
		return -1;
	}
	if (strcmp(now->column, st->before->column) != 0)
		return ops_place_card(st, 0, 0, err);
	return 0;
}

int ops_save_card(struct session *s, const struct card *base, const struct card *edited,
		  const char *op, const char *reason, struct op_result *res, struct cb_error *err)
{
	struct save_args a = {base, edited};

	return ops_run_card_op(s, edited->id, op, reason, apply_save, &a, res, err);
}


/* --- deciding a value a merge set aside ---------------------------------------------- */

struct resolve_args {
	const char *field;
	bool take;         /* take a value set aside; else keep the card's own */
	const char *value; /* the one to take; NULL: the only one there is */
};

static int apply_resolve(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct resolve_args *a = arg;
	struct card *card = &st->after;
	char **slot = card_text_field(card, a->field);
	size_t aside = 0;
	const char *denied = board_may_run_meeting(st->board, st->s->login);

	if (denied)
		return cb_fail(err, CB_EDENIED, "%s may not decide a conflict: only a secretary or "
			       "an admin may", st->s->login);
	for (size_t i = 0; i < card->nconflicts; i++)
		aside += strcmp(card->conflicts[i].field, a->field) == 0;
	if (aside == 0)
		return cb_fail(err, CB_ENOTFOUND, "#%d has no value of %s set aside (`coboard "
			       "conflicts` lists them)", card->id, a->field);
	if (a->take && a->value && !card_has_conflict(card, a->field, a->value))
		return cb_fail(err, CB_ENOTFOUND, "'%s' is not a value of %s set aside on #%d",
			       a->value, a->field, card->id);
	if (a->take && !a->value && aside > 1)
		return cb_fail(err, CB_EINVALID, "#%d has %zu values of %s set aside; name the one "
			       "to take with --value", card->id, aside, a->field);
	if (a->take && slot) {
		for (size_t i = 0; !a->value && i < card->nconflicts; i++)
			if (strcmp(card->conflicts[i].field, a->field) == 0)
				str_set(slot, card->conflicts[i].value);
		if (a->value)
			str_set(slot, a->value);
	}
	for (size_t i = card->nconflicts; i-- > 0;) {
		if (strcmp(card->conflicts[i].field, a->field) == 0) {
			char *value = xstrdup(card->conflicts[i].value);
			card_remove_conflict(card, a->field, value);
			free(value);
		}
	}
	struct strbuf subject = {0};
	sb_printf(&subject, "Decide #%d %s: %s", card->id, a->field,
		  a->take ? UNTRANSLATED("take the value set aside")
			  : UNTRANSLATED("keep the card's value"));
	st->subject = sb_detach(&subject);
	return 0;
}

int ops_resolve_conflict(struct session *s, int id, const char *field, bool take,
			 const char *value, const char *reason, struct op_result *res,
			 struct cb_error *err)
{
	struct resolve_args args = {field, take, value};

	return ops_run_card_op(s, id, "resolve", reason, apply_resolve, &args, res, err);
}
