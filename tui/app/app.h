/* The full-screen app: a stack of views over one open board. Every view is a struct of
 * hooks with private state; keys become actions (keymap.h), offered to the top view first,
 * then to the app. Views read through the index and change the board only through ops. */
#ifndef COBOARD_APP_H
#define COBOARD_APP_H

#include <curses.h>
#include <stdbool.h>

#include "board.h"
#include "session.h"
#include "open.h"
#include "draw.h"
#include "keymap.h"

struct app;

struct view {
	const struct keymap *keymap; /* the view's own keys, before the generic ones */
	void (*draw)(struct view *view, struct app *app);
	/* Returns true when the view handled the action. */
	bool (*input)(struct view *view, struct app *app, enum action action, wint_t key,
		      bool is_key);
	/* A click at screen (y, x); double for a double click. */
	void (*click)(struct view *view, struct app *app, int y, int x, bool double_click);
	/* The board changed (a write, or another session's): reread what is shown. */
	void (*reload)(struct view *view, struct app *app);
	void (*close)(struct view *view);
	void *state;
};

enum { APP_MAX_VIEWS = 8, APP_MIN_COLS = 60, APP_MIN_LINES = 15 };

struct app {
	struct session *s;
	struct board board;
	bool restricted;
	bool quit;
	struct view *views[APP_MAX_VIEWS];
	int nviews;
	char message[512];
	enum color_role message_role;
	long long message_time;
	long long data_version;
	char *last_author;
	long long last_time;
	char *synced_with; /* the remote this board synced with last, NULL when never */
	long long synced_time;
	char *meeting; /* the open meeting's title, NULL when none */
	char past[160]; /* the board view shows the past: what it shows, "" when live */
	/* The day due dates are judged on: the past's own day while the board shows the past,
	 * "" (the real today) when live. */
	char judged_on[11];
};

/* Opens the board full-screen; returns the exit status. */
int app_run(const struct board_choice *choice);

void app_push(struct app *app, struct view *view);
void app_pop(struct app *app);

/* Shows a message on the status line (errors in C_ERROR, notices in C_NOTICE). */
void app_message(struct app *app, enum color_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Rereads board.conf and every view after a change. */
void app_reload(struct app *app);

/* Draws the views as they stand (behind a prompt or a picker), without flushing. */
void app_draw_views(struct app *app);

/* The day due dates are judged on, as card_due_state takes it (NULL: the real today). */
const char *app_today(const struct app *app);

/* Draws the title bar and the status line around the views: view names the view ("card
 * #12"), filters what it leaves out ("agency MOE  overdue"; NULL for none). */
void app_draw_frame(struct app *app, const char *view, const char *filters);

/* True when the acting member may change anything at all: not a viewer, on a board that can
 * be written here (not a read-only mount, a full disk, a directory without permission). */
bool app_can_write(const struct app *app);

/* Leaves curses, runs $EDITOR on text, comes back. Returns false (with a message) in
 * restricted mode or when the editor fails. *text is replaced on success. */
bool app_edit_in_editor(struct app *app, char **text);

/* Reads one key with the app's timeout: returns ERR on timeout, like wget_wch. */
int app_read_key(struct app *app, wint_t *key);

#endif
