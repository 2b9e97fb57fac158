/* The board: columns side by side, or swimlanes by lead agency. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "asof.h"
#include "date.h"
#include "strbuf.h"
#include "actions.h"
#include "app.h"
#include "form.h"
#include "print.h"
#include "text.h"
#include "view_board.h"
#include "views.h"

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

static void count_columns(const struct card_list *cards, const struct board *board, int *counts)
{
	for (size_t i = 0; i < cards->n; i++) {
		int c = board_column_index(board, cards->v[i].column);
		if (c >= 0 && !cards->v[i].archived)
			counts[c]++;
	}
}

/* The mode line of the past: what is shown, from when, how far back. */
static void say_past(struct board_view_state *st, struct app *app)
{
	struct strbuf when = {0};

	print_time(st->asof_time, &when);
	snprintf(app->past, sizeof(app->past),
		 P_("READ-ONLY, as it stood at %.7s, %s, %d change ago",
		    "READ-ONLY, as it stood at %.7s, %s, %d changes ago", st->back),
		 st->asof_oid, sb_str(&when), st->back);
	sb_free(&when);
}

/* The cards shown: the board now, or as it stood st->back changes ago, filtered. */
static void free_reasons(struct board_view_state *st)
{
	for (size_t i = 0; st->reasons && i < st->cards.n; i++)
		free(st->reasons[i].text);
	free(st->reasons);
	st->reasons = NULL;
}

/* Room for the reasons; each is read when its card is first drawn. */
static void load_reasons(struct board_view_state *st)
{
	st->reasons = xcalloc(st->cards.n + 1, sizeof(*st->reasons));
}

const char *board_blocked_reason(struct board_view_state *st, struct app *app,
				 const struct card *card)
{
	size_t i = (size_t)(card - st->cards.v);
	const struct column_def *col = board_column(&app->board, card->column);
	struct cb_error ignored = {0};

	if (!st->reasons || i >= st->cards.n)
		return NULL;
	struct blocked_reason *r = &st->reasons[i];
	if (!r->read && col && col->kind == COLUMN_BLOCKED &&
	    index_move_reason(app->s->index, card->id, col->key, &r->text, &ignored) < 0) {
		free(r->text);
		r->text = NULL;
	}
	r->read = true;
	return r->text;
}

static void load_cards(struct board_view_state *st, struct app *app)
{
	struct card_filter filter = {.agency = st->agency, .overdue = st->overdue, .label = st->label};
	struct card_list found = {0};
	struct cb_error err = {0};
	struct board_state state;
	struct cb_oid oid;

	free_reasons(st);
	card_list_free(&st->cards);
	free(st->real);
	st->real = xcalloc(app->board.ncolumns + 1, sizeof(int));
	/* The past holds still: the commit chosen is shown, whatever is written meanwhile; only
	 * how many changes ago it is moves on. */
	st->back = 0;
	if (st->anchor[0] &&
	    (cb_oid_fromstr(&oid, st->anchor) < 0 ||
	     index_changes_since_commit(app->s->index, st->anchor, &st->back, &err) < 0 ||
	     (st->back > 0 && asof_load(app->s, &oid, &state, &err) < 0))) {
		app_message(app, C_ERROR, "%s", err.msg);
		st->back = 0;
	}
	if (st->back == 0)
		st->anchor[0] = '\0';
	if (st->back > 0) {
		/* Overdue as judged that day. */
		snprintf(app->judged_on, sizeof(app->judged_on), "%s", state.day);
		filter.today = app->judged_on;
		count_columns(&state.cards, &app->board, st->real);
		st->cards = state.cards;
		state.cards = (struct card_list){0};
		card_list_filter(&st->cards, &filter, &app->board);
		snprintf(st->asof_oid, sizeof(st->asof_oid), "%s", state.oid);
		st->asof_time = state.time;
		say_past(st, app);
		board_state_free(&state);
	} else {
		app->past[0] = '\0';
		app->judged_on[0] = '\0';
		if (index_card_rows(app->s->index, &app->board, &filter, &st->cards, &err) < 0 ||
		    index_column_counts(app->s->index, &app->board, st->real, &err) < 0)
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
	load_reasons(st);
	st->hidden = -(int)st->cards.n;
	for (size_t c = 0; c < app->board.ncolumns; c++)
		st->hidden += st->real[c];
}

/* Each column's cards in display order; a column keeps its selection and scroll. */
static void build_columns(struct board_view_state *st, struct app *app)
{
	size_t ncols = app->board.ncolumns;
	struct column_slot *cols = calloc(ncols ? ncols : 1, sizeof(*cols));

	for (size_t c = 0; c < ncols; c++) {
		struct column_slot *slot = &cols[c];
		int n = 0;

		slot->idx = calloc(st->cards.n + 1, sizeof(int));
		/* Board order is rank order; lanes group by lead agency first, keeping rank. */
		for (int lane = 0; lane <= (st->lanes ? (int)app->board.nagencies : 0); lane++)
			for (size_t i = 0; i < st->cards.n; i++)
				if (strcmp(st->cards.v[i].column, app->board.columns[c].key) == 0 &&
				    (!st->lanes || lane_of(app, &st->cards.v[i]) == lane))
					slot->idx[n++] = (int)i;
		slot->lv = c < st->ncols ? st->cols[c].lv : (struct listview){.cursor = true};
		listview_set_rows(&slot->lv, n);
	}
	free_columns(st);
	st->cols = cols;
	st->ncols = ncols;
}

static void board_reload(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	const struct card *sel;

	load_cards(st, app);
	build_columns(st, app);
	if (st->cur >= (int)st->ncols)
		st->cur = st->ncols ? (int)st->ncols - 1 : 0;
	if (st->select_first) {
		st->select_first = false;
		st->want_id = 0;
		for (size_t c = 0; c < st->ncols && !st->want_id; c++)
			if (st->cols[c].lv.rows) {
				st->cur = (int)c;
				st->cols[c].lv.sel = 0;
				st->want_id = st->cards.v[st->cols[c].idx[0]].id;
			}
	}
	/* Keep the selection on the same card wherever it went. */
	for (size_t c = 0; c < st->ncols && st->want_id; c++)
		for (int i = 0; i < st->cols[c].lv.rows; i++)
			if (st->cards.v[st->cols[c].idx[i]].id == st->want_id) {
				st->cur = (int)c;
				listview_show(&st->cols[c].lv, i);
			}
	sel = selected(st);
	st->want_id = sel ? sel->id : 0;
}

static void remember_selection(struct board_view_state *st)
{
	const struct card *sel = selected(st);

	st->want_id = sel ? sel->id : 0;
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

	sv_push(&items, _("(all)"));
	sv_push(&details, _("every agency"));
	for (size_t i = 0; i < app->board.nagencies; i++) {
		sv_push(&items, app->board.agencies[i].code);
		sv_push(&details, board_agency_name(&app->board.agencies[i]));
		if (st->agency && strcmp(st->agency, app->board.agencies[i].code) == 0)
			initial = (int)i + 1;
	}
	choice = pick_one(app, _("Show the cards of an agency (lead or co-executor)"), &items, &details,
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

	sv_push(&labels, _("(all)"));
	if (index_card_rows(app->s->index, &app->board, &all, &cards, &err) == 0)
		for (size_t i = 0; i < cards.n; i++)
			for (size_t j = 0; j < cards.v[i].labels.n; j++)
				if (!sv_contains(&labels, cards.v[i].labels.v[j]))
					sv_push(&labels, cards.v[i].labels.v[j]);
	for (size_t i = 0; i < labels.n; i++)
		if (st->label && strcmp(labels.v[i], st->label) == 0)
			initial = (int)i;
	choice = pick_one(app, _("Show the cards with a label"), &labels, NULL, initial);
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
	st->select_first = true;
	board_reload(ctx->view, ctx->app);
	werase(stdscr);
	board_draw(ctx->view, ctx->app);
}

static void search(struct view *view, struct app *app)
{
	struct board_view_state *st = state_of(view);
	struct search_ctx ctx = {view, app};
	char *before = st->search ? xstrdup(st->search) : NULL, *text = NULL;

	if (!prompt_line(app, _("Search: "), st->search ? st->search : "", NULL, search_changed, &ctx,
			 &text)) {
		set_filter(&st->search, before);
	} else {
		set_filter(&st->search, text);
		st->select_first = true;
		if (st->search)
			app_message(app, C_NOTICE, "%zu %s; c clears the search", st->cards.n,
				    st->cards.n == 1 ? _("card matches") : _("cards match"));
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

/* Selection: between columns, and within one through its list view. */
static bool board_navigate(struct board_view_state *st, enum action action)
{
	switch (action) {
	case ACT_LEFT:
		if (st->cur > 0)
			st->cur--;
		return true;
	case ACT_RIGHT:
		if (st->cur + 1 < (int)st->ncols)
			st->cur++;
		return true;
	default:
		return listview_act(&st->cols[st->cur].lv, action);
	}
}

static const char *check_when(const char *text, void *ctx)
{
	(void)ctx;
	return *text ? NULL : _("give a date (YYYY-MM-DD), a commit, last-meeting or before-last-meeting");
}

/* Anchors the past at the commit back changes before the tip (0: the present). */
static void step_in_time(struct board_view_state *st, struct app *app, int back)
{
	struct cb_error err = {0};
	struct cb_oid oid;

	if (back <= 0) {
		st->anchor[0] = '\0';
	} else if (index_commit_back(app->s->index, back, &oid, &err) == 0) {
		cb_oid_tostr(st->anchor, &oid);
	} else {
		app_message(app, C_ERROR, "%s", err.msg);
	}
}

/* The board as it stood at a date, a commit, or just before the last meeting. */
static void go_to_time(struct board_view_state *st, struct app *app)
{
	struct cb_error err = {0};
	char *text = NULL, hex[CB_OID_HEXSZ + 1];
	struct cb_oid oid;
	int back;

	if (!prompt_line(app, _("The board as it stood (a date, a commit, last-meeting, "
			   "before-last-meeting): "),
			 "before-last-meeting", check_when, NULL, NULL, &text))
		return;
	if (asof_resolve(app->s, text, &oid, &err) == 0 &&
	    index_changes_since_commit(app->s->index, cb_oid_tostr(hex, &oid), &back,
				       &err) == 0) {
		snprintf(st->anchor, sizeof(st->anchor), "%s", back ? hex : "");
		if (back == 0)
			app_message(app, C_NOTICE, "that is the board as it is now");
	} else {
		app_message(app, C_ERROR, "%s", err.msg);
	}
	free(text);
}

/* What is shown: filters, search, swimlanes and the board as it stood. */
static bool board_filter(struct view *view, struct app *app, enum action action)
{
	struct board_view_state *st = state_of(view);
	const struct member *me;

	switch (action) {
	case ACT_SEARCH: search(view, app); return true;
	case ACT_LANES: st->lanes = !st->lanes; st->lanes_lv.top = 0; break;
	case ACT_FILTER_AGENCY: pick_agency(st, app); break;
	case ACT_FILTER_LABEL: pick_label(st, app); break;
	case ACT_FILTER_OVERDUE: st->overdue = !st->overdue; break;
	case ACT_FILTER_MINE:
		me = board_member(&app->board, app->s->login);
		if (!me || str_empty(me->agency))
			app_message(app, C_ERROR, "%s has no agency in board.conf", app->s->login);
		else
			set_filter(&st->agency, me->agency);
		break;
	case ACT_FILTER_CLEAR:
		set_filter(&st->agency, NULL);
		set_filter(&st->label, NULL);
		set_filter(&st->search, NULL);
		st->overdue = false;
		break;
	case ACT_COMPACT: st->compact = !st->compact; break;
	case ACT_TIME_BACK: step_in_time(st, app, st->back + 1); break;
	case ACT_TIME_GOTO: go_to_time(st, app); break;
	case ACT_TIME_FORWARD:
	case ACT_BACK:
		if (!st->anchor[0])
			return action == ACT_TIME_FORWARD;
		step_in_time(st, app, action == ACT_BACK ? 0 : st->back - 1);
		if (!st->anchor[0])
			app_message(app, C_NOTICE, "back at the present: the board is live again");
		break;
	default:
		return false;
	}
	/* What a filter or a search lets through starts at its first card, wherever it is. */
	if (action != ACT_COMPACT && action != ACT_LANES)
		st->select_first = true;
	board_reload(view, app);
	return true;
}

/* Changes that only the board makes: add to a column, reorder in it, meetings. */
static bool board_write(struct board_view_state *st, struct app *app, enum action action,
			const struct card *card, bool *changed)
{
	int above, below;

	const char *denied = action == ACT_ADD ? board_may_add_card(&app->board, app->s->login, NULL)
			     : action == ACT_MEETING ? board_may_run_meeting(&app->board, app->s->login)
						     : NULL;

	/* Said before a form opens, not after it is filled in. */
	if (denied || ((action == ACT_ADD || action == ACT_MEETING) && !app_can_write(app))) {
		app_message(app, C_ERROR, "%s may not %s: %s", app->s->login,
			    action == ACT_ADD ? _("add a card") : _("run a meeting"),
			    denied ? denied : index_unwritable(app->s->index));
		return true;
	}
	switch (action) {
	case ACT_ADD:
		*changed = action_add(app, app->board.columns[st->cur].key, &st->want_id);
		return true;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		if (!card)
			return true;
		neighbours(st, app, card->id, &above, &below);
		if (action == ACT_MOVE_UP && above)
			*changed = action_reorder(app, card->id, above, 0);
		else if (action == ACT_MOVE_DOWN && below)
			*changed = action_reorder(app, card->id, 0, below);
		return true;
	case ACT_MEETING:
		*changed = action_meeting(app);
		return true;
	default:
		return card ? action_on_card(app, action, card->id, changed)
			    : action == ACT_UNDO && action_on_card(app, action, 0, changed);
	}
}

static bool board_input(struct view *view, struct app *app, enum action action, wint_t key,
			bool is_key)
{
	struct board_view_state *st = state_of(view);
	const struct card *card = selected(st);
	bool changed = false;

	(void)key;
	(void)is_key;
	if (!st->ncols)
		return false;
	if (st->back > 0 && action_writes(action)) {
		app_message(app, C_ERROR, "read-only: this is the board as it stood; press ] until "
			    "the present to change it");
		return true;
	}
	if (action == ACT_OPEN) {
		if (card)
			app_push(app, card_view_new(app, card->id));
	} else if (action == ACT_LOG) {
		app_push(app, log_view_new(app, 0));
		return true;
	} else if (action == ACT_DASHBOARD) {
		app_push(app, dashboard_view_new(app));
		return true;
	} else if (action == ACT_REQUESTS) {
		app_push(app, requests_view_new(app));
		return true;
	} else if (board_filter(view, app, action)) {
		return true;
	} else if (!board_navigate(st, action) && !board_write(st, app, action, card, &changed)) {
		return false;
	}
	if (action != ACT_ADD)
		remember_selection(st);
	if (changed)
		app_reload(app);
	return true;
}

void board_view_filter_agency(struct view *view, struct app *app, const char *code)
{
	struct board_view_state *st = state_of(view);

	set_filter(&st->agency, code);
	st->select_first = true;
	board_reload(view, app);
}

static void board_click(struct view *view, struct app *app, int y, int x, bool double_click)
{
	struct board_view_state *st = state_of(view);

	for (int i = 0; i < st->nhits; i++) {
		struct hit *h = &st->hits[i];
		if (y >= h->y0 && y <= h->y1 && x >= h->x0 && x <= h->x1) {
			st->cur = h->col;
			listview_show(&st->cols[h->col].lv, h->row);
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

	free_reasons(st);
	card_list_free(&st->cards);
	free_columns(st);
	free(st->real);
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
	view->keymap = &keymap_board;
	view->draw = board_draw;
	view->input = board_input;
	view->click = board_click;
	view->reload = board_reload;
	view->close = board_close;
	view->state = xcalloc(1, sizeof(struct board_view_state));
	return view;
}
