#include "draw.h"

#include <stdlib.h>

#include "strbuf.h"
#include "text.h"

static attr_t attrs[C_COUNT];

void draw_init_colors(void)
{
	static const struct {
		short fg, bg;
		attr_t extra;
	} palette[C_COUNT] = {
		[C_NORMAL] = {-1, -1, 0},
		[C_TITLEBAR] = {COLOR_BLACK, COLOR_CYAN, 0},
		[C_STATUS] = {COLOR_BLACK, COLOR_WHITE, 0},
		[C_COLUMN] = {COLOR_CYAN, -1, A_BOLD},
		[C_COLUMN_OVER] = {COLOR_RED, -1, A_BOLD},
		[C_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, 0},
		[C_OVERDUE] = {COLOR_RED, -1, A_BOLD},
		[C_DUE_SOON] = {COLOR_YELLOW, -1, A_BOLD},
		[C_LANE] = {COLOR_MAGENTA, -1, A_BOLD},
		[C_LABEL] = {COLOR_GREEN, -1, 0},
		[C_DIM] = {-1, -1, A_DIM},
		[C_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
		[C_NOTICE] = {COLOR_BLACK, COLOR_GREEN, 0},
		[C_ID] = {COLOR_BLUE, -1, A_BOLD},
		[C_DIFF_ADD] = {COLOR_GREEN, -1, 0},
		[C_DIFF_DEL] = {COLOR_RED, -1, 0},
		[C_RESPONSIBILITY] = {COLOR_MAGENTA, -1, A_BOLD},
		[C_PAST] = {COLOR_WHITE, COLOR_MAGENTA, A_BOLD},
	};
	/* Without colour, roles fall back to attributes that still tell them apart. */
	static const attr_t mono[C_COUNT] = {
		[C_TITLEBAR] = A_REVERSE,  [C_STATUS] = A_REVERSE,    [C_COLUMN] = A_BOLD,
		[C_COLUMN_OVER] = A_BOLD | A_UNDERLINE, [C_SELECTED] = A_REVERSE,
		[C_OVERDUE] = A_BOLD | A_UNDERLINE, [C_DUE_SOON] = A_BOLD, [C_LANE] = A_BOLD | A_UNDERLINE,
		[C_DIM] = A_DIM,           [C_ERROR] = A_REVERSE | A_BOLD, [C_NOTICE] = A_REVERSE,
		[C_ID] = A_BOLD,           [C_RESPONSIBILITY] = A_BOLD,
		[C_PAST] = A_REVERSE | A_BOLD | A_UNDERLINE,
	};
	const char *no_color = getenv("NO_COLOR");

	if (has_colors() && !(no_color && *no_color)) {
		start_color();
		use_default_colors();
		for (int r = 1; r < C_COUNT; r++) {
			init_pair((short)r, palette[r].fg, palette[r].bg);
			attrs[r] = COLOR_PAIR(r) | palette[r].extra;
		}
	} else {
		for (int r = 0; r < C_COUNT; r++)
			attrs[r] = mono[r];
	}
}

attr_t draw_attr(enum color_role role)
{
	return attrs[role];
}

void draw_fill(WINDOW *win, int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	wattrset(win, attr);
	mvwhline(win, y, x, ' ', width);
	wattrset(win, A_NORMAL);
}

int draw_text(WINDOW *win, int y, int x, int width, const char *text, attr_t attr, bool pad)
{
	struct strbuf out = {0};
	int used;

	if (width <= 0)
		return 0;
	used = text_fit(text, width, pad, &out);
	wattrset(win, attr);
	mvwaddstr(win, y, x, sb_str(&out));
	wattrset(win, A_NORMAL);
	sb_free(&out);
	return used;
}
