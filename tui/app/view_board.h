/* The board view's state, shared by view_board.c (reading the board, keys, clicks) and
 * board_draw.c (drawing it). */
#ifndef COBOARD_VIEW_BOARD_H
#define COBOARD_VIEW_BOARD_H

#include <string.h>

#include "oid.h"
#include "app.h"
#include "listview.h"

enum { CARD_LINES = 4, CARD_GAP = 1, MAX_HITS = 1024, FIRST_ROW = 3 };

struct column_slot {
	int *idx; /* indexes into cards, in display order */
	struct listview lv;
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
	bool lanes, overdue, compact;
	bool select_first; /* after a filter or a search: select the first card shown */
	int *real;  /* each column's cards without the filters, for the headers and WIP limits */
	int hidden; /* cards the filters and the search leave out */
	/* Per card of cards: why it is blocked (NULL when it is not), read when the card is
	 * first drawn: a column of thousands of blocked cards shows a screenful of them. */
	struct blocked_reason {
		bool read;
		char *text;
	} *reasons;
	char *agency, *label, *search;
	struct listview lanes_lv; /* the swimlanes' lines */
	/* The past: anchor is the commit shown ("" for the present, live), back how many changes
	 * came after it (recounted as others write; the commit shown stays). */
	char anchor[CB_OID_HEXSZ + 1];
	int back;            /* > 0: the board as it stood this many commits ago, read-only */
	char asof_oid[41];
	long long asof_time;
	struct hit hits[MAX_HITS];
	int nhits;
};


static inline struct board_view_state *state_of(struct view *view)
{
	return view->state;
}

static inline const struct card *selected(struct board_view_state *st)
{
	struct column_slot *c;

	if (st->ncols == 0)
		return NULL;
	c = &st->cols[st->cur];
	return c->lv.rows ? &st->cards.v[c->idx[c->lv.sel]] : NULL;
}

static inline int lane_of(const struct app *app, const struct card *card)
{
	for (size_t i = 0; i < app->board.nagencies; i++)
		if (strcmp(app->board.agencies[i].code, card->lead) == 0)
			return (int)i;
	return (int)app->board.nagencies;
}

/* Draws the board: the frame, the column headers, and the columns or the swimlanes. */
void board_draw(struct view *view, struct app *app);
/* Why card (one of st->cards) is blocked: the reason given when it was moved to its blocked
 * column, "" when none was given, NULL when it is not in a blocked column. */
const char *board_blocked_reason(struct board_view_state *st, struct app *app,
				 const struct card *card);

#endif
