/* What the secretary does to a card, shared by the board and the card view. Each asks what
 * it needs (forms, pickers, prompts), calls one model op and reports on the status line. */
#ifndef COBOARD_ACTIONS_H
#define COBOARD_ACTIONS_H

#include <stdbool.h>

struct app;

#include "keymap.h"

/* The write actions on one card that the board and the card view share (move to the next
 * or previous column, edit, reassign, note, due date, archive, undo): false when action is
 * not one of them; *changed tells whether the board changed. Whether the member may change
 * the card is said before any form opens. */
bool action_on_card(struct app *app, enum action action, int id, bool *changed);

/* Says on the status line what a write did (done, with the commit) or why it failed: true
 * when the board changed. */
struct op_result;
struct cb_error;
bool action_report(struct app *app, int rc, const struct op_result *res,
		   const struct cb_error *err, const char *done);
/* Execution control from the app (actions_control.c): report, ask for more time, propose
 * another lead on card id; decide request number on card (grant false: refuse, asking
 * why). True when the board changed. */
bool action_control(struct app *app, enum action action, int id);
bool action_decide(struct app *app, int number, int card, bool grant);

/* Each returns true when the board changed. */
bool action_reorder(struct app *app, int id, int before, int after);
bool action_add(struct app *app, const char *column, int *new_id);
/* Reverts the acting member's own last card change, after asking. */
bool action_undo(struct app *app);
/* Starts a meeting (asks for a title) or ends the open one (asks first). */
bool action_meeting(struct app *app);

#endif
