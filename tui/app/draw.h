/* Drawing helpers: colours named by role (with a monochrome fallback for NO_COLOR and
 * colourless terminals) and text put on screen cut and padded by display width, always
 * through the sanitizer. */
#ifndef COBOARD_DRAW_H
#define COBOARD_DRAW_H

#include <curses.h>
#include <stdbool.h>

enum color_role {
	C_NORMAL,
	C_TITLEBAR,
	C_STATUS,
	C_COLUMN,
	C_COLUMN_OVER, /* column over its WIP limit */
	C_SELECTED,
	C_OVERDUE,
	C_DUE_SOON,
	C_LANE,
	C_LABEL,
	C_DIM,
	C_ERROR,
	C_NOTICE,
	C_ID,
	C_DIFF_ADD,
	C_DIFF_DEL,
	C_RESPONSIBILITY,
	C_PAST, /* the frame while the board shows the past */
	C_COUNT
};

void draw_init_colors(void);
attr_t draw_attr(enum color_role role);

/* Draws text at (y, x) in at most width columns; pad fills the rest with spaces in attr.
 * Returns the columns used. */
int draw_text(WINDOW *win, int y, int x, int width, const char *text, attr_t attr, bool pad);

/* Fills width columns from (y, x) with spaces in attr. */
void draw_fill(WINDOW *win, int y, int x, int width, attr_t attr);

#endif
