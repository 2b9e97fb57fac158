/* Drawing the board: columns of cards side by side, or swimlanes by lead agency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/strbuf.h"
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

static void draw_headers(struct board_view_state *st, struct app *app)
{
	for (size_t c = 0; c < st->ncols; c++) {
		const struct column_def *def = &app->board.columns[c];
		struct strbuf head = {0};
		int x, w, n = st->cols[c].lv.rows;
		bool over = def->limit && n > def->limit;

		column_geometry(st, c, &x, &w);
		sb_printf(&head, "%s (%d", def->name, n);
		if (def->limit)
			sb_printf(&head, "/%d%s", def->limit, over ? " over limit" : "");
		sb_putc(&head, ')');
		if (c > 0)
			mvwvline_set(stdscr, 1, x, WACS_VLINE, LINES - 2);
		draw_text(stdscr, 1, x + (c > 0), w - (c > 0),
			  sb_str(&head),
			  draw_attr(over ? C_COLUMN_OVER : C_COLUMN) |
				  ((int)c == st->cur ? A_UNDERLINE : 0),
			  false);
		wattrset(stdscr, draw_attr(C_DIM));
		mvwhline_set(stdscr, 2, x + (c > 0), WACS_HLINE, w - (c > 0));
		wattrset(stdscr, A_NORMAL);
		sb_free(&head);
	}
}

static enum color_role due_role(const struct card *card, const struct board *board)
{
	switch (card_due_state(card, board)) {
	case DUE_OVERDUE: return C_OVERDUE;
	case DUE_SOON: return C_DUE_SOON;
	default: return C_NORMAL;
	}
}

/* A card in four lines: id and title (wrapped once), lead and co-executors, due date and
 * labels. The selection is an arrow in the margin and the id in reverse, so moving it
 * repaints a few cells, not the cards. */
static void draw_card(struct app *app, const struct card *card, int y, int x, int w, bool sel)
{
	struct strbuf line = {0};
	char id[16];
	int used;

	if (sel)
		draw_text(stdscr, y, x - 1, 1, "▶", draw_attr(C_SELECTED) & ~A_REVERSE, false);
	snprintf(id, sizeof(id), "#%d", card->id);
	used = draw_text(stdscr, y, x, w, id, sel ? draw_attr(C_SELECTED) | A_BOLD : draw_attr(C_ID),
			 false);
	used += draw_text(stdscr, y, x + used, w - used, " ", A_NORMAL, false);
	/* The title wraps once, at a space where it can, and is cut on the second line. */
	text_sanitize(card->title, &line);
	size_t first = text_break(sb_str(&line), w - used);
	char *title_head = xstrndup(sb_str(&line), first);
	draw_text(stdscr, y, x + used, w - used, title_head, A_BOLD, false);
	draw_text(stdscr, y + 1, x + used, w - used, sb_str(&line) + first, A_BOLD, false);
	free(title_head);
	sb_reset(&line);
	y++;

	used = draw_text(stdscr, y + 1, x, w, card->lead, A_BOLD, false);
	if (card->co.n) {
		sb_puts(&line, " + ");
		sv_join(&card->co, ", ", &line);
		if (text_width(sb_str(&line)) > w - used) {
			sb_reset(&line);
			sb_printf(&line, " +%zu co-executors", card->co.n);
		}
		draw_text(stdscr, y + 1, x + used, w - used, sb_str(&line), A_NORMAL, false);
	}
	sb_reset(&line);
	used = 0;
	if (!str_empty(card->due)) {
		sb_puts(&line, card->due);
		if (card_due_state(card, &app->board) >= DUE_SOON) {
			sb_putc(&line, ' ');
			print_due_note(card, &app->board, &line);
		}
		used = draw_text(stdscr, y + 2, x, w, sb_str(&line),
				 draw_attr(due_role(card, &app->board)), false);
	}
	if (card->labels.n) {
		sb_reset(&line);
		sv_join(&card->labels, " ", &line);
		if (used)
			used += draw_text(stdscr, y + 2, x + used, w - used, "  ", A_NORMAL, false);
		draw_text(stdscr, y + 2, x + used, w - used, sb_str(&line), draw_attr(C_LABEL), false);
	}
	sb_free(&line);
}

static void draw_columns(struct board_view_state *st, struct app *app)
{
	int rows = LINES - 1 - FIRST_ROW - 1; /* minus the "more" line */
	int visible = (rows + CARD_GAP) / (CARD_LINES + CARD_GAP);

	if (visible < 1)
		visible = 1;
	for (size_t c = 0; c < st->ncols; c++) {
		struct column_slot *slot = &st->cols[c];
		int x, w;

		column_geometry(st, c, &x, &w);
		if (c > 0)
			x++, w--;
		x++, w -= 2; /* a margin on both sides */
		listview_set_page(&slot->lv, visible);
		for (int i = slot->lv.top; i < listview_end(&slot->lv); i++) {
			int y = FIRST_ROW + (i - slot->lv.top) * (CARD_LINES + CARD_GAP);
			bool sel = (int)c == st->cur && i == slot->lv.sel;

			draw_card(app, &st->cards.v[slot->idx[i]], y, x, w, sel);
			add_hit(st, y, y + CARD_LINES - 1, x, x + w - 1, (int)c, i);
		}
		if (slot->lv.top > 0 || listview_end(&slot->lv) < slot->lv.rows) {
			char more[64] = "";
			int below = slot->lv.rows - listview_end(&slot->lv), len = 0;
			if (slot->lv.top)
				len = snprintf(more, sizeof(more), "↑ %d above  ", slot->lv.top);
			if (below > 0)
				snprintf(more + len, sizeof(more) - (size_t)len, "↓ %d below", below);
			draw_text(stdscr, LINES - 2, x, w, more, draw_attr(C_DIM), false);
		}
		if (slot->lv.rows == 0)
			draw_text(stdscr, FIRST_ROW, x, w, "(no cards)", draw_attr(C_DIM), false);
	}
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
			  app->board.agencies[lane].name);
	else
		sb_printf(&head, " (unknown agency)  (%d)", count);
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
			enum color_role role = due_role(card, &app->board);
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
		draw_text(stdscr, FIRST_ROW, 1, COLS - 2, "(no cards)", draw_attr(C_DIM), false);
	free(start);
	free(height);
}

void board_draw(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	struct strbuf ctx = {0};

	st->nhits = 0;
	if (st->back > 0)
		sb_printf(&ctx, "READ-ONLY, as it stood at %.7s  ", st->asof_oid);
	if (st->agency)
		sb_printf(&ctx, "agency %s  ", st->agency);
	if (st->label)
		sb_printf(&ctx, "label %s  ", st->label);
	if (st->overdue)
		sb_puts(&ctx, "overdue  ");
	if (st->search)
		sb_printf(&ctx, "search \"%s\"  ", st->search);
	if (st->lanes)
		sb_puts(&ctx, "lanes");
	app_draw_frame(app, sb_str(&ctx));
	if (st->back > 0 && !app->message[0]) {
		struct strbuf bar = {0};
		sb_printf(&bar, " READ-ONLY: the board as it stood at %.7s, ", st->asof_oid);
		print_time(st->asof_time, &bar);
		sb_printf(&bar, " (%d change%s ago).  [ earlier  ] later", st->back,
			  st->back == 1 ? "" : "s");
		draw_text(stdscr, LINES - 1, 0, COLS, sb_str(&bar), draw_attr(C_ERROR), true);
		sb_free(&bar);
	}
	sb_free(&ctx);
	draw_headers(st, app);
	if (st->lanes)
		draw_lanes(st, app);
	else
		draw_columns(st, app);
}
