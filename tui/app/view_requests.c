/* The coordinator's queue: every report, extension request and dispute waiting for a
 * decision, oldest first, with the agency and how long it has waited; y grants, N refuses
 * (asking why), Enter opens the card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "actions.h"
#include "app.h"
#include "listview.h"
#include "print.h"
#include "views.h"

enum { FIRST_ROW = 2 };

struct requests_state {
	struct request_list list;
	struct listview lv;
};

static void requests_reload(struct view *view, struct app *app)
{
	struct requests_state *st = view->state;
	struct cb_error err = {0};

	request_list_free(&st->list);
	if (index_requests(app->s->index, true, &st->list, &err) < 0)
		app_message(app, C_ERROR, "%s", err.msg);
	listview_set_rows(&st->lv, (int)st->list.n);
}

/* One request as a line: number, card, what is asked, agency, days waiting, the title. */
static void request_line(const struct request_row *r, struct strbuf *out)
{
	char day[16], asked[11];
	long waited;

	snprintf(asked, sizeof(asked), "%.10s", r->time);
	waited = date_valid(asked) ? -date_days_until(asked, NULL) : 0;
	sb_printf(out, "%-5d #%-6d ", r->number, r->card);
	if (strcmp(r->kind, "extension") == 0)
		sb_printf(out, _("extension to %s"), print_day(r->value, day));
	else if (strcmp(r->kind, "dispute") == 0)
		sb_printf(out, _("dispute: lead to %s"), r->value);
	else
		sb_puts(out, _("report"));
	sb_printf(out, "  %s  ", r->agency);
	sb_printf(out, P_("waiting %ld day", "waiting %ld days", waited < 0 ? 0 : waited),
		  waited < 0 ? 0 : waited);
	sb_printf(out, "  %s", r->title);
}

static void requests_draw(struct view *view, struct app *app)
{
	struct requests_state *st = view->state;

	app_draw_frame(app, _("requests waiting for a decision  (Esc: back)"), NULL);
	if (!st->list.n)
		draw_text(stdscr, FIRST_ROW, 1, COLS - 2, _("nothing waits for a decision"), A_DIM,
			  false);
	listview_set_page(&st->lv, (LINES - FIRST_ROW - 1) / 2);
	for (int i = st->lv.top; i < listview_end(&st->lv); i++) {
		const struct request_row *r = &st->list.v[i];
		int y = FIRST_ROW + 2 * (i - st->lv.top);
		bool sel = i == st->lv.sel;
		struct strbuf line = {0};

		request_line(r, &line);
		if (sel)
			draw_fill(stdscr, y, 0, COLS, draw_attr(C_SELECTED));
		draw_text(stdscr, y, 1, COLS - 2, sb_str(&line),
			  sel ? draw_attr(C_SELECTED) | A_BOLD : A_BOLD, false);
		sb_reset(&line);
		sb_puts(&line, "      ");
		sb_add(&line, r->text, strcspn(r->text, "\n"));
		draw_text(stdscr, y + 1, 1, COLS - 2, sb_str(&line), draw_attr(C_DIM), false);
		sb_free(&line);
	}
}

static bool requests_input(struct view *view, struct app *app, enum action action, wint_t key,
			   bool is_key)
{
	struct requests_state *st = view->state;

	(void)key;
	(void)is_key;
	if (listview_act(&st->lv, action))
		return true;
	if (!st->list.n || (action != ACT_OPEN && action != ACT_GRANT && action != ACT_REFUSE))
		return false;
	const struct request_row *r = &st->list.v[st->lv.sel];
	if (action == ACT_OPEN)
		app_push(app, card_view_new(app, r->card));
	else if (action_decide(app, r->number, r->card, action == ACT_GRANT))
		app_reload(app);
	return true;
}

static void requests_close(struct view *view)
{
	struct requests_state *st = view->state;

	request_list_free(&st->list);
	free(st);
	free(view);
}

struct view *requests_view_new(struct app *app)
{
	struct view *view = xcalloc(1, sizeof(*view));
	struct requests_state *st = xcalloc(1, sizeof(*st));

	st->lv.cursor = true;
	view->state = st;
	view->keymap = &keymap_requests;
	view->draw = requests_draw;
	view->input = requests_input;
	view->reload = requests_reload;
	view->close = requests_close;
	requests_reload(view, app);
	return view;
}
