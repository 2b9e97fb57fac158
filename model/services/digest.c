#include "digest.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "history.h"

static const struct card *find_card(const struct card_list *list, int id)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].id == id)
			return &list->v[i];
	return NULL;
}

static void add_item(struct digest *d, const char *kind, const struct card *card,
		     const char *detail)
{
	d->v = xgrow(d->v, d->n, sizeof(*d->v));
	d->v[d->n++] = (struct change_item){kind, card, xstrdup(detail)};
}

static const char *column_name_of(const struct board *board, const char *key)
{
	const struct column_def *c = board_column(board, key);

	return c ? board_column_name(c) : key;
}

/* The changes of one card that existed then. */
static void compare_card(struct digest *d, const struct card *old, const struct card *c)
{
	const struct board *board = &d->now.board;
	struct strbuf detail = {0};

	if (strcmp(old->column, c->column) != 0) {
		history_word_change("column", column_name_of(board, old->column),
				    column_name_of(board, c->column), NULL, &detail);
		add_item(d, "moved", c, sb_str(&detail));
	}
	if (strcmp(old->lead, c->lead) != 0) {
		sb_reset(&detail);
		sb_puts(&detail, "lead ");
		history_word_change("lead", old->lead, c->lead, NULL, &detail);
		add_item(d, "reassigned", c, sb_str(&detail));
	}
	if (!sv_equal(&old->co, &c->co)) {
		struct strbuf was = {0}, now = {0};

		sv_join(&old->co, ", ", &was);
		sv_join(&c->co, ", ", &now);
		sb_reset(&detail);
		history_word_change("co", sb_str(&was), sb_str(&now), NULL, &detail);
		sb_free(&was);
		sb_free(&now);
		add_item(d, "co-executors", c, sb_str(&detail));
	}
	if (strcmp(old->due, c->due) != 0) {
		sb_reset(&detail);
		history_word_change("due", old->due, c->due, NULL, &detail);
		add_item(d, "deadline", c, sb_str(&detail));
	}
	if (!old->archived && c->archived)
		add_item(d, "archived", c, "");
	/* Reports, requests and the coordinator's decisions made meanwhile. */
	for (size_t i = 0; i < c->nsteps; i++) {
		const struct step *st = &c->steps[i];
		struct strbuf value = {0};
		if (card_has_step(old, st))
			continue;
		history_step_value(st, &value);
		sb_reset(&detail);
		history_word_change(step_is_request(st) ? "request" : "decision", "", sb_str(&value),
				    NULL, &detail);
		add_item(d, step_is_request(st) ? "request" : "decision", c, sb_str(&detail));
		sb_free(&value);
	}
	sb_free(&detail);
}

static void compare_states(struct digest *d)
{
	struct strbuf detail = {0};

	for (size_t i = 0; i < d->now.cards.n; i++) {
		const struct card *c = &d->now.cards.v[i], *old = find_card(&d->then.cards, c->id);
		bool overdue_then = false;

		if (!old) {
			add_item(d, "new", c, column_name_of(&d->now.board, c->column));
		} else {
			compare_card(d, old, c);
			/* Overdue then is judged by that day, not by today. */
			overdue_then = card_due_state(old, &d->then.board, d->then.day) == DUE_OVERDUE;
		}
		if (!c->archived && card_due_state(c, &d->now.board, NULL) == DUE_OVERDUE && !overdue_then) {
			sb_reset(&detail);
			char day[16];
			i18n_day(c->due, day);
			sb_printf(&detail, _("due %s"), day);
			add_item(d, UNTRANSLATED("now overdue"), c, sb_str(&detail));
		}
	}
	sb_free(&detail);
}

int digest_since(struct session *s, const char *spec, struct digest *out, struct cb_error *err)
{
	struct cb_oid base, tip;

	memset(out, 0, sizeof(*out));
	if (asof_resolve_since(s, spec, &base, &out->before_all, err) < 0 ||
	    asof_resolve(s, "main", &tip, err) < 0 ||
	    (!out->before_all && asof_load(s, &base, &out->then, err) < 0) ||
	    asof_load(s, &tip, &out->now, err) < 0)
		return -1;
	compare_states(out);
	return 0;
}

void digest_free(struct digest *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].detail);
	free(d->v);
	board_state_free(&d->then);
	board_state_free(&d->now);
	memset(d, 0, sizeof(*d));
}
