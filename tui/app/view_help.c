/* Help, generated from the keymaps: one section per view, then the keys that work
 * everywhere. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "app.h"
#include "listview.h"
#include "text.h"
#include "views.h"

struct help_state {
	struct listview lv;
};

enum { KEYS_X = 4, KEYS_WIDTH = 22, HELP_X = 27 };

/* What a key does, wrapped by words beside its keys from row y (drawn where it is on the
 * screen, keeping right columns free on the first row); a narrow screen reads it whole.
 * Returns the rows it takes. */
static int help_text_rows(const char *text, int right, int y, int last_y, attr_t attr)
{
	int rows = 0;

	do {
		int width = COLS - HELP_X - (rows ? 1 : right);
		const char *next;
		size_t n = text_wrap_line(text, width, &next);
		if (y + rows >= 1 && y + rows <= last_y) {
			char *piece = xstrndup(text, n);
			draw_text(stdscr, y + rows, HELP_X, width, piece, attr, false);
			free(piece);
		}
		rows++;
		text = next;
	} while (*text);
	return rows;
}

/* The rows of the help, drawn when y is on the screen; returns how many there are. */
static int help_rows(struct app *app, int top, int last_y)
{
	bool can_write = app_can_write(app);
	int row = 0;

	for (unsigned m = 0; m < keymap_count; m++) {
		const struct keymap *map = keymaps[m];
		int y = 1 + ++row - top; /* a blank line before each heading */

		if (y >= 1 && y <= last_y)
			draw_text(stdscr, y, 2, COLS - 4, _(map->title), draw_attr(C_COLUMN), false);
		row++;
		for (unsigned i = 0; i < map->n; i++, row++) {
			const struct key_binding *b = &map->v[i];
			bool allowed = can_write || !action_writes(b->action);
			attr_t attr = allowed ? A_NORMAL : draw_attr(C_DIM);
			char keys[64];

			if (b->group && (i == 0 || !map->v[i - 1].group ||
					 strcmp(b->group, map->v[i - 1].group) != 0)) {
				y = 1 + row++ - top;
				if (y >= 1 && y <= last_y)
					draw_text(stdscr, y, KEYS_X - 1, COLS - KEYS_X, _(b->group),
						  draw_attr(C_DIM) | A_BOLD, false);
			}
			keymap_describe(b, keys, sizeof(keys));
			y = 1 + row - top;
			if (y >= 1 && y <= last_y) {
				draw_text(stdscr, y, KEYS_X, KEYS_WIDTH, keys, attr | A_BOLD, true);
				if (!allowed)
					draw_text(stdscr, y, COLS - 20, 19, _("(not for viewers)"), attr,
						  false);
			}
			row += help_text_rows(_(b->help), allowed ? 1 : 21, y, last_y, attr) - 1;
		}
	}
	row++;
	if (1 + row - top >= 1 && 1 + row - top <= last_y)
		draw_text(stdscr, 1 + row - top, 2, COLS - 4,
			  _("Changes by other sessions appear within a second, with a notice below."),
			  draw_attr(C_DIM), false);
	return row + 1;
}

static void help_draw(struct view *view, struct app *app)
{
	struct help_state *st = view->state;
	int rows = LINES - 2;

	app_draw_frame(app, _("help  (Esc: back)"), NULL);
	listview_set_page(&st->lv, rows);
	listview_set_rows(&st->lv, help_rows(app, st->lv.top, rows));
}

static bool help_input(struct view *view, struct app *app, enum action action, wint_t key,
		       bool is_key)
{
	struct help_state *st = view->state;

	(void)key;
	(void)is_key;
	if (action == ACT_HELP) {
		app_pop(app);
		return true;
	}
	return listview_act(&st->lv, action);
}

static void help_close(struct view *view)
{
	free(view->state);
	free(view);
}

struct view *help_view_new(struct app *app)
{
	struct view *view = xcalloc(1, sizeof(*view));

	(void)app;
	view->state = xcalloc(1, sizeof(struct help_state));
	view->keymap = &keymap_help;
	view->draw = help_draw;
	view->input = help_input;
	view->close = help_close;
	return view;
}
