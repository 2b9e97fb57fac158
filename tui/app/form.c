#include "form.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "board.h"
#include "calendar.h"
#include "date.h"
#include "app.h"
#include "lineedit.h"
#include "listview.h"
#include "screen.h"
#include "text.h"
#include "utf8.h"
#include "editor.h"

#define CTRL(c) ((c) & 0x1f)

/* Columns a prompt keeps for the answer however long its question. */
enum { PROMPT_ANSWER_MIN = 32 };

bool prompt_line(struct app *app, const char *label, const char *initial, prompt_check_fn check,
		 prompt_change_fn on_change, void *ctx, char **out)
{
	struct lineedit le;
	const char *error = NULL;
	bool accepted = false;

	*out = NULL;
	lineedit_set(&le, initial ? initial : "");
	curs_set(1);
	for (;;) {
		wint_t key;
		int r, lw, cursor;

		app_draw_views(app);
		/* The question in full beside room enough to type an answer, or on the line above
		 * when it is longer (that line shows a refusal when there is one). */
		int room = COLS - PROMPT_ANSWER_MIN > COLS / 2 ? COLS - PROMPT_ANSWER_MIN
							       : COLS / 2;
		bool long_question = text_shown_width(label) > room;

		if (error)
			draw_text(stdscr, LINES - 2, 0, COLS, error, draw_attr(C_ERROR), true);
		else if (long_question)
			draw_text(stdscr, LINES - 2, 0, COLS, label, A_BOLD, true);
		draw_fill(stdscr, LINES - 1, 0, COLS, A_NORMAL);
		lw = 0;
		if (error || !long_question)
			lw = draw_text(stdscr, LINES - 1, 0, room, label, A_BOLD, false);
		if (long_question && error)
			lw++; /* a question cut short ends in "…": a space before the answer */
		cursor = lineedit_draw(&le, stdscr, LINES - 1, lw, COLS - lw - 1, A_NORMAL);
		wmove(stdscr, LINES - 1, cursor);
		wnoutrefresh(stdscr);
		doupdate();
		r = screen_wait_key(&key);
		bool is_key = r == KEY_CODE_YES;
		if (is_key && key == KEY_RESIZE)
			continue;
		if (key_is_escape(key, is_key))
			break;
		if (key_is_enter(key, is_key)) {
			char *text = lineedit_text(&le);
			error = check ? check(text, ctx) : NULL;
			if (!error) {
				*out = text;
				accepted = true;
				break;
			}
			free(text);
			continue;
		}
		if (lineedit_key(&le, key, is_key)) {
			error = NULL;
			if (on_change) {
				char *text = lineedit_text(&le);
				on_change(text, ctx);
				free(text);
			}
		}
	}
	curs_set(0);
	return accepted;
}

bool prompt_yes_no(struct app *app, const char *question)
{
	for (;;) {
		wint_t key;
		int r;

		app_draw_views(app);
		draw_fill(stdscr, LINES - 1, 0, COLS, draw_attr(C_STATUS));
		int w = draw_text(stdscr, LINES - 1, 0, COLS - 8, question, draw_attr(C_STATUS) | A_BOLD,
				  false);
		draw_text(stdscr, LINES - 1, w, COLS - w, " (y/n)", draw_attr(C_STATUS), false);
		wnoutrefresh(stdscr);
		doupdate();
		r = screen_wait_key(&key);
		if (r == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		if (r == OK && (key == 'y' || key == 'Y'))
			return true;
		if (r == OK && (key == 'n' || key == 'N' || key == 27 || key == 'q'))
			return false;
	}
}

/* ASCII case-insensitive substring: agency codes and names are matched by what is typed. */
static bool matches(const char *item, const char *detail, const char *filter)
{
	size_t n = strlen(filter);

	if (!n)
		return true;
	for (int pass = 0; pass < 2; pass++) {
		const char *s = pass ? detail : item;
		for (; s && *s; s++)
			if (strncasecmp(s, filter, n) == 0)
				return true;
	}
	return false;
}

/* Keys longer than this do not push every detail right. */
enum { PICKER_KEY_MAX = 24 };

struct picker {
	const char *title;
	const struct strvec *items, *details;
	bool *selected; /* NULL: choose one */
	int *shown;     /* indexes of the items the filter lets through */
	int key_w;      /* the widest item, so that every detail starts in one column */
	struct listview lv;
	struct lineedit filter;
};

/* Filters the items by what is typed; the selection lands on initial when it shows. */
static void picker_filter(struct picker *p, int initial)
{
	char *f = lineedit_text(&p->filter);
	int n = 0;

	for (size_t i = 0; i < p->items->n; i++)
		if (matches(p->items->v[i], p->details ? p->details->v[i] : NULL, f))
			p->shown[n++] = (int)i;
	free(f);
	for (int i = 0; i < n && initial >= 0; i++)
		if (p->shown[i] == initial)
			p->lv.sel = i;
	listview_set_rows(&p->lv, n);
}

static void picker_draw(struct app *app, struct picker *p)
{
	int n = p->lv.rows, h = LINES - 4 < n + 4 ? LINES - 4 : n + 4;
	int w = COLS - 4 < 76 ? COLS - 4 : 76, y0, x0;
	attr_t box = draw_attr(C_STATUS);

	if (h < 6)
		h = 6;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	listview_set_page(&p->lv, h - 4);
	app_draw_views(app);
	for (int y = 0; y < h; y++)
		draw_fill(stdscr, y0 + y, x0, w, box);
	draw_text(stdscr, y0, x0 + 1, w - 2, p->title, box | A_BOLD, false);
	int lw = draw_text(stdscr, y0 + 1, x0 + 1, w - 2, _("Filter: "), box, false);
	int cursor = lineedit_draw(&p->filter, stdscr, y0 + 1, x0 + 1 + lw, w - 3 - lw,
				   box | A_UNDERLINE);
	for (int i = p->lv.top; i < listview_end(&p->lv); i++) {
		int idx = p->shown[i];
		struct strbuf line = {0};

		if (p->selected)
			sb_puts(&line, p->selected[idx] ? "[x] " : "[ ] ");
		sb_puts(&line, p->items->v[idx]);
		for (int pad = text_width(p->items->v[idx]); pad < p->key_w + 2; pad++)
			sb_putc(&line, ' ');
		sb_puts(&line, p->details ? p->details->v[idx] : "");
		draw_text(stdscr, y0 + 2 + i - p->lv.top, x0 + 1, w - 2, sb_str(&line),
			  i == p->lv.sel ? draw_attr(C_SELECTED) : box, true);
		sb_free(&line);
	}
	if (n == 0)
		draw_text(stdscr, y0 + 2, x0 + 1, w - 2, _("(nothing matches)"), box, false);
	draw_text(stdscr, y0 + h - 1, x0 + 1, w - 2,
		  p->selected ? _("Space: toggle  Enter: done  Esc: cancel  type to filter")
			      : _("Enter: choose  Esc: cancel  type to filter"),
		  box | A_DIM, false);
	curs_set(1);
	wmove(stdscr, y0 + 1, cursor);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The arrows and page keys move the selection; typing goes to the filter. */
static enum action picker_action(wint_t key, bool is_key)
{
	if (!is_key)
		return ACT_NONE;
	switch (key) {
	case KEY_UP: return ACT_UP;
	case KEY_DOWN: return ACT_DOWN;
	case KEY_PPAGE: return ACT_PAGE_UP;
	case KEY_NPAGE: return ACT_PAGE_DOWN;
	default: return ACT_NONE;
	}
}

static int pick(struct app *app, const char *title, const struct strvec *items,
		const struct strvec *details, bool *selected, int initial)
{
	struct picker p = {.title = title, .items = items, .details = details,
			   .selected = selected, .shown = calloc(items->n + 1, sizeof(int)),
			   .lv = {.cursor = true}};
	int result = -1;

	p.key_w = 5; /* with the two spaces after it, the seven columns pickers always had */
	for (size_t i = 0; i < items->n; i++)
		if (text_width(items->v[i]) > p.key_w && text_width(items->v[i]) <= PICKER_KEY_MAX)
			p.key_w = text_width(items->v[i]);
	lineedit_set(&p.filter, "");
	picker_filter(&p, initial);
	for (;;) {
		wint_t key;
		int r;

		picker_draw(app, &p);
		r = screen_wait_key(&key);
		curs_set(0);
		bool is_key = r == KEY_CODE_YES;
		if (is_key && key == KEY_RESIZE)
			continue;
		if (key_is_escape(key, is_key))
			break;
		if (key_is_enter(key, is_key) && (selected || p.lv.rows)) {
			result = selected ? 0 : p.shown[p.lv.sel];
			break;
		}
		if (listview_act(&p.lv, picker_action(key, is_key)))
			continue;
		if (selected && !is_key && key == ' ') {
			if (p.lv.rows)
				selected[p.shown[p.lv.sel]] = !selected[p.shown[p.lv.sel]];
		} else if (!key_is_enter(key, is_key) && lineedit_key(&p.filter, key, is_key)) {
			p.lv.sel = 0;
			picker_filter(&p, -1);
		}
	}
	free(p.shown);
	return result;
}

int pick_one(struct app *app, const char *title, const struct strvec *items,
	     const struct strvec *details, int initial)
{
	return pick(app, title, items, details, NULL, initial);
}

bool pick_many(struct app *app, const char *title, const struct strvec *items,
	       const struct strvec *details, bool *selected)
{
	return pick(app, title, items, details, selected, 0) == 0;
}

/* --- the card form ------------------------------------------------------------------- */

enum field { F_TITLE, F_LEAD, F_CO, F_DUE, F_LABELS, F_DESCRIPTION, F_COUNT };
static const char *const field_labels[F_COUNT] = {
	N_("Title"), N_("Lead"), N_("Co-executors"), N_("Due date"), N_("Labels"), N_("Description"),
};
static const char *const field_hints[F_COUNT] = {
	"", N_("Enter: pick the lead agency"), N_("Enter: pick co-executors"), N_("YYYY-MM-DD, empty for none"),
	N_("comma-separated"), N_("Enter: write the description"),
};

struct form {
	struct lineedit edit[F_COUNT]; /* title, due, labels */
	char *errors[F_COUNT];
	char *general_error;
	int cur;
};

static bool field_is_text(int f)
{
	return f == F_TITLE || f == F_DUE || f == F_LABELS;
}

/* The form's field for the card field a validation error names (err.field), so the message
 * is shown where the problem is, in any language. */
static int form_field(const char *field)
{
	static const char *const names[F_COUNT] = {"title", "lead", "co", "due", "labels",
						   "description"};

	for (int f = 0; field && f < F_COUNT; f++)
		if (strcmp(names[f], field) == 0)
			return f;
	return -1;
}

const char *form_deadline(const struct board *board, const char *typed, char day[11])
{
	char today[11];
	struct cb_error ignored = {0};

	if (!*typed || strcmp(typed, "none") == 0)
		return "";
	date_today(today);
	if (calendar_deadline(board, typed, today, day, NULL, &ignored) == 0)
		return day;
	return date_canonical(typed, day);
}

static void form_to_card(struct form *form, const struct board *board, struct card *card)
{
	char *text;

	text = lineedit_text(&form->edit[F_TITLE]);
	{
		char *norm = text_normalize(text);
		str_set(&card->title, norm);
		free(norm);
	}
	free(text);
	text = lineedit_text(&form->edit[F_DUE]);
	{
		char day[11];
		str_set(&card->due, form_deadline(board, text, day));
	}
	free(text);
	text = lineedit_text(&form->edit[F_LABELS]);
	sv_free(&card->labels);
	sv_split_list(&card->labels, text);
	free(text);
}

/* The description's first line in the form, with how many more there are. */
static void description_preview(const char *description, struct strbuf *out)
{
	const char *nl = strchr(description, '\n');
	int more = 0;

	if (!*description) {
		sb_puts(out, _("(none)"));
		return;
	}
	sb_add(out, description, nl ? (size_t)(nl - description) : strlen(description));
	for (const char *p = nl; p; p = strchr(p + 1, '\n'))
		more++;
	if (more)
		sb_printf(out, P_("  (+%d line)", "  (+%d lines)", more), more);
}

static void draw_form(struct app *app, struct form *form, const char *heading, const struct card *card)
{
	int h = 4 + F_COUNT * 2, w = COLS - 4 < 100 ? COLS - 4 : 100;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2, label_w = 14, cursor_y = -1, cursor_x = 0;
	attr_t bg = draw_attr(C_STATUS);
	struct strbuf value = {0};

	app_draw_views(app);
	for (int y = 0; y < h; y++)
		draw_fill(stdscr, y0 + y, x0, w, bg);
	draw_text(stdscr, y0, x0 + 1, w - 2, heading, bg | A_BOLD, false);
	for (int f = 0; f < F_COUNT; f++) {
		int y = y0 + 1 + f * 2, vx = x0 + 1 + label_w, vw = w - label_w - 2;
		bool cur = f == form->cur;

		draw_text(stdscr, y, x0 + 1, label_w, _(field_labels[f]), bg | (cur ? A_BOLD : 0), true);
		sb_reset(&value);
		if (f == F_LEAD) {
			const struct agency *a = board_agency(&app->board, card->lead);
			sb_printf(&value, "%s  %s", card->lead, a ? board_agency_name(a) : "");
		} else if (f == F_CO) {
			sv_join(&card->co, ", ", &value);
			if (!value.len)
				sb_puts(&value, _("(none)"));
		}
		if (f == F_DESCRIPTION)
			description_preview(card->description, &value);
		if (field_is_text(f)) {
			int c = lineedit_draw(&form->edit[f], stdscr, y, vx, vw,
					      cur ? A_UNDERLINE | bg | A_BOLD : bg | A_UNDERLINE);
			if (cur)
				cursor_y = y, cursor_x = c;
		} else {
			draw_text(stdscr, y, vx, vw, sb_str(&value), cur ? draw_attr(C_SELECTED) : bg, true);
		}
		if (form->errors[f])
			draw_text(stdscr, y + 1, vx, vw, form->errors[f], draw_attr(C_ERROR), false);
		else if (cur && *field_hints[f])
			draw_text(stdscr, y + 1, vx, vw, _(field_hints[f]), bg | A_DIM, false);
	}
	if (form->general_error)
		draw_text(stdscr, y0 + h - 2, x0 + 1, w - 2, form->general_error, draw_attr(C_ERROR), false);
	draw_text(stdscr, y0 + h - 1, x0 + 1, w - 2,
		  app->restricted ? _("Ctrl-S or Enter: save   Tab, Up, Down: field   Esc: cancel")
				  : _("Ctrl-S or Enter: save   Tab, Up, Down: field   Ctrl-E: description in "
				    "$EDITOR   Esc: cancel"),
		  bg | A_DIM, false);
	if (cursor_y >= 0) {
		curs_set(1);
		wmove(stdscr, cursor_y, cursor_x);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	sb_free(&value);
}

static void clear_errors(struct form *form)
{
	for (int f = 0; f < F_COUNT; f++) {
		free(form->errors[f]);
		form->errors[f] = NULL;
	}
	free(form->general_error);
	form->general_error = NULL;
}

/* The model's own validation, so the form says exactly what the CLI would. */
static bool form_valid(struct app *app, struct form *form, struct card *card)
{
	struct cb_error err = {0};
	struct card check;

	clear_errors(form);
	form_to_card(form, &app->board, card);
	card_copy(&check, card);
	if (str_empty(check.rank))
		str_set(&check.rank, "V"); /* placed by the op; any valid key for the check */
	if (text_validate(_("the title"), check.title, false, &err) < 0)
		err.field = "title";
	else if (text_validate(_("the description"), check.description, true, &err) < 0)
		err.field = "description";
	else
		card_validate(&check, &app->board, &err);
	card_free(&check);
	if (err.code == CB_OK)
		return true;
	int f = form_field(err.field);
	if (f >= 0) {
		form->errors[f] = xstrdup(err.msg);
		form->cur = f;
	} else {
		form->general_error = xstrdup(err.msg);
	}
	return false;
}

bool pick_lead(struct app *app, const char *title, struct card *card)
{
	struct strvec codes = {0}, names = {0};
	int initial = 0, choice;

	for (size_t i = 0; i < app->board.nagencies; i++) {
		sv_push(&codes, app->board.agencies[i].code);
		sv_push(&names, board_agency_name(&app->board.agencies[i]));
		if (strcmp(card->lead, app->board.agencies[i].code) == 0)
			initial = (int)i;
	}
	choice = pick_one(app, title, &codes, &names, initial);
	if (choice >= 0) {
		str_set(&card->lead, codes.v[choice]);
		/* The lead cannot co-execute its own card. */
		struct strvec co = {0};
		for (size_t i = 0; i < card->co.n; i++)
			if (strcmp(card->co.v[i], card->lead) != 0)
				sv_push(&co, card->co.v[i]);
		sv_free(&card->co);
		card->co = co;
	}
	sv_free(&codes);
	sv_free(&names);
	return choice >= 0;
}

bool pick_co(struct app *app, const char *title, struct card *card)
{
	struct strvec codes = {0}, names = {0};
	bool *selected = calloc(app->board.nagencies + 1, sizeof(bool)), accepted;

	for (size_t i = 0; i < app->board.nagencies; i++) {
		if (strcmp(app->board.agencies[i].code, card->lead) == 0)
			continue;
		selected[codes.n] = sv_contains(&card->co, app->board.agencies[i].code);
		sv_push(&codes, app->board.agencies[i].code);
		sv_push(&names, board_agency_name(&app->board.agencies[i]));
	}
	accepted = pick_many(app, title, &codes, &names, selected);
	if (accepted) {
		sv_free(&card->co);
		for (size_t i = 0; i < codes.n; i++)
			if (selected[i])
				sv_push(&card->co, codes.v[i]);
	}
	free(selected);
	sv_free(&codes);
	sv_free(&names);
	return accepted;
}

static const char *check_description(const char *text, void *ctx)
{
	static struct cb_error err;

	(void)ctx;
	cb_error_clear(&err);
	return text_validate(_("the description"), text, true, &err) < 0 ? err.msg : NULL;
}

/* The description written in the app's editor, or in $EDITOR (Ctrl-E) where allowed,
 * normalised into the card; false (and nothing changed) when it was cancelled. typed is what
 * the user began to type on the field, added at the end. */
static bool edit_description(struct app *app, struct form *form, struct card *card, bool external,
			     const char *typed)
{
	struct strbuf initial = {0};
	char *text = NULL;
	bool edited;

	form_to_card(form, &app->board, card);
	sb_puts(&initial, card->description);
	sb_puts(&initial, typed);
	if (external) {
		text = sb_detach(&initial);
		edited = app_edit_in_editor(app, &text);
	} else {
		edited = edit_text(app, _("Description"), sb_str(&initial), TEXT_LINES,
				   check_description, NULL, &text);
	}
	if (edited) {
		char *norm = text_normalize(text);
		str_set(&card->description, norm);
		free(norm);
	}
	sb_free(&initial);
	free(text);
	return edited;
}

bool card_form(struct app *app, const char *heading, struct card *card)
{
	struct form form = {0};
	struct strbuf labels = {0};
	bool saved = false;

	lineedit_set(&form.edit[F_TITLE], card->title);
	char due[16]; /* as the reader writes dates; either way is taken back */
	i18n_day(card->due, due);
	lineedit_set(&form.edit[F_DUE], due);
	sv_join(&card->labels, ", ", &labels);
	lineedit_set(&form.edit[F_LABELS], sb_str(&labels));
	sb_free(&labels);
	for (;;) {
		wint_t key;
		int r;

		draw_form(app, &form, heading, card);
		r = screen_wait_key(&key);
		bool is_key = r == KEY_CODE_YES;
		if (is_key && key == KEY_RESIZE)
			continue;
		if (key_is_escape(key, is_key))
			break;
		if ((!is_key && key == '\t') || (is_key && key == KEY_DOWN)) {
			form.cur = (form.cur + 1) % F_COUNT;
		} else if ((is_key && (key == KEY_BTAB || key == KEY_UP))) {
			form.cur = (form.cur + F_COUNT - 1) % F_COUNT;
		} else if (!is_key && key == CTRL('e')) {
			if (!edit_description(app, &form, card, true, "") && app->restricted) {
				free(form.general_error);
				form.general_error = xstrdup(app->message);
			}
		} else if ((key_is_enter(key, is_key) || (!is_key && key == ' ')) &&
			   (form.cur == F_LEAD || form.cur == F_CO)) {
			form_to_card(&form, &app->board, card);
			if (form.cur == F_LEAD)
				pick_lead(app, _("Lead agency"), card);
			else
				pick_co(app, _("Co-executors"), card);
			clear_errors(&form);
		} else if (form.cur == F_DESCRIPTION && (key_is_enter(key, is_key) ||
							 (!is_key && key >= ' ' && key != 127))) {
			char typed[8] = "";
			if (!key_is_enter(key, is_key) && key != ' ')
				typed[utf8_encode((uint32_t)key, typed)] = '\0';
			edit_description(app, &form, card, false, typed);
		} else if (key_is_enter(key, is_key) || (!is_key && key == CTRL('s'))) {
			if (form_valid(app, &form, card)) {
				saved = true;
				break;
			}
		} else if (field_is_text(form.cur)) {
			if (lineedit_key(&form.edit[form.cur], key, is_key)) {
				free(form.errors[form.cur]);
				form.errors[form.cur] = NULL;
			}
		}
	}
	clear_errors(&form);
	curs_set(0);
	return saved;
}
