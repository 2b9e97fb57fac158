/* One card: every field, the description, the notes and its latest changes, scrollable. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "blame.h"
#include "history.h"
#include "slippage.h"
#include "strbuf.h"
#include "actions.h"
#include "app.h"
#include "listview.h"
#include "print.h"
#include "text.h"
#include "views.h"

enum { HISTORY_ROWS = 200, LABEL_WIDTH = 14 };

struct line {
	char *label; /* drawn in bold before text, may be NULL */
	char *text;
	enum color_role role;
	attr_t extra;
};

struct card_state {
	int id;
	struct line *lines;
	size_t n;
	struct listview lv; /* over the wrapped rows of the last draw */
	char *title;
};

static void add_line(struct card_state *st, const char *label, const char *text,
		     enum color_role role, attr_t extra)
{
	st->lines = xrealloc(st->lines, (st->n + 1) * sizeof(*st->lines));
	st->lines[st->n++] = (struct line){label ? xstrdup(label) : NULL, xstrdup(text), role, extra};
}

/* Multi-line text, one screen line per text line, indented. */
static void add_text(struct card_state *st, const char *text, const char *indent)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		struct strbuf line = {0};

		sb_puts(&line, indent);
		sb_add(&line, p, len);
		add_line(st, NULL, sb_str(&line), C_NORMAL, 0);
		sb_free(&line);
		p = nl ? nl + 1 : p + len;
	}
}

static void clear_lines(struct card_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->lines[i].label);
		free(st->lines[i].text);
	}
	free(st->lines);
	st->lines = NULL;
	st->n = 0;
}

static void add_fields(struct card_state *st, struct app *app, const struct card *card)
{
	const struct column_def *col = board_column(&app->board, card->column);
	const struct agency *lead = board_agency(&app->board, card->lead);
	enum due_state due = card_due_state(card, &app->board, app_today(app));
	struct strbuf s = {0};

	sb_printf(&s, "#%d  %s", card->id, card->title);
	add_line(st, NULL, sb_str(&s), C_NORMAL, A_BOLD);
	add_line(st, NULL, "", C_NORMAL, 0);
	add_line(st, _("Column"), col ? board_column_name(col) : card->column, C_NORMAL, 0);
	if (col && col->kind == COLUMN_BLOCKED) {
		struct cb_error err = {0};
		char *reason = NULL;

		if (index_move_reason(app->s->index, card->id, card->column, &reason, &err) == 0)
			add_line(st, _("Blocked"), str_empty(reason) ? _("no reason was given") : reason,
				 C_OVERDUE, 0);
		free(reason);
	}
	sb_reset(&s);
	sb_printf(&s, "%s  %s", card->lead, lead ? board_agency_name(lead) : "");
	add_line(st, _("Lead"), sb_str(&s), C_RESPONSIBILITY, 0);
	/* Codes side by side, wrapped: 22 co-executors take two lines, not the screen. */
	sb_reset(&s);
	sv_join(&card->co, ", ", &s);
	add_line(st, _("Co-executors"), s.len ? sb_str(&s) : _("none"), s.len ? C_NORMAL : C_DIM, 0);
	sb_reset(&s);
	char day[16];
	sb_puts(&s, str_empty(card->due) ? _("none") : print_day(card->due, day));
	if (due >= DUE_SOON) {
		sb_puts(&s, "  ");
		print_due_note(card, &app->board, app_today(app), &s);
	}
	add_line(st, _("Due"), sb_str(&s),
		 due == DUE_OVERDUE ? C_OVERDUE : due == DUE_SOON ? C_DUE_SOON : C_NORMAL, 0);
	sb_reset(&s);
	sv_join(&card->labels, ", ", &s);
	add_line(st, _("Labels"), s.len ? sb_str(&s) : _("none"), s.len ? C_LABEL : C_DIM, 0);
	if (card->archived)
		add_line(st, _("Archived"), _("yes"), C_DIM, 0);
	if (!str_empty(card->item) || !str_empty(card->source)) {
		sb_reset(&s);
		print_source(card, &s);
		add_line(st, _("Source"), sb_str(&s), C_NORMAL, 0);
	}
	for (size_t i = 0; i < card->nconflicts; i++) {
		const char *v = card->conflicts[i].value;
		sb_reset(&s);
		sb_printf(&s, "%s: ", card->conflicts[i].field);
		sb_add(&s, v, strcspn(v, "\n"));
		sb_puts(&s, _("  (two offices changed it; ! decides)"));
		add_line(st, _("Set aside"), sb_str(&s), C_OVERDUE, 0);
	}
	/* Execution control: reported, returned, asked, taken off control. */
	sb_reset(&s);
	print_control_state(card, &s);
	for (const char *p = sb_str(&s); *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		add_line(st, _("Control"), one, C_RESPONSIBILITY, 0);
		free(one);
		p += n + (p[n] == '\n');
	}
	sb_free(&s);
}

static void add_text_parts(struct card_state *st, struct app *app, const struct card *card)
{
	struct strbuf s = {0};

	if (!str_empty(card->description)) {
		add_line(st, NULL, "", C_NORMAL, 0);
		add_line(st, NULL, _("Description"), C_COLUMN, 0);
		add_text(st, card->description, "  ");
	}
	if (card->nnotes) {
		add_line(st, NULL, "", C_NORMAL, 0);
		sb_printf(&s, _("Notes (%zu)"), card->nnotes);
		add_line(st, NULL, sb_str(&s), C_COLUMN, 0);
	}
	for (size_t i = 0; i < card->nnotes; i++) {
		sb_reset(&s);
		sb_puts(&s, "  ");
		print_note_time(card->notes[i].time, &s);
		sb_puts(&s, "  ");
		print_member(&app->board, card->notes[i].author, &s);
		add_line(st, NULL, sb_str(&s), C_DIM, A_BOLD);
		add_text(st, card->notes[i].text, "    ");
	}
	/* The register: every request and decision, in order, with who and when. */
	sb_reset(&s);
	print_register(card, &s);
	if (s.len) {
		const char *body = strchr(sb_str(&s) + 1, '\n');
		add_line(st, NULL, "", C_NORMAL, 0);
		add_line(st, NULL, _("Register (S: report, E: ask more time, P: propose a lead)"),
			 C_COLUMN, 0);
		if (body)
			add_text(st, body + 1, "");
	}
	sb_free(&s);
}

/* Who set each field, and how the deadline slipped. */
static void add_origins(struct card_state *st, struct app *app, const struct card *card)
{
	struct cb_error err = {0};
	struct blame blame = {0};
	struct slippage sl;
	struct strbuf s = {0};

	add_line(st, NULL, "", C_NORMAL, 0);
	add_line(st, NULL, _("Who set what (h: the whole history)"), C_COLUMN, 0);
	if (history_blame(app->s->index, card, &blame, &err) < 0)
		add_line(st, NULL, err.msg, C_ERROR, 0);
	for (size_t f = 0; f < blame.n; f++) {
		const struct log_list *origin = &blame.v[f].origin;

		if (!origin->n)
			continue;
		sb_reset(&s);
		print_time(origin->v[0].time, &s);
		sb_printf(&s, "  %s  %.7s  %s", origin->v[0].author, origin->v[0].commit,
			  origin->v[0].subject);
		add_line(st, history_field_word(blame.v[f].field), sb_str(&s), C_DIM, 0);
	}
	blame_free(&blame);
	if (slippage_of(app->s->index, card, &app->board, &sl, &err) == 0 &&
	    (sl.moves || sl.meetings)) {
		sb_reset(&s);
		print_slippage(&sl, &s);
		add_line(st, _("Slippage"), sb_str(&s), C_DUE_SOON, 0);
	}
	sb_free(&s);
}

static void add_changes(struct card_state *st, struct app *app)
{
	struct log_filter filter = {.card = st->id, .limit = HISTORY_ROWS};
	struct log_list log = {0};
	struct cb_error err = {0};
	struct strbuf s = {0};

	if (index_log(app->s->index, &filter, &log, &err) == 0 && log.n) {
		add_line(st, NULL, "", C_NORMAL, 0);
		add_line(st, NULL, _("Latest changes (who, when, what)"), C_COLUMN, 0);
	}
	for (size_t i = 0; i < log.n; i++) {
		const struct log_entry *e = &log.v[i];

		sb_reset(&s);
		sb_puts(&s, "  ");
		print_time(e->time, &s);
		sb_printf(&s, "  %s  %s: ", e->author, history_field_word(e->field));
		history_word_change_named(&app->board, e->field, e->old_value, e->new_value, NULL,
					  &s);
		if (!str_empty(e->reason))
			sb_printf(&s, _("  (reason: %s)"), e->reason);
		add_line(st, NULL, sb_str(&s),
			 history_is_responsibility(e->field) ? C_RESPONSIBILITY : C_NORMAL, 0);
	}
	log_list_free(&log);
	sb_free(&s);
}

static void card_reload(struct view *view, struct app *app)
{
	struct card_state *st = view->state;
	struct cb_error err = {0};
	struct card card;

	clear_lines(st);
	if (index_card(app->s->index, st->id, &card, &err) < 0) {
		add_line(st, NULL, err.msg, C_ERROR, 0);
		card_free(&card);
		return;
	}
	free(st->title);
	st->title = xstrdup(card.title);
	add_fields(st, app, &card);
	add_text_parts(st, app, &card);
	add_origins(st, app, &card);
	add_changes(st, app);
	card_free(&card);
}

/* Lines wrap to the screen width as they are drawn, so a resize rewraps them. */
static void card_draw(struct view *view, struct app *app)
{
	struct card_state *st = view->state;
	int rows = LINES - 2, row = 0, y = 1;
	char context[64];

	snprintf(context, sizeof(context), _("card #%d  (Esc: back)"), st->id);
	app_draw_frame(app, context, NULL);
	listview_set_page(&st->lv, rows);
	for (size_t i = 0; i < st->n; i++) {
		const struct line *l = &st->lines[i];
		struct strbuf clean = {0};
		const char *p;
		int x = 1, first = 1;

		if (l->label)
			x += LABEL_WIDTH;
		text_sanitize(l->text, &clean);
		p = sb_str(&clean);
		/* Continuation lines keep the text's own indentation. */
		int indent = (int)strspn(p, " ");
		do {
			const char *next; /* a wrapped line starts with its word, not a space */
			size_t n = text_wrap_line(p, COLS - x - 1 - (first ? 0 : indent), &next);
			if (row >= st->lv.top && y <= rows) {
				if (l->label && first)
					draw_text(stdscr, y, 1, LABEL_WIDTH, l->label, A_BOLD, true);
				char *seg = xstrndup(p, n);
				draw_text(stdscr, y, x + (first ? 0 : indent), COLS - x - 1, seg,
					  draw_attr(l->role) | l->extra, false);
				free(seg);
				y++;
			}
			row++;
			p = next;
			first = 0;
		} while (*p);
		sb_free(&clean);
	}
	listview_set_rows(&st->lv, row);
}

static bool card_input(struct view *view, struct app *app, enum action action, wint_t key,
		       bool is_key)
{
	struct card_state *st = view->state;
	bool changed = false;

	(void)key;
	(void)is_key;
	if (listview_act(&st->lv, action))
		return true;
	if (action == ACT_HISTORY) {
		app_push(app, log_view_new(app, st->id));
		return true;
	}
	if (!action_on_card(app, action, st->id, &changed))
		return false;
	if (changed)
		app_reload(app);
	return true;
}

static void card_close(struct view *view)
{
	struct card_state *st = view->state;

	clear_lines(st);
	free(st->title);
	free(st);
	free(view);
}

struct view *card_view_new(struct app *app, int card_id)
{
	struct view *view = xcalloc(1, sizeof(*view));
	struct card_state *st = xcalloc(1, sizeof(*st));

	st->id = card_id;
	view->state = st;
	view->keymap = &keymap_card;
	view->draw = card_draw;
	view->input = card_input;
	view->reload = card_reload;
	view->close = card_close;
	card_reload(view, app);
	return view;
}
