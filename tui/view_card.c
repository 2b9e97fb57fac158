/* One card: every field, the description, the notes and its latest changes, scrollable. */
#include <stdlib.h>
#include <string.h>

#include "../model/history.h"
#include "../model/slippage.h"
#include "../model/strbuf.h"
#include "actions.h"
#include "app.h"
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
	int scroll;
	int rows; /* wrapped rows at the last draw */
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

static void card_reload(struct view *view, struct app *app)
{
	struct card_state *st = view->state;
	struct log_filter filter = {.card = st->id, .limit = HISTORY_ROWS};
	struct log_list log = {0};
	struct cb_error err = {0};
	struct strbuf s = {0};
	struct card card;

	clear_lines(st);
	if (index_card(app->s->index, st->id, &card, &err) < 0) {
		add_line(st, NULL, err.msg, C_ERROR, 0);
		card_free(&card);
		return;
	}
	free(st->title);
	st->title = xstrdup(card.title);
	sb_printf(&s, "#%d  ", card.id);
	sb_puts(&s, card.title);
	add_line(st, NULL, sb_str(&s), C_NORMAL, A_BOLD);
	add_line(st, NULL, "", C_NORMAL, 0);
	const struct column_def *col = board_column(&app->board, card.column);
	add_line(st, "Column", col ? col->name : card.column, C_NORMAL, 0);
	const struct agency *lead = board_agency(&app->board, card.lead);
	sb_reset(&s);
	sb_printf(&s, "%s  %s", card.lead, lead ? lead->name : "");
	add_line(st, "Lead", sb_str(&s), C_RESPONSIBILITY, 0);
	if (card.co.n == 0)
		add_line(st, "Co-executors", "none", C_DIM, 0);
	for (size_t i = 0; i < card.co.n; i++) {
		const struct agency *a = board_agency(&app->board, card.co.v[i]);
		sb_reset(&s);
		sb_printf(&s, "%s  %s", card.co.v[i], a ? a->name : "");
		add_line(st, i == 0 ? "Co-executors" : "", sb_str(&s), C_NORMAL, 0);
	}
	sb_reset(&s);
	sb_puts(&s, str_empty(card.due) ? "none" : card.due);
	if (card_due_state(&card, &app->board) >= DUE_SOON) {
		sb_puts(&s, "  ");
		print_due_note(&card, &app->board, &s);
	}
	enum due_state due = card_due_state(&card, &app->board);
	add_line(st, "Due", sb_str(&s),
		 due == DUE_OVERDUE ? C_OVERDUE : due == DUE_SOON ? C_DUE_SOON : C_NORMAL, 0);
	sb_reset(&s);
	sv_join(&card.labels, ", ", &s);
	add_line(st, "Labels", s.len ? sb_str(&s) : "none", s.len ? C_LABEL : C_DIM, 0);
	if (card.archived)
		add_line(st, "Archived", "yes", C_DIM, 0);
	if (!str_empty(card.description)) {
		add_line(st, NULL, "", C_NORMAL, 0);
		add_line(st, NULL, "Description", C_COLUMN, 0);
		add_text(st, card.description, "  ");
	}
	if (card.nnotes) {
		add_line(st, NULL, "", C_NORMAL, 0);
		sb_reset(&s);
		sb_printf(&s, "Notes (%zu)", card.nnotes);
		add_line(st, NULL, sb_str(&s), C_COLUMN, 0);
	}
	for (size_t i = 0; i < card.nnotes; i++) {
		sb_reset(&s);
		sb_printf(&s, "  %s  %s", card.notes[i].time, card.notes[i].author);
		add_line(st, NULL, sb_str(&s), C_DIM, A_BOLD);
		add_text(st, card.notes[i].text, "    ");
	}
	add_line(st, NULL, "", C_NORMAL, 0);
	add_line(st, NULL, "Who set what (h: the whole history)", C_COLUMN, 0);
	static const char *const blamed[] = {"column", "lead", "co", "due", "title"};
	for (size_t f = 0; f < sizeof(blamed) / sizeof(*blamed); f++) {
		struct log_list origin = {0};
		if (index_field_origin(app->s->index, st->id, blamed[f], &origin, &err) == 0 &&
		    origin.n) {
			sb_reset(&s);
			print_time(origin.v[0].time, &s);
			sb_printf(&s, "  %s  %.7s  %s", origin.v[0].author, origin.v[0].commit,
				  origin.v[0].subject);
			add_line(st, blamed[f], sb_str(&s), C_DIM, 0);
		}
		log_list_free(&origin);
	}
	{
		struct slippage sl;
		if (slippage_of(app->s->index, &card, &app->board, &sl, &err) == 0 &&
		    (sl.moves || sl.meetings)) {
			sb_reset(&s);
			print_slippage(&sl, &s);
			add_line(st, "Slippage", sb_str(&s), C_DUE_SOON, 0);
		}
	}
	if (index_log(app->s->index, &filter, &log, &err) == 0 && log.n) {
		add_line(st, NULL, "", C_NORMAL, 0);
		add_line(st, NULL, "Latest changes (who, when, what)", C_COLUMN, 0);
		for (size_t i = 0; i < log.n; i++) {
			const struct log_entry *e = &log.v[i];
			const char *nl_old = strchr(e->old_value, '\n'), *nl_new = strchr(e->new_value, '\n');

			sb_reset(&s);
			sb_puts(&s, "  ");
			print_time(e->time, &s);
			sb_printf(&s, "  %s  %s%s", e->author, strcmp(e->field, "created") ? e->field : "",
				  strcmp(e->field, "created") ? ": " : "");
			if (strcmp(e->field, "created") == 0)
				sb_puts(&s, "created the card");
			else if (nl_old || nl_new || strcmp(e->field, "description") == 0)
				sb_puts(&s, !*e->old_value ? "added" : !*e->new_value ? "removed" : "changed");
			else
				sb_printf(&s, "%s -> %s", *e->old_value ? e->old_value : "(none)",
					  *e->new_value ? e->new_value : "(none)");
			if (!str_empty(e->reason))
				sb_printf(&s, "  (reason: %s)", e->reason);
			add_line(st, NULL, sb_str(&s),
				 history_is_responsibility(e->field) ? C_RESPONSIBILITY : C_NORMAL, 0);
		}
	}
	log_list_free(&log);
	sb_free(&s);
	card_free(&card);
}

/* Lines wrap to the screen width as they are drawn, so a resize rewraps them. */
static void card_draw(struct view *view, struct app *app)
{
	struct card_state *st = view->state;
	int rows = LINES - 2, row = 0, y = 1;
	char context[64];

	snprintf(context, sizeof(context), "card #%d  (Esc: back)", st->id);
	app_draw_frame(app, context);
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
			size_t n = text_break(p, COLS - x - 1 - (first ? 0 : indent));
			if (n == 0 && *p)
				n = strlen(p); /* a single character wider than the screen */
			if (row >= st->scroll && y <= rows) {
				if (l->label && first)
					draw_text(stdscr, y, 1, LABEL_WIDTH, l->label, A_BOLD, true);
				char *seg = xstrndup(p, n);
				draw_text(stdscr, y, x + (first ? 0 : indent), COLS - x - 1, seg,
					  draw_attr(l->role) | l->extra, false);
				free(seg);
				y++;
			}
			row++;
			p += n;
			first = 0;
		} while (*p);
		sb_free(&clean);
	}
	st->rows = row;
	if (st->scroll > row - rows)
		st->scroll = row - rows > 0 ? row - rows : 0;
}

static bool card_input(struct view *view, struct app *app, enum action action, wint_t key,
		       bool is_key)
{
	struct card_state *st = view->state;
	int page = LINES - 3;
	bool changed = false;

	switch (action) {
	case ACT_UP: st->scroll = st->scroll > 0 ? st->scroll - 1 : 0; return true;
	case ACT_DOWN: if (st->scroll + LINES - 2 < st->rows) st->scroll++; return true;
	case ACT_PAGE_UP: st->scroll = st->scroll > page ? st->scroll - page : 0; return true;
	case ACT_PAGE_DOWN: st->scroll = st->scroll + page < st->rows ? st->scroll + page : st->scroll; return true;
	case ACT_TOP: st->scroll = 0; return true;
	case ACT_BOTTOM: st->scroll = st->rows; return true;
	case ACT_MOVE_LEFT: changed = action_move_column(app, st->id, -1); break;
	case ACT_MOVE_RIGHT: changed = action_move_column(app, st->id, 1); break;
	case ACT_EDIT: changed = action_edit(app, st->id); break;
	case ACT_REASSIGN: changed = action_reassign(app, st->id); break;
	case ACT_NOTE: changed = action_note(app, st->id); break;
	case ACT_DUE: changed = action_due(app, st->id); break;
	case ACT_ARCHIVE: changed = action_archive(app, st->id); break;
	case ACT_UNDO: changed = action_undo(app); break;
	case ACT_LEFT:
		/* h is "left" on the board; in a card it opens the card's history. */
		if (!is_key && key == 'h') {
			app_push(app, log_view_new(app, st->id));
			return true;
		}
		return false;
	default: return false;
	}
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
	view->draw = card_draw;
	view->input = card_input;
	view->reload = card_reload;
	view->close = card_close;
	card_reload(view, app);
	return view;
}
