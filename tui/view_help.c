/* Help, generated from the key-map table. */
#include <stdlib.h>
#include <string.h>

#include "../model/strbuf.h"
#include "app.h"
#include "views.h"

struct help_state {
	int scroll;
};

static void help_draw(struct view *view, struct app *app)
{
	struct help_state *st = view->state;
	const char *group = NULL;
	bool can_write = app_can_write(app);
	int y = 1 - st->scroll, rows = LINES - 2;

	app_draw_frame(app, "help  (Esc: back)");
	for (unsigned i = 0; i < key_binding_count; i++) {
		const struct key_binding *b = &key_bindings[i];
		char keys[64];
		bool allowed = can_write || !action_writes(b->action);

		if (!group || strcmp(group, b->group) != 0) {
			group = b->group;
			y++;
			if (y >= 1 && y <= rows)
				draw_text(stdscr, y, 2, COLS - 4, group, draw_attr(C_COLUMN), false);
			y++;
		}
		keymap_describe(b, keys, sizeof(keys));
		if (y >= 1 && y <= rows) {
			attr_t attr = allowed ? A_NORMAL : draw_attr(C_DIM);
			draw_text(stdscr, y, 4, 22, keys, attr | A_BOLD, true);
			draw_text(stdscr, y, 27, COLS - 28, b->help, attr, false);
			if (!allowed)
				draw_text(stdscr, y, COLS - 20, 19, "(not for viewers)", attr, false);
		}
		y++;
	}
	if (y + 1 >= 1 && y + 1 <= rows)
		draw_text(stdscr, y + 1, 2, COLS - 4,
			  "Changes by other sessions appear within a second, with a notice below.",
			  draw_attr(C_DIM), false);
}

static bool help_input(struct view *view, struct app *app, enum action action, wint_t key,
		       bool is_key)
{
	struct help_state *st = view->state;

	(void)app;
	(void)key;
	(void)is_key;
	switch (action) {
	case ACT_UP: if (st->scroll > 0) st->scroll--; return true;
	case ACT_DOWN: if (st->scroll < (int)key_binding_count) st->scroll++; return true;
	case ACT_HELP: app_pop(app); return true;
	default: return false;
	}
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
	view->draw = help_draw;
	view->input = help_input;
	view->close = help_close;
	return view;
}
