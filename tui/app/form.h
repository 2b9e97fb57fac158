/* Modal input: a one-line prompt, pickers for agencies and labels, the card form. Each runs
 * its own small key loop, keeps the screen drawn behind it, and returns on Enter or Esc. */
#ifndef COBOARD_FORM_H
#define COBOARD_FORM_H

#include <stdbool.h>

#include "card.h"
#include "editor.h"
#include "strbuf.h"

struct app;

/* on_change (optional) is called after every edit, for incremental search. */
typedef void (*prompt_change_fn)(const char *text, void *ctx);

/* A deadline as typed in a form or prompt (a date, +10d, +5wd, +2m, urgent, operational;
 * empty or "none" clears it) as the due date to store, in day[11] or "" (model/rules/calendar.h);
 * text that is none of these comes back as typed, for the validation to name. */
struct board;
const char *form_deadline(const struct board *board, const char *typed, char day[11]);

/* Returns false on Esc. *out (caller frees) holds the text on Enter. */
bool prompt_line(struct app *app, const char *label, const char *initial, prompt_check_fn check,
		 prompt_change_fn on_change, void *ctx, char **out);

/* Asks a yes/no question on the status line. */
bool prompt_yes_no(struct app *app, const char *question);

/* Picks one item; returns its index, or -1 on Esc. Typing filters the list. */
int pick_one(struct app *app, const char *title, const struct strvec *items,
	     const struct strvec *details, int initial);

/* Toggles items with Space; Enter accepts (true), Esc cancels (false). */
bool pick_many(struct app *app, const char *title, const struct strvec *items,
	       const struct strvec *details, bool *selected);

/* Picks card's lead agency (dropping it from the co-executors) / its co-executors, as the
 * card form and the reassign key both do. False on Esc, card unchanged. */
bool pick_lead(struct app *app, const char *title, struct card *card);
bool pick_co(struct app *app, const char *title, struct card *card);

/* The card form (title, lead, co-executors, due, labels, description). card holds the
 * initial values and receives the edited ones; false on Esc. Fields are checked with the
 * model's own validation and the message is shown beside the field. */
bool card_form(struct app *app, const char *heading, struct card *card);

#endif
