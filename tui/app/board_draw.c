/* Drawing the board: columns of cards side by side, or swimlanes by lead agency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "print.h"
#include "text.h"
#include "view_board.h"

static void add_hit(struct board_view_state *st, int y0, int y1, int x0, int x1, int col, int row)
{
	if (st->nhits < MAX_HITS)
		st->hits[st->nhits++] = (struct hit){y0, y1, x0, x1, col, row};
}

static void column_geometry(const struct board_view_state *st, size_t c, int *x, int *w)
{
	int colw = COLS / (int)(st->ncols ? st->ncols : 1);

	*x = (int)c * colw;
	*w = c + 1 == st->ncols ? COLS - *x : colw;
}

/* "(44)", "(4 of 44", "/10", " over limit" when words fit, ")": a filter shows some of a
 * column, and its header still counts all, as the limit does. */
static void column_count(int shown, int all, int limit, bool words, struct strbuf *out)
{
	if (shown != all)
		sb_printf(out, _("(%d of %d"), shown, all);
	else
		sb_printf(out, "(%d", shown);
	if (limit)
		sb_printf(out, "/%d%s", limit, words && all > limit ? _(" over limit") : "");
	sb_putc(out, ')');
}

static void draw_headers(struct board_view_state *st, struct app *app)
{
	for (size_t c = 0; c < st->ncols; c++) {
		const struct column_def *def = &app->board.columns[c];
		const char *name = board_column_name(def);
		struct strbuf count = {0};
		int x, w, n = st->cols[c].lv.rows, real = st->real ? st->real[c] : n;
		bool over = def->limit && real > def->limit;
		attr_t attr = draw_attr(over ? C_COLUMN_OVER : C_COLUMN) |
			      ((int)c == st->cur ? A_UNDERLINE : 0);

		column_geometry(st, c, &x, &w);
		if (c > 0)
			mvwvline_set(stdscr, 1, x, WACS_VLINE, LINES - 2);
		if (c > 0)
			x++, w--;
		/* The name gives way to the count, never the count to the name: a count cut short
		 * misreads ("(4…" for 44). The words "over limit" go first; the colour says it. */
		column_count(n, real, def->limit, true, &count);
		if (text_shown_width(name) + 1 + text_width(sb_str(&count)) > w) {
			sb_reset(&count);
			column_count(n, real, def->limit, false, &count);
		}
		int used = draw_text(stdscr, 1, x, w - text_width(sb_str(&count)) - 1, name, attr,
				     false);
		used += draw_text(stdscr, 1, x + used, 1, " ", attr, false);
		draw_text(stdscr, 1, x + used, w - used, sb_str(&count), attr, false);
		wattrset(stdscr, draw_attr(C_DIM));
		mvwhline_set(stdscr, 2, x, WACS_HLINE, w);
		wattrset(stdscr, A_NORMAL);
		sb_free(&count);
	}
}

static enum color_role due_role(const struct app *app, const struct card *card)
{
	switch (card_due_state(card, &app->board, app_today(app))) {
	case DUE_OVERDUE: return C_OVERDUE;
	case DUE_SOON: return C_DUE_SOON;
	default: return C_NORMAL;
	}
}

enum { FACE_LINES = 24, FACE_SEGS = 3, TITLE_LINES = 2 };

/* A card as it stands in a column: lines of up to three pieces of text, each with its look. */
struct face_seg {
	char *text;
	attr_t attr;
};
struct face_line {
	struct face_seg seg[FACE_SEGS];
	int nseg, indent;
};
struct face {
	struct face_line line[FACE_LINES];
	int n;
};

static struct face_line *face_add(struct face *f, int indent)
{
	struct face_line *l = &f->line[f->n < FACE_LINES ? f->n++ : FACE_LINES - 1];

	if (l->nseg && f->n == FACE_LINES)
		return l; /* full: what comes goes on the last line, and is cut there */
	*l = (struct face_line){.indent = indent};
	return l;
}

static void seg_add(struct face_line *l, const char *text, attr_t attr)
{
	if (l->nseg < FACE_SEGS)
		l->seg[l->nseg++] = (struct face_seg){xstrdup(text), attr};
}

static void face_free(struct face *f)
{
	for (int i = 0; i < f->n; i++)
		for (int k = 0; k < f->line[i].nseg; k++)
			free(f->line[i].seg[k].text);
	f->n = 0;
}

/* The title wraps at spaces: in full on the selected card, in two lines on the others. */
static void face_title(struct face *f, const struct card *card, int w, bool sel)
{
	struct strbuf clean = {0};
	char id[16];
	int id_w;
	const char *p;

	snprintf(id, sizeof(id), "#%d ", card->id);
	id_w = text_width(id);
	text_sanitize(card->title, &clean);
	p = sb_str(&clean);
	for (int n = 0; *p && (sel || n < TITLE_LINES); n++) {
		bool last = !sel && n + 1 == TITLE_LINES;
		const char *next;
		size_t len = text_wrap_line(p, last ? 0 : w - id_w, &next);
		struct face_line *l = face_add(f, n ? id_w : 0);
		char *piece = xstrndup(p, len);

		if (n == 0)
			seg_add(l, id, sel ? draw_attr(C_SELECTED) | A_BOLD : draw_attr(C_ID));
		seg_add(l, piece, A_BOLD);
		free(piece);
		p = next;
	}
	sb_free(&clean);
}

static void face_people(struct face *f, const struct card *card, int w)
{
	struct face_line *l = face_add(f, 0);
	struct strbuf co = {0};

	seg_add(l, card->lead, A_BOLD);
	if (card->co.n) {
		sb_puts(&co, " + ");
		sv_join(&card->co, ", ", &co);
		if (text_width(sb_str(&co)) > w - text_width(card->lead)) {
			sb_reset(&co);
			sb_printf(&co, P_(" +%zu co-executor", " +%zu co-executors", card->co.n), card->co.n);
		}
		seg_add(l, sb_str(&co), A_NORMAL);
	}
	sb_free(&co);
}

/* Text wrapped at spaces into at most max_lines lines (all when max_lines is 0), the last
 * cut where it must be. */
static void face_wrapped(struct face *f, const char *text, attr_t attr, int w, int max_lines)
{
	struct strbuf clean = {0};
	const char *p;

	text_sanitize(text, &clean);
	p = sb_str(&clean);
	for (int n = 0; *p && (!max_lines || n < max_lines); n++) {
		const char *next;
		size_t len = text_wrap_line(p, max_lines && n + 1 == max_lines ? 0 : w, &next);
		char *piece = xstrndup(p, len);

		seg_add(face_add(f, 0), piece, attr);
		free(piece);
		p = next;
	}
	sb_free(&clean);
}

/* The due date and its state, then the labels, on the same line when they fit. */
static void face_dates(struct face *f, struct app *app, const struct card *card, int w,
		       bool sel)
{
	struct strbuf due = {0}, labels = {0};
	struct face_line *l = NULL;

	if (!str_empty(card->due)) {
		print_due_fitted(card, &app->board, app_today(app), w, &due);
		l = face_add(f, 0);
		seg_add(l, sb_str(&due), draw_attr(due_role(app, card)));
	}
	if (card->labels.n) {
		sv_join(&card->labels, " ", &labels);
		if (l && text_width(sb_str(&due)) + 2 + text_width(sb_str(&labels)) <= w) {
			seg_add(l, "  ", A_NORMAL);
			seg_add(l, sb_str(&labels), draw_attr(C_LABEL));
		} else {
			/* Labels whole, wrapped between them, rather than cut to a few letters. */
			face_wrapped(f, sb_str(&labels), draw_attr(C_LABEL), w, sel ? 0 : TITLE_LINES);
		}
	}
	sb_free(&due);
	sb_free(&labels);
}

/* Why a blocked card is blocked: the reason given when it was moved there (NULL for a card
 * that is not blocked). */
static void face_blocked(struct face *f, const char *reason, int w, bool sel)
{
	struct strbuf text = {0};

	if (!reason)
		return;
	sb_printf(&text, _("blocked: %s"), *reason ? reason : _("(no reason given)"));
	face_wrapped(f, sb_str(&text), draw_attr(C_OVERDUE), w, sel ? 0 : TITLE_LINES);
	sb_free(&text);
}

/* Two offices changed a field differently: the fields with a value set aside, "! decides". */
static void face_conflicts(struct face *f, const struct card *card, int w)
{
	struct strbuf text = {0};

	if (!card->nconflicts)
		return;
	sb_puts(&text, _("set aside:"));
	for (size_t i = 0; i < card->nconflicts; i++)
		if (i == 0 || strcmp(card->conflicts[i].field, card->conflicts[i - 1].field) != 0)
			sb_printf(&text, "%s %s", i ? "," : "", card->conflicts[i].field);
	sb_puts(&text, _(" (! decides)"));
	face_wrapped(f, sb_str(&text), draw_attr(C_OVERDUE), w, TITLE_LINES);
	sb_free(&text);
}

static void card_face(struct face *f, struct board_view_state *st, struct app *app,
		      const struct card *card, int w, bool sel)
{
	f->n = 0;
	face_title(f, card, w, sel);
	face_people(f, card, w);
	face_dates(f, app, card, w, sel);
	face_blocked(f, board_blocked_reason(st, app, card), w, sel);
	face_conflicts(f, card, w);
}

/* The selected card stands out as a whole: its lines on the selection's background. */
static void draw_face(const struct face *f, int y, int x, int w, int max_y, bool sel)
{
	attr_t base = draw_attr(C_SELECTED);

	for (int i = 0; i < f->n && y + i < max_y; i++) {
		const struct face_line *l = &f->line[i];
		int used = l->indent;

		if (sel)
			draw_fill(stdscr, y + i, x - 1, w + 2, base);
		if (sel && i == 0) /* and a mark in the margin, for a screen without colours */
			draw_text(stdscr, y, x - 1, 1, "▶", base | A_BOLD, false);
		for (int k = 0; k < l->nseg && used < w; k++)
			used += draw_text(stdscr, y + i, x + used, w - used, l->seg[k].text,
					  sel ? base | (l->seg[k].attr & A_BOLD) : l->seg[k].attr, false);
	}
}

/* One line per card: id, title, and at the right the lead and the due date. */
static void draw_compact(struct app *app, const struct card *card, int y, int x, int w, bool sel)
{
	struct strbuf tail = {0};
	char id[16];
	attr_t base = sel ? draw_attr(C_SELECTED) : A_NORMAL;
	enum color_role due = due_role(app, card);
	int used, tail_w;

	snprintf(id, sizeof(id), "#%d ", card->id);
	/* The title keeps at least half the line: the due date goes first, then the lead. */
	char day[16];
	sb_printf(&tail, " %s %s", card->lead, str_empty(card->due) ? "" : print_day_short(card->due, day));
	if (text_width(sb_str(&tail)) > w / 2) {
		sb_reset(&tail);
		sb_printf(&tail, " %s", card->lead);
	}
	tail_w = text_width(sb_str(&tail));
	if (tail_w > w / 2)
		tail_w = w / 2;
	if (sel) {
		draw_fill(stdscr, y, x - 1, w + 2, base);
		draw_text(stdscr, y, x - 1, 1, "▶", base | A_BOLD, false);
	}
	used = draw_text(stdscr, y, x, w, id, sel ? base | A_BOLD : draw_attr(due == C_NORMAL ? C_ID : due), false);
	draw_text(stdscr, y, x + used, w - used - tail_w, card->title, base, false);
	draw_text(stdscr, y, x + w - tail_w, tail_w, sb_str(&tail),
		  sel ? base : due != C_NORMAL ? draw_attr(due) : draw_attr(C_DIM), false);
	sb_free(&tail);
}

static int face_height(struct board_view_state *st, struct app *app, const struct card *card,
		       int w, bool sel)
{
	struct face f;
	int n;

	if (st->compact)
		return 1;
	card_face(&f, st, app, card, w, sel);
	n = f.n;
	face_free(&f);
	return n;
}

/* Lines the cards from first on take, with the gaps, counted only up to limit + 1: the cost
 * is what a screen holds, not the length of the column. */
static int height_from(struct board_view_state *st, struct app *app, struct column_slot *slot,
		       int first, int last, int w, int limit)
{
	int gap = st->compact ? 0 : CARD_GAP, used = -gap;

	for (int i = first; i <= last && used <= limit; i++)
		used += gap + face_height(st, app, &st->cards.v[slot->idx[i]], w, i == slot->lv.sel);
	return used;
}

/* In the current column: the selected card in view and whole. True when it went to the
 * bottom of the screen (the cards above it then fill it already). */
static bool keep_selection_in_view(struct board_view_state *st, struct app *app,
				   struct column_slot *slot, int w, int rows)
{
	int gap = st->compact ? 0 : CARD_GAP;

	if (slot->lv.sel < slot->lv.top)
		slot->lv.top = slot->lv.sel;
	if (height_from(st, app, slot, slot->lv.top, slot->lv.sel, w, rows) <= rows)
		return false;
	/* Below the screen: the selection goes to its bottom, the cards above it fill it. */
	int first = slot->lv.sel, used = face_height(st, app, &st->cards.v[slot->idx[first]], w, true);
	while (first > 0) {
		int h = face_height(st, app, &st->cards.v[slot->idx[first - 1]], w, false);
		if (used + gap + h > rows)
			break;
		used += gap + h;
		first--;
	}
	slot->lv.top = first;
	return true;
}

/* The first card shown: in every column no empty screen below the last card while cards
 * above the first would fill it (a column a card left, or a filter thinned, never hides its
 * cards behind "↑ 1 above"), and in the current column the selected card in view. */
static void scroll_column(struct board_view_state *st, struct app *app, struct column_slot *slot,
			  bool is_cur, int w, int rows)
{
	int gap = st->compact ? 0 : CARD_GAP, used;

	if (slot->lv.rows == 0) {
		slot->lv.top = 0;
		return;
	}
	if (slot->lv.top > slot->lv.rows - 1)
		slot->lv.top = slot->lv.rows - 1;
	if (is_cur && keep_selection_in_view(st, app, slot, w, rows))
		return;
	used = height_from(st, app, slot, slot->lv.top, slot->lv.rows - 1, w, rows);
	while (slot->lv.top > 0 && used <= rows) {
		int h = face_height(st, app, &st->cards.v[slot->idx[slot->lv.top - 1]], w, false);
		if (used + gap + h > rows)
			break;
		used += gap + h;
		slot->lv.top--;
	}
}

static void draw_column_cards(struct board_view_state *st, struct app *app, size_t c, int x,
			      int w, int rows)
{
	struct column_slot *slot = &st->cols[c];
	int y = FIRST_ROW, last_y = FIRST_ROW + rows, shown = 0, gap = st->compact ? 0 : CARD_GAP;

	scroll_column(st, app, slot, (int)c == st->cur, w, rows);
	for (int i = slot->lv.top; i < slot->lv.rows && y < last_y; i++, shown++) {
		const struct card *card = &st->cards.v[slot->idx[i]];
		bool sel = (int)c == st->cur && i == slot->lv.sel;
		int h = 1;

		if (st->compact) {
			draw_compact(app, card, y, x, w, sel);
		} else {
			struct face f;

			card_face(&f, st, app, card, w, sel);
			draw_face(&f, y, x, w, last_y, sel);
			h = f.n;
			face_free(&f);
		}
		add_hit(st, y, y + h - 1, x, x + w - 1, (int)c, i);
		y += h + gap;
	}
	/* The page is what fits now: PgUp and PgDn move by it. */
	slot->lv.page = shown > 1 ? shown - 1 : 1;
	if (slot->lv.top > 0 || slot->lv.top + shown < slot->lv.rows) {
		char more[128] = "";
		int below = slot->lv.rows - slot->lv.top - shown, len = 0;
		if (slot->lv.top)
			len = snprintf(more, sizeof(more), _("↑ %d above  "), slot->lv.top);
		if (below > 0)
			snprintf(more + len, sizeof(more) - (size_t)len, _("↓ %d below"), below);
		while (len > 0 && below <= 0 && more[len - 1] == ' ')
			more[--len] = '\0'; /* the space before a count below that is not there */
		/* A narrow column keeps both counts, without their words, rather than cut one. */
		if (text_width(more) > w && slot->lv.top && below > 0)
			snprintf(more, sizeof(more), "↑ %d  ↓ %d", slot->lv.top, below);
		draw_text(stdscr, LINES - 2, x, w, more, draw_attr(C_DIM), true);
	}
}

/* A board the filters emptied says what hides the cards and how to see them again. */
static void say_what_filters_hide(struct board_view_state *st, struct app *app)
{
	struct strbuf what = {0}, line = {0};
	int n = 0;

	if (st->agency)
		sb_printf(&what, _("%sagency %s"), n++ ? ", " : "", st->agency);
	if (st->label)
		sb_printf(&what, _("%slabel %s"), n++ ? ", " : "", st->label);
	if (st->overdue)
		sb_printf(&what, _("%soverdue only"), n++ ? ", " : "");
	if (st->search)
		sb_printf(&what, _("%ssearch \"%s\""), n++ ? ", " : "", st->search);
	sb_printf(&line, P_("%d filter (%s) hides ", "%d filters (%s) hide ", n), n, sb_str(&what));
	sb_printf(&line, P_("all %d card; c clears", "all %d cards; c clears", st->hidden),
		  st->hidden);
	draw_text(stdscr, FIRST_ROW + 2, 2, COLS - 4, sb_str(&line), draw_attr(C_ERROR), false);
	(void)app;
	sb_free(&what);
	sb_free(&line);
}

static void draw_columns(struct board_view_state *st, struct app *app)
{
	int rows = LINES - 1 - FIRST_ROW - 1; /* minus the "more" line */

	for (size_t c = 0; c < st->ncols; c++) {
		int x, w;

		column_geometry(st, c, &x, &w);
		if (c > 0)
			x++, w--;
		x++, w -= 2; /* a margin on both sides */
		if (st->cols[c].lv.rows == 0)
			/* TRANSLATORS: an empty column; a column at 80x24 has 13 cells for it. */
			draw_text(stdscr, FIRST_ROW, x, w, _("(no cards)"), draw_attr(C_DIM), false);
		else
			draw_column_cards(st, app, c, x, w, rows);
	}
	if (st->cards.n == 0 && st->hidden > 0)
		say_what_filters_hide(st, app);
}

/* How many of a lane's cards each column holds, and its line count on the screen. */
static int lane_count(struct board_view_state *st, struct app *app, int lane, size_t c)
{
	int n = 0;

	for (int i = 0; i < st->cols[c].lv.rows; i++)
		n += lane_of(app, &st->cards.v[st->cols[c].idx[i]]) == lane;
	return n;
}

static void draw_lane_header(struct board_view_state *st, struct app *app, int lane, int y)
{
	struct strbuf head = {0};
	int count = 0;

	for (size_t c = 0; c < st->ncols; c++)
		count += lane_count(st, app, lane, c);
	if (lane < (int)app->board.nagencies)
		sb_printf(&head, " %s (%d)  %s", app->board.agencies[lane].code, count,
			  board_agency_name(&app->board.agencies[lane]));
	else
		sb_printf(&head, _(" (unknown agency)  (%d)"), count);
	draw_fill(stdscr, y, 0, COLS, draw_attr(C_LANE) | A_REVERSE);
	draw_text(stdscr, y, 0, COLS, sb_str(&head), draw_attr(C_LANE) | A_REVERSE, false);
	sb_free(&head);
}

/* One line per card of the lane, in each column; first is the lane's first card line. */
static void draw_lane_cards(struct board_view_state *st, struct app *app, int lane, int first)
{
	for (size_t c = 0; c < st->ncols; c++) {
		int x, w, k = 0;

		column_geometry(st, c, &x, &w);
		if (c > 0)
			x++, w--;
		for (int i = 0; i < st->cols[c].lv.rows; i++) {
			const struct card *card = &st->cards.v[st->cols[c].idx[i]];
			int row = FIRST_ROW + first + k - st->lanes_lv.top;

			if (lane_of(app, card) != lane)
				continue;
			k++;
			if (row < FIRST_ROW || row >= LINES - 1)
				continue;
			bool sel = (int)c == st->cur && i == st->cols[c].lv.sel;
			attr_t base = sel ? draw_attr(C_SELECTED) : A_NORMAL;
			enum color_role role = due_role(app, card);
			char id[16];

			snprintf(id, sizeof(id), "#%d ", card->id);
			if (sel)
				draw_fill(stdscr, row, x, w - 1, base);
			int used = draw_text(stdscr, row, x, w - 1, id,
					     sel ? base | A_BOLD : draw_attr(role == C_NORMAL ? C_ID : role),
					     false);
			draw_text(stdscr, row, x + used, w - 1 - used, card->title, base, false);
			add_hit(st, row, row, x, x + w - 2, (int)c, i);
		}
	}
}

/* Swimlanes: one band per lead agency, one line per card. */
static void draw_lanes(struct board_view_state *st, struct app *app)
{
	int nlanes = (int)app->board.nagencies + 1, total = 0;
	int *start = calloc((size_t)nlanes, sizeof(int)), *height = calloc((size_t)nlanes, sizeof(int));

	for (int lane = 0; lane < nlanes; lane++) {
		for (size_t c = 0; c < st->ncols; c++) {
			int n = lane_count(st, app, lane, c);
			if (n > height[lane])
				height[lane] = n;
		}
		start[lane] = total;
		if (height[lane])
			total += 1 + height[lane];
	}
	st->lanes_lv.cursor = false;
	listview_set_rows(&st->lanes_lv, total);
	listview_set_page(&st->lanes_lv, LINES - 1 - FIRST_ROW);
	/* The selected card's line stays in view, with its lane's header when it fits. */
	if (st->ncols && st->cols[st->cur].lv.rows) {
		struct column_slot *slot = &st->cols[st->cur];
		int lane = lane_of(app, &st->cards.v[slot->idx[slot->lv.sel]]), k = 0;

		for (int i = 0; i < slot->lv.sel; i++)
			k += lane_of(app, &st->cards.v[slot->idx[i]]) == lane;
		listview_show(&st->lanes_lv, start[lane] + k);
		listview_show(&st->lanes_lv, start[lane] + 1 + k);
	}
	for (size_t c = 0; c < st->ncols; c++)
		listview_set_page(&st->cols[c].lv, LINES - 1 - FIRST_ROW);
	for (int lane = 0; lane < nlanes; lane++) {
		int y = FIRST_ROW + start[lane] - st->lanes_lv.top;

		if (!height[lane])
			continue;
		if (y >= FIRST_ROW && y < LINES - 1)
			draw_lane_header(st, app, lane, y);
		draw_lane_cards(st, app, lane, start[lane] + 1);
	}
	if (total == 0)
		draw_text(stdscr, FIRST_ROW, 1, COLS - 2, _("(no cards)"), draw_attr(C_DIM), false);
	free(start);
	free(height);
}

void board_draw(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	struct strbuf ctx = {0};

	st->nhits = 0;
	if (st->agency)
		sb_printf(&ctx, _("agency %s  "), st->agency);
	if (st->label)
		sb_printf(&ctx, _("label %s  "), st->label);
	if (st->overdue)
		sb_puts(&ctx, _("overdue  "));
	if (st->search)
		sb_printf(&ctx, _("search \"%s\"  "), st->search);
	app_draw_frame(app, st->lanes ? _("board, lanes") : st->compact ? _("board, compact") : _("board"),
		       sb_str(&ctx));
	if (st->back > 0 && !app->message[0])
		draw_text(stdscr, LINES - 1, 0, COLS,
			  _(" READ-ONLY: nothing can be changed here.  [ earlier  ] later  T: go to a "
			    "date or meeting  Esc: the present"),
			  draw_attr(C_PAST), true);
	sb_free(&ctx);
	draw_headers(st, app);
	if (st->lanes)
		draw_lanes(st, app);
	else
		draw_columns(st, app);
}
