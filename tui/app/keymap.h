/* Keys map to named actions through one table per view (the board, a card, a log, a diff,
 * the help) with a generic table behind them all, as tig looks a key up in the view's keymap
 * and then the generic one. The same tables give the hint bar and the help screen, so keys,
 * hints and help never disagree. */
#ifndef COBOARD_KEYMAP_H
#define COBOARD_KEYMAP_H

#include <stdbool.h>
#include <wchar.h>

#include "strbuf.h"

enum action {
	ACT_NONE,
	ACT_LEFT, ACT_RIGHT, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_MOVE_LEFT, ACT_MOVE_RIGHT, ACT_MOVE_UP, ACT_MOVE_DOWN,
	ACT_OPEN, ACT_ADD, ACT_MOVE_TO, ACT_EDIT, ACT_REASSIGN, ACT_NOTE, ACT_DUE, ACT_ARCHIVE,
	ACT_DECIDE, ACT_SUBMIT, ACT_EXTEND, ACT_DISPUTE, ACT_GRANT, ACT_REFUSE,
	ACT_SEARCH, ACT_LANES, ACT_FILTER_AGENCY, ACT_FILTER_LABEL, ACT_FILTER_OVERDUE,
	ACT_FILTER_MINE, ACT_FILTER_CLEAR,
	ACT_LOG, ACT_HISTORY, ACT_FILTER_RESPONSIBILITY, ACT_FILTER_PERSON, ACT_FILTER_SINCE,
	ACT_UNDO, ACT_TIME_BACK, ACT_TIME_FORWARD, ACT_TIME_GOTO, ACT_MEETING,
	ACT_COMPACT, ACT_DASHBOARD, ACT_REQUESTS, ACT_DISCIPLINE,
	ACT_HELP, ACT_BACK, ACT_QUIT, ACT_REDRAW,
	ACT_COUNT
};

/* Which actions change the board: hidden from the hints of members who cannot write. */
bool action_writes(enum action action);

/* A key: a character, or a curses KEY_* code marked with KEY_CODE. */
#define KEY_CODE(k) ((int)(0x40000000 | (k)))
enum { KEYS_PER_ACTION = 3 };

struct key_binding {
	enum action action;
	int keys[KEYS_PER_ACTION];
	const char *help;
	const char *hint; /* in the hint bar ("H/L:move"), NULL when not there */
	int rank;         /* the hint bar fills in rank order: 1 first, dropped last */
	const char *group; /* a heading inside the view's section of the help, or NULL */
};

struct keymap {
	const char *title; /* the help screen's heading for it */
	const struct key_binding *v;
	unsigned n;
};

extern const struct keymap keymap_board, keymap_card, keymap_log, keymap_diff, keymap_help,
	keymap_dashboard, keymap_requests, keymap_generic;
/* Every keymap, in the order the help screen shows them. */
extern const struct keymap *const keymaps[];
extern const unsigned keymap_count;

/* The action of a key read with get_wch (is_key: it was a KEY_* code) in a view with keymap
 * map: its own binding, else the generic one, else ACT_NONE. */
enum action keymap_action(const struct keymap *map, wint_t key, bool is_key);

/* "Left, h" for a binding, as the help screen shows it. */
void keymap_describe(const struct key_binding *binding, char *out, unsigned size);

/* The hint bar for a view: "?:help" first, then its hints and the generic ones by rank, as
 * many as fit in width columns; the write actions only when can_write. */
void keymap_hints(const struct keymap *map, bool can_write, int width, struct strbuf *out);

#endif
