#include "editor.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "app.h"
#include "draw.h"
#include "screen.h"
#include "textarea.h"

#define CTRL(c) ((c) & 0x1f)

struct editor {
	struct textarea ta;
	const char *title;
	const char *message; /* an error from the check, or the question before discarding */
	bool asking;         /* Esc was pressed on written text: y discards */
	enum text_shape shape;
};

/* The box: most of the screen for lines, a few rows for a paragraph. */
static void editor_box(const struct editor *ed, int *y0, int *x0, int *h, int *w)
{
	*w = COLS - 4 < 100 ? COLS - 4 : 100;
	if (*w < 10)
		*w = COLS;
	if (ed->shape == TEXT_LINES) {
		*h = LINES - 4 < 20 ? LINES - 4 : 20;
	} else {
		int *starts, rows = textarea_rows(&ed->ta, *w - 2, &starts);
		free(starts);
		*h = (rows > 3 ? rows : 3) + 3;
		if (*h > 10)
			*h = 10;
	}
	if (*h > LINES)
		*h = LINES;
	if (*h < 4)
		*h = 4;
	*y0 = (LINES - *h) / 2;
	*x0 = (COLS - *w) / 2;
}

static const char *editor_hint(const struct app *app, const struct editor *ed)
{
	if (ed->shape == TEXT_PARAGRAPH)
		return _("Enter or Ctrl-S: save   Esc: cancel");
	return app->restricted ? _("Ctrl-S: save   Enter: new line   Esc: cancel")
			       : _("Ctrl-S: save   Enter: new line   Ctrl-E: $EDITOR   Esc: cancel");
}

/* Draws the box and returns the text's width and height in it, which the keys move by. */
static void editor_draw(struct app *app, struct editor *ed, int *text_w, int *text_h)
{
	int y0, x0, h, w, cy, cx;
	attr_t box = draw_attr(C_STATUS);

	editor_box(ed, &y0, &x0, &h, &w);
	app_draw_views(app);
	for (int y = 0; y < h; y++)
		draw_fill(stdscr, y0 + y, x0, w, box);
	draw_text(stdscr, y0, x0 + 1, w - 2, ed->title, box | A_BOLD, false);
	*text_w = w - 2;
	*text_h = h - 3;
	textarea_draw(&ed->ta, stdscr, y0 + 1, x0 + 1, *text_w, *text_h, A_NORMAL, &cy, &cx);
	if (ed->message)
		draw_text(stdscr, y0 + h - 2, x0 + 1, w - 2, ed->message,
			  ed->asking ? box | A_BOLD : draw_attr(C_ERROR), true);
	draw_text(stdscr, y0 + h - 1, x0 + 1, w - 2, editor_hint(app, ed), box | A_DIM, false);
	curs_set(ed->asking ? 0 : 1);
	wmove(stdscr, cy, cx);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The text to $EDITOR and back, where the connection allows one. */
static void editor_external(struct app *app, struct editor *ed)
{
	char *text = textarea_text(&ed->ta);

	if (app_edit_in_editor(app, &text)) {
		textarea_set(&ed->ta, text, ed->shape == TEXT_LINES);
		ed->ta.cur = ed->ta.len;
		ed->ta.changed = true;
		ed->message = NULL;
	} else {
		ed->message = app->message;
	}
	free(text);
}

/* Whether Ctrl-S (or Enter in a paragraph) may save: the check's message stays on screen
 * when it may not. */
static bool editor_save(struct editor *ed, prompt_check_fn check, void *ctx, char **out)
{
	char *text = textarea_text(&ed->ta);

	ed->message = check ? check(text, ctx) : NULL;
	if (ed->message) {
		free(text);
		return false;
	}
	*out = text;
	return true;
}

bool edit_text(struct app *app, const char *title, const char *initial, enum text_shape shape,
	       prompt_check_fn check, void *ctx, char **out)
{
	struct editor ed = {.title = title, .shape = shape};
	bool saved = false;

	*out = NULL;
	textarea_set(&ed.ta, initial ? initial : "", shape == TEXT_LINES);
	ed.ta.cur = ed.ta.len;
	for (;;) {
		wint_t key;
		int text_w, text_h;

		editor_draw(app, &ed, &text_w, &text_h);
		int r = screen_read_key(&key, -1);
		/* A read that fails while waiting for ever: the terminal hung up (or a test's keys
		 * ran out); nobody is there to answer a question, so the text is dropped. */
		if (r == ERR || screen_gone())
			break;
		bool is_key = r == KEY_CODE_YES;
		if (is_key && key == KEY_RESIZE)
			continue;
		if (ed.asking) {
			ed.asking = false;
			ed.message = NULL;
			if (!is_key && (key == 'y' || key == 'Y'))
				break;
			continue;
		}
		if (key_is_escape(key, is_key)) {
			char *text = textarea_text(&ed.ta);
			bool written = ed.ta.changed && *text;
			free(text);
			if (!written)
				break;
			ed.asking = true;
			ed.message = _("Discard what you wrote? (y/n)");
			continue;
		}
		if ((!is_key && key == CTRL('s')) ||
		    (shape == TEXT_PARAGRAPH && key_is_enter(key, is_key))) {
			if ((saved = editor_save(&ed, check, ctx, out)))
				break;
			continue;
		}
		if (!is_key && key == CTRL('e') && shape == TEXT_LINES && !app->restricted) {
			editor_external(app, &ed);
			continue;
		}
		if (key_is_enter(key, is_key))
			key = '\n', is_key = false;
		if (textarea_key(&ed.ta, key, is_key, text_w, text_h))
			ed.message = NULL;
	}
	textarea_free(&ed.ta);
	curs_set(0);
	return saved;
}
