/* The dashboard: one row per agency, its cards as a bar of the board's columns, and its
 * overdue count, the most overdue first. The picture a coordinator wants before reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "date.h"
#include "i18n.h"
#include "report.h"
#include "strbuf.h"
#include "utf8.h"
#include "app.h"
#include "listview.h"
#include "print.h"
#include "views.h"

enum { CODE_WIDTH = 6, COUNTS_WIDTH = 32, FIRST_ROW = 3 };

struct dashboard_state {
	struct report report;
	int *order; /* indexes into report.v, by overdue */
	struct listview lv;
	bool discipline; /* d: each agency's executive discipline over the last 30 days */
};

static void dashboard_reload(struct view *view, struct app *app)
{
	struct dashboard_state *st = view->state;
	struct cb_error err = {0};

	report_free(&st->report);
	free(st->order);
	st->order = NULL;
	char today[11], since[11];
	date_today(today);
	date_from_days(date_to_days(today) - 30, since);
	if (report_build(app->s, &app->board, NULL, 0, false, &st->report, &err) < 0 ||
	    report_discipline(app->s, &app->board, &st->report, since, today, &err) < 0)
		app_message(app, C_ERROR, "%s", err.msg);
	st->order = xcalloc(st->report.n + 1, sizeof(int));
	report_order_by_overdue(&st->report, st->order);
	listview_set_rows(&st->lv, (int)st->report.n);
}

/* A column's mark in the bars: the first letter of its name as the reader reads it (one
 * column wide; the key's first letter when that letter is wide). */
static void column_mark(const struct column_def *def, char mark[5])
{
	const char *name = board_column_name(def);
	uint32_t cp;
	size_t n = utf8_decode(name, strlen(name), &cp);

	if (cp == UTF8_INVALID || !*name || wcwidth((wchar_t)cp) != 1)
		snprintf(mark, 5, "%c", def->key[0]);
	else
		snprintf(mark, 5, "%.*s", (int)n, name);
}

/* The agency's cards as a bar: one segment per column, as wide as its share of the most
 * cards any agency has; each segment marked with its column's first letter. */
static void draw_bar(struct app *app, const struct agency_report *ar, int most, int y, int x,
		     int width)
{
	static const enum color_role roles[] = {C_DIM, C_COLUMN, C_OVERDUE, C_LABEL};
	const int x0 = x, right = x + width;
	int cards = 0, end = x;

	/* Segments end where the running count does, so that rounding never makes the bar
	 * longer than width (and it never runs into the figures beside it). */
	for (size_t c = 0; c < app->board.ncolumns; c++) {
		cards += ar->per_column[c];
		int to = x0 + (most ? (cards * width + most - 1) / most : 0);
		if (ar->per_column[c] && to <= end)
			to = end + 1;
		if (to > right)
			to = right;
		int w = to - end;
		end = to;
		const struct column_def *def = &app->board.columns[c];
		enum color_role role = def->kind == COLUMN_DONE ? C_LABEL
				       : def->kind == COLUMN_BLOCKED ? C_OVERDUE
				       : roles[c % 2];
		char mark[5];

		column_mark(def, mark);

		for (int i = 0; i < w && x < COLS - 1; i++, x++)
			draw_text(stdscr, y, x, 1, mark, draw_attr(role) | A_REVERSE, false);
	}
}

static void draw_legend(struct app *app, int y)
{
	struct strbuf legend = {0};

	sb_puts(&legend, _("Agency  cards by column: "));
	for (size_t c = 0; c < app->board.ncolumns; c++) {
		char mark[5];

		column_mark(&app->board.columns[c], mark);
		sb_printf(&legend, "%s%s %s", c ? ", " : "", mark,
			  board_column_name(&app->board.columns[c]));
	}
	sb_puts(&legend, _("; then overdue.  Enter: that agency's board"));
	draw_text(stdscr, y, 1, COLS - 2, sb_str(&legend), A_BOLD, false);
	sb_free(&legend);
}

static void dashboard_draw(struct view *view, struct app *app)
{
	struct dashboard_state *st = view->state;
	int most = 1, bar_x = 1 + CODE_WIDTH + 1, bar_w = COLS - bar_x - COUNTS_WIDTH - 2;

	app_draw_frame(app, _("dashboard  (Esc: back)"), NULL);
	if (st->discipline) {
		char from[16], to[16], line[200];
		snprintf(line, sizeof(line),
			 _("Agency  executive discipline, %s to %s: off control on time / late (mean "
			   "days late), extensions granted of asked, reports returned, open overdue.  "
			   "d: cards"),
			 print_day(st->report.since_day, from), print_day(st->report.until_day, to));
		draw_text(stdscr, 1, 1, COLS - 2, line, A_BOLD, false);
	} else {
		draw_legend(app, 1);
	}
	for (size_t i = 0; i < st->report.n; i++)
		if ((int)st->report.v[i].ncards > most)
			most = (int)st->report.v[i].ncards;
	listview_set_page(&st->lv, LINES - FIRST_ROW - 1);
	for (int i = st->lv.top; i < listview_end(&st->lv); i++) {
		const struct agency_report *ar = &st->report.v[st->order[i]];
		int y = FIRST_ROW + i - st->lv.top, overdue = ar->noverdue;
		bool sel = i == st->lv.sel;
		struct strbuf counts = {0};

		if (sel)
			draw_fill(stdscr, y, 0, COLS, draw_attr(C_SELECTED));
		draw_text(stdscr, y, 1, CODE_WIDTH, ar->agency->code,
			  sel ? draw_attr(C_SELECTED) | A_BOLD : A_BOLD, true);
		if (st->discipline) {
			const struct discipline *d = &ar->discipline;
			char line[200];
			snprintf(line, sizeof(line),
				 _("%d on time / %d late (%.1f)   %d of %d extensions   %d returned   "
				   "%d open overdue"),
				 d->on_time, d->late, d->mean_days_late, d->extensions_granted,
				 d->extensions_asked, d->returned, d->open_overdue);
			draw_text(stdscr, y, bar_x, COLS - bar_x - 1, line,
				  sel ? draw_attr(C_SELECTED) : d->late || d->open_overdue
									? draw_attr(C_OVERDUE)
									: A_NORMAL,
				  false);
			continue;
		}
		draw_bar(app, ar, most, y, bar_x, bar_w > 10 ? bar_w : 10);
		for (size_t c = 0; c < app->board.ncolumns; c++)
			sb_printf(&counts, "%s%d", c ? " / " : "", ar->per_column[c]);
		sb_printf(&counts, P_("   %d overdue", "   %d overdue", overdue), overdue);
		draw_text(stdscr, y, COLS - COUNTS_WIDTH, COUNTS_WIDTH - 1, sb_str(&counts),
			  sel ? draw_attr(C_SELECTED) : overdue ? draw_attr(C_OVERDUE) : A_NORMAL,
			  false);
		sb_free(&counts);
	}
}

static bool dashboard_input(struct view *view, struct app *app, enum action action, wint_t key,
			    bool is_key)
{
	struct dashboard_state *st = view->state;

	(void)key;
	(void)is_key;
	if (listview_act(&st->lv, action))
		return true;
	if (action == ACT_DISCIPLINE) {
		st->discipline = !st->discipline;
		return true;
	}
	if (action != ACT_OPEN || !st->report.n)
		return false;
	char *code = xstrdup(st->report.v[st->order[st->lv.sel]].agency->code);
	app_pop(app);
	board_view_filter_agency(app->views[0], app, code);
	app_message(app, C_NOTICE, "the cards of %s; c clears the filter", code);
	free(code);
	return true;
}

static void dashboard_close(struct view *view)
{
	struct dashboard_state *st = view->state;

	report_free(&st->report);
	free(st->order);
	free(st);
	free(view);
}

struct view *dashboard_view_new(struct app *app)
{
	struct view *view = xcalloc(1, sizeof(*view));
	struct dashboard_state *st = xcalloc(1, sizeof(*st));

	st->lv.cursor = true;
	view->state = st;
	view->keymap = &keymap_dashboard;
	view->draw = dashboard_draw;
	view->input = dashboard_input;
	view->reload = dashboard_reload;
	view->close = dashboard_close;
	dashboard_reload(view, app);
	return view;
}
