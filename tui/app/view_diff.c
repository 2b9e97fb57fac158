/* One commit's change to a card's text, coloured as a diff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "blame.h"
#include "history.h"
#include "strbuf.h"
#include "app.h"
#include "listview.h"
#include "text.h"
#include "views.h"

struct diff_state {
	char commit[41];
	int card;
	struct strvec lines;
	char *subject;
	struct listview lv;
};

static void diff_draw(struct view *view, struct app *app)
{
	struct diff_state *st = view->state;
	char ctx[96];
	int rows = LINES - 3;

	snprintf(ctx, sizeof(ctx), _("%.7s on #%d  (Esc: back)"), st->commit, st->card);
	app_draw_frame(app, ctx, NULL);
	draw_text(stdscr, 1, 1, COLS - 2, st->subject, A_BOLD, false);
	listview_set_page(&st->lv, rows);
	listview_set_rows(&st->lv, (int)st->lines.n);
	for (int i = st->lv.top; i < listview_end(&st->lv); i++) {
		const char *l = st->lines.v[i];
		enum color_role role = C_NORMAL;

		if (strncmp(l, "+++", 3) == 0 || strncmp(l, "---", 3) == 0 || strncmp(l, "diff", 4) == 0 ||
		    strncmp(l, "index", 5) == 0)
			role = C_DIM;
		else if (l[0] == '+')
			role = C_DIFF_ADD;
		else if (l[0] == '-')
			role = C_DIFF_DEL;
		else if (l[0] == '@')
			role = C_COLUMN;
		draw_text(stdscr, 2 + i - st->lv.top, 1, COLS - 2, l, draw_attr(role), false);
	}
}

static bool diff_input(struct view *view, struct app *app, enum action action, wint_t key,
		       bool is_key)
{
	struct diff_state *st = view->state;

	(void)app;
	(void)key;
	(void)is_key;
	return listview_act(&st->lv, action);
}

static void diff_close(struct view *view)
{
	struct diff_state *st = view->state;

	sv_free(&st->lines);
	free(st->subject);
	free(st);
	free(view);
}

struct view *diff_view_new(struct app *app, const char *commit, int card)
{
	struct view *view = xcalloc(1, sizeof(*view));
	struct diff_state *st = xcalloc(1, sizeof(*st));
	struct strbuf diff = {0};
	struct cb_error err = {0};
	struct log_list rows = {0};
	snprintf(st->commit, sizeof(st->commit), "%s", commit);
	st->card = card;
	if (history_card_diff(app->s, commit, card, &diff, &err) < 0)
		sb_puts(&diff, err.msg);
	for (const char *p = sb_str(&diff); *p;) {
		const char *nl = strchr(p, '\n');
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		sv_push(&st->lines, line);
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
	index_commit_changes(app->s->index, commit, &rows, &err);
	st->subject = xstrdup(rows.n ? rows.v[0].subject : "");
	log_list_free(&rows);
	sb_free(&diff);
	view->state = st;
	view->keymap = &keymap_diff;
	view->draw = diff_draw;
	view->input = diff_input;
	view->close = diff_close;
	return view;
}
