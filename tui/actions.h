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

/* Each returns true when the board changed. */
bool action_reorder(struct app *app, int id, int before, int after);
bool action_add(struct app *app, const char *column, int *new_id);
/* Reverts the acting member's own last card change, after asking. */
bool action_undo(struct app *app);
/* Starts a meeting (asks for a title) or ends the open one (asks first). */
bool action_meeting(struct app *app);

#endif
