/* What the files of the write path share: ops.c runs a card op under the writer lock,
 * ops_card.c holds the ops on cards, ops_revert.c the undo. Not for use outside model/ops*. */
#ifndef COBOARD_OPS_INTERNAL_H
#define COBOARD_OPS_INTERNAL_H

#ifdef COBOARD_FRONT_END
#error "ops_internal.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "ops.h"

/* What an op sees while it runs, under the writer lock and with the index at the tip. */
struct op_state {
	struct session *s;
	struct board *board;
	const struct card *before; /* NULL when adding */
	struct card after;
	char *subject;  /* set by an op that words its own subject (revert) */
	char *trailers; /* extra trailer lines, e.g. "Reverts: <id>\n" */
	char note[200]; /* for the user beside the commit (op_result.note) */
	/* Cards given new ranks so that this one fits where it was put (two offices gave two
	 * cards one rank, or the ranks there ran long: model/rules/rank.h), as they were and as
	 * they become, committed with this one. */
	struct card *room_before, *room_after;
	size_t nroom;
};

/* A deadline as typed (a date, or relative: model/rules/calendar.h) into out[11], from today or
 * the open meeting's day, moved to the working day before when it falls on a day off; a
 * note of that move goes to st->note. */
int ops_take_deadline(struct op_state *st, const char *typed, char out[11],
		      struct cb_error *err);

typedef int (*card_fn)(struct op_state *st, void *arg, struct cb_error *err);

/* Runs fn on card id (0: a new card) under the writer lock, retrying when the branch moves,
 * and commits what it made of the card. */
int ops_run_card_op(struct session *s, int id, const char *op, const char *reason, card_fn fn,
		    void *arg, struct op_result *res, struct cb_error *err);

/* On a board shared by offices (sites or git remotes), moves *id up to the next number that
 * ends in this server's site number, as card ids and request numbers do, so two offices
 * never make the same one; fails when the site is not named yet. */
int ops_on_site(struct session *s, const struct board *board, int *id, struct cb_error *err);

/* Gives st->after a rank in its column: next to before or after (ids, 0 for none), else at
 * the bottom. */
int ops_place_card(struct op_state *st, int before, int after, struct cb_error *err);

#endif
