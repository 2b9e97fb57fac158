/* Keys map to named actions through one table, which also yields the help screen, so keys
 * and help never disagree. The current view handles an action first, then the app. */
#ifndef COBOARD_KEYMAP_H
#define COBOARD_KEYMAP_H

#include <stdbool.h>
#include <wchar.h>

enum action {
	ACT_NONE,
	ACT_LEFT, ACT_RIGHT, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_MOVE_LEFT, ACT_MOVE_RIGHT, ACT_MOVE_UP, ACT_MOVE_DOWN,
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_REASSIGN, ACT_NOTE, ACT_DUE, ACT_ARCHIVE,
	ACT_SEARCH, ACT_LANES, ACT_FILTER_AGENCY, ACT_FILTER_LABEL, ACT_FILTER_OVERDUE,
	ACT_FILTER_MINE, ACT_FILTER_CLEAR,
	ACT_LOG, ACT_HISTORY, ACT_FILTER_RESPONSIBILITY, ACT_FILTER_PERSON, ACT_FILTER_SINCE,
	ACT_UNDO, ACT_TIME_BACK, ACT_TIME_FORWARD, ACT_MEETING,
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
	const char *name;  /* e.g. "move-right" */
	int keys[KEYS_PER_ACTION];
	const char *help;
	const char *group; /* heading in the help screen */
};

extern const struct key_binding key_bindings[];
extern const unsigned key_binding_count;

/* The action of a key read with get_wch (is_key: it was a KEY_* code). */
enum action keymap_action(wint_t key, bool is_key);

/* "Left, h" for a binding, as the help screen shows it. */
void keymap_describe(const struct key_binding *binding, char *out, unsigned size);

#endif
