/* The app's own text editor, for what is written rather than picked: descriptions, notes,
 * reports and reasons. It works where $EDITOR cannot (over SSH in restricted mode) and
 * hands the text to $EDITOR on Ctrl-E where that is allowed. */
#ifndef COBOARD_EDITOR_H
#define COBOARD_EDITOR_H

#include <stdbool.h>

struct app;

/* Checks the text on saving (Enter in a prompt): NULL accepts, else the message shown in
 * place (the prompt or editor stays open). */
typedef const char *(*prompt_check_fn)(const char *text, void *ctx);

enum text_shape {
	TEXT_LINES,     /* Enter starts a new line; Ctrl-S saves (descriptions, notes, reports) */
	TEXT_PARAGRAPH, /* one line however it wraps; Enter saves (reasons) */
};

/* Edits initial in a box titled title. check (optional) is asked on saving: NULL saves, else
 * its message is shown and the box stays open. Esc cancels, asking first when something
 * was written. Returns false on cancel; *out (caller frees) holds the text on save. */
bool edit_text(struct app *app, const char *title, const char *initial, enum text_shape shape,
	       prompt_check_fn check, void *ctx, char **out);

#endif
