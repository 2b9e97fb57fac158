/* What the secretary does to a card, shared by the board and the card view. Each asks what
 * it needs (forms, pickers, prompts), calls one model op and reports on the status line. */
#ifndef COBOARD_ACTIONS_H
#define COBOARD_ACTIONS_H

#include <stdbool.h>

struct app;

/* Each returns true when the board changed. */
bool action_move_column(struct app *app, int id, int direction); /* -1 left, +1 right */
bool action_reorder(struct app *app, int id, int before, int after);
bool action_add(struct app *app, const char *column, int *new_id);
bool action_edit(struct app *app, int id);
bool action_reassign(struct app *app, int id);
bool action_note(struct app *app, int id);
bool action_due(struct app *app, int id);
bool action_archive(struct app *app, int id);
/* Reverts the acting member's own last card change, after asking. */
bool action_undo(struct app *app);
/* Starts a meeting (asks for a title) or ends the open one (asks first). */
bool action_meeting(struct app *app);

#endif
