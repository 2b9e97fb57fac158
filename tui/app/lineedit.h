/* A one-line text editor on wide characters: insert, delete, move, shown scrolled to keep
 * the cursor visible and measured in display columns. */
#ifndef COBOARD_LINEEDIT_H
#define COBOARD_LINEEDIT_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

enum { LINEEDIT_MAX = 2048 };

struct lineedit {
	wchar_t buf[LINEEDIT_MAX + 1];
	int len, cur;
};

void lineedit_set(struct lineedit *le, const char *utf8);
/* The text as UTF-8; caller frees. */
char *lineedit_text(const struct lineedit *le);
/* Applies an editing key; returns true when the key was an editing key. */
bool lineedit_key(struct lineedit *le, wint_t key, bool is_key);
/* Draws in width columns at (y, x) and returns the cursor's screen column. */
int lineedit_draw(const struct lineedit *le, WINDOW *win, int y, int x, int width, attr_t attr);

#endif
