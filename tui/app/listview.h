/* Scrolling and selection, written once for every view (the board's columns and lanes, the
 * card, the log, the diff, the help, the pickers): rows, the selected row, the first row
 * shown, and how many fit on the screen. */
#ifndef COBOARD_LISTVIEW_H
#define COBOARD_LISTVIEW_H

#include <stdbool.h>

#include "keymap.h"

struct listview {
	int rows;    /* how many there are */
	int sel;     /* the selected row (lists with a cursor) */
	int top;     /* the first row on the screen */
	int page;    /* how many fit on the screen, set when drawn */
	bool cursor; /* false: a text that scrolls (card, diff, help); the window moves itself */
};

/* Sets the number of rows (after a reload), keeping the selection and the window in range. */
void listview_set_rows(struct listview *lv, int rows);
/* Sets how many rows fit (at each draw) and moves the window to show the selection. */
void listview_set_page(struct listview *lv, int page);
/* Selects row (a cursor list) or brings it into the window (a text). */
void listview_show(struct listview *lv, int row);
/* Up, down, page up and down, top, bottom: true when the action is one of these. */
bool listview_act(struct listview *lv, enum action action);
/* The last row in the window, plus one (for drawing: for (i = top; i < listview_end(); i++)). */
int listview_end(const struct listview *lv);

#endif
