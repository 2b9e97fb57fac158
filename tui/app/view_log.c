/* The activity log and a card's history: field changes, newest first, filterable by agency,
 * person, responsibility and date; Enter shows the change as a diff. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "date.h"
#include "history.h"
#include "strbuf.h"
#include "app.h"
#include "form.h"
#include "listview.h"
#include "print.h"
#include "text.h"
#include "views.h"

enum { LOG_LIMIT = 2000 };

struct log_state {
	int card;
	struct log_list log;
	struct listview lv;
	char *agency, *author, *since;
	bool responsibility;
};

static void log_reload(struct view *view, struct app *app)
{
	struct log_state *st = view->state;
	struct log_filter f = {.card = st->card, .agency = st->agency, .author = st->author,
			       .responsibility_only = st->responsibility, .limit = LOG_LIMIT};
	struct cb_error err = {0};

	char day[11];

	if (st->since && date_parse(st->since, day))
		f.since = date_day_start(day);
	log_list_free(&st->log);
	if (index_log(app->s->index, &f, &st->log, &err) < 0)
		app_message(app, C_ERROR, "%s", err.msg);
	st->lv.cursor = true;
	listview_set_rows(&st->lv, (int)st->log.n);
}

static void log_draw(struct view *view, struct app *app)
{
	struct log_state *st = view->state;
	struct strbuf ctx = {0}, filters = {0}, line = {0};
	int rows = LINES - 3;

	if (st->card)
		sb_printf(&ctx, _("history of #%d"), st->card);
	else
		sb_puts(&ctx, _("activity log"));
	sb_printf(&ctx, _(" (%zu; Esc: back)"), st->log.n);
	if (st->agency)
		sb_printf(&filters, _("agency %s  "), st->agency);
	if (st->author)
		sb_printf(&filters, _("by %s  "), st->author);
	if (st->since)
		sb_printf(&filters, _("since %s  "), st->since);
	if (st->responsibility)
		sb_puts(&filters, _("responsibility only"));
	app_draw_frame(app, sb_str(&ctx), sb_str(&filters));
	sb_free(&filters);
	draw_text(stdscr, 1, 1, COLS - 2,
		  _("When              Who               Card   Field        Change"), A_BOLD, false);
	listview_set_page(&st->lv, rows);
	for (int i = st->lv.top; i < listview_end(&st->lv); i++) {
		const struct log_entry *e = &st->log.v[i];
		bool sel = i == st->lv.sel;
		attr_t attr = sel ? draw_attr(C_SELECTED)
				  : history_is_responsibility(e->field) ? draw_attr(C_RESPONSIBILITY)
									: A_NORMAL;
		int y = 2 + i - st->lv.top, x = 1;
		char card[16];

		sb_reset(&line);
		print_time(e->time, &line);
		if (sel)
			draw_fill(stdscr, y, 0, COLS, attr);
		x += draw_text(stdscr, y, x, 18, sb_str(&line), attr, true);
		x += draw_text(stdscr, y, x, 18, e->author, attr, true);
		if (e->card)
			snprintf(card, sizeof(card), "#%d", e->card);
		else
			snprintf(card, sizeof(card), "%s", _("board"));
		x += draw_text(stdscr, y, x, 7, card, attr, true);
		x += draw_text(stdscr, y, x, 13, history_field_word(e->field), attr, true);
		sb_reset(&line);
		history_word_change_named(&app->board, e->field, e->old_value, e->new_value, NULL,
					  &line);
		if (!str_empty(e->reason))
			sb_printf(&line, _("  (reason: %s)"), e->reason);
		draw_text(stdscr, y, x, COLS - x - 1, sb_str(&line), attr, false);
	}
	if (st->log.n == 0)
		draw_text(stdscr, 3, 2, COLS - 4, _("(no changes match)"), draw_attr(C_DIM), false);
	sb_free(&ctx);
	sb_free(&line);
}

static void set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = value && *value ? xstrdup(value) : NULL;
}

static void pick_log_agency(struct log_state *st, struct app *app)
{
	struct strvec items = {0}, details = {0};
	int choice;

	sv_push(&items, _("(all)"));
	sv_push(&details, _("every agency"));
	for (size_t i = 0; i < app->board.nagencies; i++) {
		sv_push(&items, app->board.agencies[i].code);
		sv_push(&details, board_agency_name(&app->board.agencies[i]));
	}
	choice = pick_one(app, _("Changes concerning an agency"), &items, &details, 0);
	if (choice >= 0)
		set_string(&st->agency, choice == 0 ? NULL : items.v[choice]);
	sv_free(&items);
	sv_free(&details);
}

static void pick_person(struct log_state *st, struct app *app)
{
	struct strvec people = {0};
	int choice;

	sv_push(&people, _("(everyone)"));
	for (size_t i = 0; i < st->log.n; i++)
		if (!sv_contains(&people, st->log.v[i].author))
			sv_push(&people, st->log.v[i].author);
	choice = pick_one(app, _("Changes by one person"), &people, NULL, 0);
	if (choice >= 0)
		set_string(&st->author, choice == 0 ? NULL : people.v[choice]);
	sv_free(&people);
}

static const char *check_date(const char *text, void *ctx)
{
	char day[11];

	(void)ctx;
	return !*text || date_parse(text, day) ? NULL
					       : _("not a real date; write it as YYYY-MM-DD or DD.MM.YYYY");
}

static bool log_input(struct view *view, struct app *app, enum action action, wint_t key,
		      bool is_key)
{
	struct log_state *st = view->state;
	const struct log_entry *e = st->log.n ? &st->log.v[st->lv.sel] : NULL;
	char *text = NULL;

	(void)key;
	(void)is_key;
	if (listview_act(&st->lv, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if (e && e->card)
			app_push(app, diff_view_new(app, e->commit, e->card));
		return true;
	case ACT_FILTER_AGENCY: pick_log_agency(st, app); break;
	case ACT_FILTER_PERSON: pick_person(st, app); break;
	case ACT_FILTER_RESPONSIBILITY: st->responsibility = !st->responsibility; break;
	case ACT_FILTER_SINCE:
		if (prompt_line(app, _("Changes since (YYYY-MM-DD, empty for all): "),
				st->since ? st->since : "", check_date, NULL, NULL, &text))
			set_string(&st->since, text);
		free(text);
		break;
	case ACT_FILTER_CLEAR:
		set_string(&st->agency, NULL);
		set_string(&st->author, NULL);
		set_string(&st->since, NULL);
		st->responsibility = false;
		break;
	default:
		return false;
	}
	st->lv.sel = 0;
	log_reload(view, app);
	return true;
}

static void log_close(struct view *view)
{
	struct log_state *st = view->state;

	log_list_free(&st->log);
	free(st->agency);
	free(st->author);
	free(st->since);
	free(st);
	free(view);
}

struct view *log_view_new(struct app *app, int card)
{
	struct view *view = xcalloc(1, sizeof(*view));
	struct log_state *st = xcalloc(1, sizeof(*st));

	st->card = card;
	view->state = st;
	view->keymap = &keymap_log;
	view->draw = log_draw;
	view->input = log_input;
	view->reload = log_reload;
	view->close = log_close;
	log_reload(view, app);
	return view;
}
