/* The board: columns side by side, or swimlanes by lead agency. */
#include <stdlib.h>
#include <string.h>

#include "../model/asof.h"
#include "../model/date.h"
#include "../model/strbuf.h"
#include "actions.h"
#include "app.h"
#include "form.h"
#include "print.h"
#include "text.h"
#include "views.h"

enum { CARD_LINES = 4, CARD_GAP = 1, MAX_HITS = 1024, FIRST_ROW = 3 };

struct column_slot {
	int *idx; /* indexes into cards, in display order */
	int n, sel, scroll;
};

struct hit {
	int y0, y1, x0, x1, col, row;
};

struct board_view_state {
	struct card_list cards;
	struct column_slot *cols;
	size_t ncols;
	int cur;
	int want_id; /* the card to keep selected across reloads */
	bool lanes, overdue;
	char *agency, *label, *search;
	int lane_scroll;
	int back;            /* > 0: the board as it stood this many commits ago, read-only */
	char asof_oid[41];
	long long asof_time;
	struct hit hits[MAX_HITS];
	int nhits;
};

static struct board_view_state *state_of(struct view *view)
{
	return view->state;
}

static const struct card *selected(struct board_view_state *st)
{
	struct column_slot *c;

	if (st->ncols == 0)
		return NULL;
	c = &st->cols[st->cur];
	return c->n ? &st->cards.v[c->idx[c->sel]] : NULL;
}

static int lane_of(const struct app *app, const struct card *card)
{
	for (size_t i = 0; i < app->board.nagencies; i++)
		if (strcmp(app->board.agencies[i].code, card->lead) == 0)
			return (int)i;
	return (int)app->board.nagencies;
}

static void free_columns(struct board_view_state *st)
{
	for (size_t i = 0; i < st->ncols; i++)
		free(st->cols[i].idx);
	free(st->cols);
	st->cols = NULL;
	st->ncols = 0;
}

static bool in_search(const struct card_list *hits, int id)
{
	for (size_t i = 0; i < hits->n; i++)
		if (hits->v[i].id == id)
			return true;
	return false;
}

static void board_reload(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	struct card_filter filter = {.agency = st->agency, .overdue = st->overdue, .label = st->label};
	struct card_list found = {0};
	struct cb_error err = {0};

	card_list_free(&st->cards);
	free_columns(st);
	if (st->back > 0) {
		struct board_state state;
		git_oid oid;

		if (index_commit_back(app->s->index, st->back, &oid, &err) < 0 ||
		    asof_load(app->s, &oid, &state, &err) < 0) {
			app_message(app, C_ERROR, "%s", err.msg);
			st->back = 0;
			board_reload(view, app);
			return;
		}
		date_set_today(state.day); /* overdue as judged that day */
		st->cards = state.cards;
		state.cards = (struct card_list){0};
		card_list_filter(&st->cards, &filter, &app->board);
		snprintf(st->asof_oid, sizeof(st->asof_oid), "%s", state.oid);
		st->asof_time = state.time;
		board_state_free(&state);
	} else {
		date_set_today(NULL);
		if (index_cards(app->s->index, &app->board, &filter, &st->cards, &err) < 0)
			app_message(app, C_ERROR, "%s", err.msg);
	}
	if (!str_empty(st->search) && index_search(app->s->index, st->search, &found, &err) == 0) {
		size_t n = 0;
		for (size_t i = 0; i < st->cards.n; i++) {
			if (in_search(&found, st->cards.v[i].id))
				st->cards.v[n++] = st->cards.v[i];
			else
				card_free(&st->cards.v[i]);
		}
		st->cards.n = n;
	}
	card_list_free(&found);
	st->ncols = app->board.ncolumns;
	st->cols = calloc(st->ncols ? st->ncols : 1, sizeof(*st->cols));
	for (size_t c = 0; c < st->ncols; c++) {
		struct column_slot *slot = &st->cols[c];

		slot->idx = calloc(st->cards.n + 1, sizeof(int));
		/* Board order is rank order; lanes group by lead agency first, keeping rank. */
		for (int lane = 0; lane <= (st->lanes ? (int)app->board.nagencies : 0); lane++)
			for (size_t i = 0; i < st->cards.n; i++)
				if (strcmp(st->cards.v[i].column, app->board.columns[c].key) == 0 &&
				    (!st->lanes || lane_of(app, &st->cards.v[i]) == lane))
					slot->idx[slot->n++] = (int)i;
	}
	if (st->cur >= (int)st->ncols)
		st->cur = st->ncols ? (int)st->ncols - 1 : 0;
	/* Keep the selection on the same card wherever it went. */
	for (size_t c = 0; c < st->ncols && st->want_id; c++)
		for (int i = 0; i < st->cols[c].n; i++)
			if (st->cards.v[st->cols[c].idx[i]].id == st->want_id) {
				st->cur = (int)c;
				st->cols[c].sel = i;
			}
	for (size_t c = 0; c < st->ncols; c++)
		if (st->cols[c].sel >= st->cols[c].n)
			st->cols[c].sel = st->cols[c].n ? st->cols[c].n - 1 : 0;
	const struct card *sel = selected(st);
	st->want_id = sel ? sel->id : 0;
}

static void remember_selection(struct board_view_state *st)
{
	const struct card *sel = selected(st);

	st->want_id = sel ? sel->id : 0;
}

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
		int x, w, n = st->cols[c].n;
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
		if (slot->sel < slot->scroll)
			slot->scroll = slot->sel;
		if (slot->sel >= slot->scroll + visible)
			slot->scroll = slot->sel - visible + 1;
		if (slot->scroll > 0 && slot->scroll > slot->n - visible)
			slot->scroll = slot->n - visible > 0 ? slot->n - visible : 0;
		for (int i = slot->scroll; i < slot->n && i < slot->scroll + visible; i++) {
			int y = FIRST_ROW + (i - slot->scroll) * (CARD_LINES + CARD_GAP);
			bool sel = (int)c == st->cur && i == slot->sel;

			draw_card(app, &st->cards.v[slot->idx[i]], y, x, w, sel);
			add_hit(st, y, y + CARD_LINES - 1, x, x + w - 1, (int)c, i);
		}
		if (slot->scroll > 0 || slot->scroll + visible < slot->n) {
			char more[64] = "";
			int below = slot->n - slot->scroll - visible, len = 0;
			if (slot->scroll)
				len = snprintf(more, sizeof(more), "↑ %d above  ", slot->scroll);
			if (below > 0)
				snprintf(more + len, sizeof(more) - (size_t)len, "↓ %d below", below);
			draw_text(stdscr, LINES - 2, x, w, more, draw_attr(C_DIM), false);
		}
		if (slot->n == 0)
			draw_text(stdscr, FIRST_ROW, x, w, "(no cards)", draw_attr(C_DIM), false);
	}
}

/* Swimlanes: one band per lead agency, one line per card. */
static void draw_lanes(struct board_view_state *st, struct app *app)
{
	int nlanes = (int)app->board.nagencies + 1;
	int *start = calloc((size_t)nlanes, sizeof(int)), *height = calloc((size_t)nlanes, sizeof(int));
	int total = 0, sel_row = -1, rows = LINES - 1 - FIRST_ROW;

	for (int lane = 0; lane < nlanes; lane++) {
		for (size_t c = 0; c < st->ncols; c++) {
			int n = 0;
			for (int i = 0; i < st->cols[c].n; i++)
				n += lane_of(app, &st->cards.v[st->cols[c].idx[i]]) == lane;
			if (n > height[lane])
				height[lane] = n;
		}
		start[lane] = total;
		if (height[lane])
			total += 1 + height[lane];
	}
	/* The selected card's line, to keep it in view. */
	if (st->ncols && st->cols[st->cur].n) {
		struct column_slot *slot = &st->cols[st->cur];
		int lane = lane_of(app, &st->cards.v[slot->idx[slot->sel]]), k = 0;
		for (int i = 0; i < slot->sel; i++)
			k += lane_of(app, &st->cards.v[slot->idx[i]]) == lane;
		sel_row = start[lane] + 1 + k;
		if (sel_row - 1 < st->lane_scroll)
			st->lane_scroll = sel_row - 1;
		if (sel_row >= st->lane_scroll + rows)
			st->lane_scroll = sel_row - rows + 1;
	}
	for (int lane = 0; lane < nlanes; lane++) {
		if (!height[lane])
			continue;
		int y = FIRST_ROW + start[lane] - st->lane_scroll;
		if (y >= FIRST_ROW && y < LINES - 1) {
			struct strbuf head = {0};
			int count = 0;
			for (size_t c = 0; c < st->ncols; c++)
				for (int i = 0; i < st->cols[c].n; i++)
					count += lane_of(app, &st->cards.v[st->cols[c].idx[i]]) == lane;
			if (lane < (int)app->board.nagencies)
				sb_printf(&head, " %s (%d)  %s", app->board.agencies[lane].code, count,
					  app->board.agencies[lane].name);
			else
				sb_printf(&head, " (unknown agency)  (%d)", count);
			draw_fill(stdscr, y, 0, COLS, draw_attr(C_LANE) | A_REVERSE);
			draw_text(stdscr, y, 0, COLS, sb_str(&head), draw_attr(C_LANE) | A_REVERSE, false);
			sb_free(&head);
		}
		for (size_t c = 0; c < st->ncols; c++) {
			int x, w, k = 0;
			column_geometry(st, c, &x, &w);
			if (c > 0)
				x++, w--;
			for (int i = 0; i < st->cols[c].n; i++) {
				const struct card *card = &st->cards.v[st->cols[c].idx[i]];
				if (lane_of(app, card) != lane)
					continue;
				int row = FIRST_ROW + start[lane] + 1 + k++ - st->lane_scroll;
				if (row < FIRST_ROW || row >= LINES - 1)
					continue;
				bool sel = (int)c == st->cur && i == st->cols[c].sel;
				attr_t base = sel ? draw_attr(C_SELECTED) : A_NORMAL;
				char id[16];
				snprintf(id, sizeof(id), "#%d ", card->id);
				if (sel)
					draw_fill(stdscr, row, x, w - 1, base);
				enum color_role role = due_role(card, &app->board);
				int used = draw_text(stdscr, row, x, w - 1, id,
						     sel ? base | A_BOLD
							 : draw_attr(role == C_NORMAL ? C_ID : role),
						     false);
				draw_text(stdscr, row, x + used, w - 1 - used, card->title, base, false);
				add_hit(st, row, row, x, x + w - 2, (int)c, i);
			}
		}
	}
	if (total == 0)
		draw_text(stdscr, FIRST_ROW, 1, COLS - 2, "(no cards)", draw_attr(C_DIM), false);
	free(start);
	free(height);
}

static void board_draw(struct view *view, struct app *app)
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

static void set_filter(char **slot, const char *value)
{
	free(*slot);
	*slot = value && *value ? xstrdup(value) : NULL;
}

static void pick_agency(struct board_view_state *st, struct app *app)
{
	struct strvec items = {0}, details = {0};
	int initial = 0, choice;

	sv_push(&items, "(all)");
	sv_push(&details, "every agency");
	for (size_t i = 0; i < app->board.nagencies; i++) {
		sv_push(&items, app->board.agencies[i].code);
		sv_push(&details, app->board.agencies[i].name);
		if (st->agency && strcmp(st->agency, app->board.agencies[i].code) == 0)
			initial = (int)i + 1;
	}
	choice = pick_one(app, "Show the cards of an agency (lead or co-executor)", &items, &details,
			  initial);
	if (choice >= 0)
		set_filter(&st->agency, choice == 0 ? NULL : items.v[choice]);
	sv_free(&items);
	sv_free(&details);
}

static void pick_label(struct board_view_state *st, struct app *app)
{
	struct card_filter all = {0};
	struct card_list cards = {0};
	struct strvec labels = {0};
	struct cb_error err = {0};
	int choice, initial = 0;

	sv_push(&labels, "(all)");
	if (index_cards(app->s->index, &app->board, &all, &cards, &err) == 0)
		for (size_t i = 0; i < cards.n; i++)
			for (size_t j = 0; j < cards.v[i].labels.n; j++)
				if (!sv_contains(&labels, cards.v[i].labels.v[j]))
					sv_push(&labels, cards.v[i].labels.v[j]);
	for (size_t i = 0; i < labels.n; i++)
		if (st->label && strcmp(labels.v[i], st->label) == 0)
			initial = (int)i;
	choice = pick_one(app, "Show the cards with a label", &labels, NULL, initial);
	if (choice >= 0)
		set_filter(&st->label, choice == 0 ? NULL : labels.v[choice]);
	card_list_free(&cards);
	sv_free(&labels);
}

struct search_ctx {
	struct view *view;
	struct app *app;
};

static void search_changed(const char *text, void *ctx_)
{
	struct search_ctx *ctx = ctx_;
	struct board_view_state *st = state_of(ctx->view);

	set_filter(&st->search, text);
	board_reload(ctx->view, ctx->app);
	werase(stdscr);
	board_draw(ctx->view, ctx->app);
}

static void search(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	struct search_ctx ctx = {view, app};
	char *before = st->search ? xstrdup(st->search) : NULL, *text = NULL;

	if (!prompt_line(app, "Search: ", st->search ? st->search : "", NULL, search_changed, &ctx,
			 &text)) {
		set_filter(&st->search, before);
	} else {
		set_filter(&st->search, text);
		if (st->search)
			app_message(app, C_NOTICE, "%zu %s; c clears the search", st->cards.n,
				    st->cards.n == 1 ? "card matches" : "cards match");
	}
	free(before);
	free(text);
	board_reload(view, app);
}

/* The cards of the current column in rank order, for reordering next to a neighbour. */
static void neighbours(struct board_view_state *st, struct app *app, int id, int *above, int *below)
{
	const char *column = app->board.columns[st->cur].key;
	int prev = 0;

	*above = *below = 0;
	for (size_t i = 0; i < st->cards.n; i++) {
		if (strcmp(st->cards.v[i].column, column) != 0)
			continue;
		if (st->cards.v[i].id == id)
			*above = prev;
		else if (prev == id)
			*below = st->cards.v[i].id;
		prev = st->cards.v[i].id;
	}
}

static bool board_input(struct view *view, struct app *app, enum action action, wint_t key,
			bool is_key)
{
	struct board_view_state *st = state_of(view);
	struct column_slot *slot = st->ncols ? &st->cols[st->cur] : NULL;
	const struct card *card = selected(st);
	int id = card ? card->id : 0, page = (LINES - 4) / (st->lanes ? 1 : CARD_LINES + CARD_GAP);
	bool changed = false;

	(void)key;
	(void)is_key;
	if (!slot)
		return false;
	if (st->back > 0 && action_writes(action)) {
		app_message(app, C_ERROR, "read-only: this is the board as it stood; press ] until "
			    "the present to change it");
		return true;
	}
	switch (action) {
	case ACT_LEFT:
		if (st->cur > 0)
			st->cur--;
		break;
	case ACT_RIGHT:
		if (st->cur + 1 < (int)st->ncols)
			st->cur++;
		break;
	case ACT_UP:
		if (slot->sel > 0)
			slot->sel--;
		break;
	case ACT_DOWN:
		if (slot->sel + 1 < slot->n)
			slot->sel++;
		break;
	case ACT_PAGE_UP:
		slot->sel = slot->sel > page ? slot->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		slot->sel = slot->sel + page < slot->n ? slot->sel + page : (slot->n ? slot->n - 1 : 0);
		break;
	case ACT_TOP:
		slot->sel = 0;
		break;
	case ACT_BOTTOM:
		slot->sel = slot->n ? slot->n - 1 : 0;
		break;
	case ACT_OPEN:
		if (card)
			app_push(app, card_view_new(app, id));
		break;
	case ACT_MOVE_LEFT:
	case ACT_MOVE_RIGHT:
		if (card)
			changed = action_move_column(app, id, action == ACT_MOVE_LEFT ? -1 : 1);
		break;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		if (card) {
			int above, below;
			neighbours(st, app, id, &above, &below);
			if (action == ACT_MOVE_UP && above)
				changed = action_reorder(app, id, above, 0);
			else if (action == ACT_MOVE_DOWN && below)
				changed = action_reorder(app, id, 0, below);
		}
		break;
	case ACT_ADD:
		changed = action_add(app, app->board.columns[st->cur].key, &st->want_id);
		break;
	case ACT_EDIT:
		changed = card && action_edit(app, id);
		break;
	case ACT_REASSIGN:
		changed = card && action_reassign(app, id);
		break;
	case ACT_NOTE:
		changed = card && action_note(app, id);
		break;
	case ACT_DUE:
		changed = card && action_due(app, id);
		break;
	case ACT_ARCHIVE:
		changed = card && action_archive(app, id);
		break;
	case ACT_SEARCH:
		search(view, app);
		break;
	case ACT_LOG:
		app_push(app, log_view_new(app, 0));
		return true;
	case ACT_UNDO:
		changed = action_undo(app);
		break;
	case ACT_MEETING:
		changed = action_meeting(app);
		break;
	case ACT_TIME_BACK:
		st->back++;
		board_reload(view, app);
		return true;
	case ACT_TIME_FORWARD:
		if (st->back > 0)
			st->back--;
		board_reload(view, app);
		if (st->back == 0)
			app_message(app, C_NOTICE, "back at the present: the board is live again");
		return true;
	case ACT_LANES:
		st->lanes = !st->lanes;
		st->lane_scroll = 0;
		board_reload(view, app);
		return true;
	case ACT_FILTER_AGENCY:
		pick_agency(st, app);
		board_reload(view, app);
		return true;
	case ACT_FILTER_LABEL:
		pick_label(st, app);
		board_reload(view, app);
		return true;
	case ACT_FILTER_OVERDUE:
		st->overdue = !st->overdue;
		board_reload(view, app);
		return true;
	case ACT_FILTER_MINE: {
		const struct member *m = board_member(&app->board, app->s->login);
		if (!m || str_empty(m->agency))
			app_message(app, C_ERROR, "%s has no agency in board.conf", app->s->login);
		else
			set_filter(&st->agency, m->agency);
		board_reload(view, app);
		return true;
	}
	case ACT_FILTER_CLEAR:
		set_filter(&st->agency, NULL);
		set_filter(&st->label, NULL);
		set_filter(&st->search, NULL);
		st->overdue = false;
		board_reload(view, app);
		return true;
	default:
		return false;
	}
	if (action != ACT_ADD)
		remember_selection(st);
	if (changed)
		app_reload(app);
	return true;
}

static void board_click(struct view *view, struct app *app, int y, int x, bool double_click)
{
	struct board_view_state *st = state_of(view);

	for (int i = 0; i < st->nhits; i++) {
		struct hit *h = &st->hits[i];
		if (y >= h->y0 && y <= h->y1 && x >= h->x0 && x <= h->x1) {
			st->cur = h->col;
			st->cols[h->col].sel = h->row;
			remember_selection(st);
			if (double_click)
				app_push(app, card_view_new(app, selected(st)->id));
			return;
		}
	}
}

static void board_close(struct view *view)
{
	struct board_view_state *st = state_of(view);

	card_list_free(&st->cards);
	free_columns(st);
	free(st->agency);
	free(st->label);
	free(st->search);
	free(st);
	free(view);
}

struct view *board_view_new(struct app *app)
{
	struct view *view = xcalloc(1, sizeof(*view));

	(void)app;
	view->draw = board_draw;
	view->input = board_input;
	view->click = board_click;
	view->reload = board_reload;
	view->close = board_close;
	view->state = xcalloc(1, sizeof(struct board_view_state));
	return view;
}
