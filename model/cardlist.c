#include "cardlist.h"

#include <stdlib.h>
#include <string.h>

void card_list_free(struct card_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		card_free(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

bool card_matches(const struct card *card, const struct card_filter *f, const struct board *board)
{
	if (!str_empty(f->column) && strcmp(card->column, f->column) != 0)
		return false;
	if (!str_empty(f->agency) && strcmp(card->lead, f->agency) != 0 &&
	    !sv_contains(&card->co, f->agency))
		return false;
	if (f->overdue && card_due_state(card, board) != DUE_OVERDUE)
		return false;
	if (!f->archived && card->archived)
		return false;
	if (!str_empty(f->label) && !sv_contains(&card->labels, f->label))
		return false;
	return true;
}

static const struct board *order_board;

static int by_board_order(const void *a_, const void *b_)
{
	const struct card *a = a_, *b = b_;
	int ca = board_column_index(order_board, a->column), cb = board_column_index(order_board, b->column);
	int r;

	if (ca < 0)
		ca = (int)order_board->ncolumns;
	if (cb < 0)
		cb = (int)order_board->ncolumns;
	if (ca != cb)
		return ca - cb;
	if ((r = strcmp(a->rank, b->rank)) != 0)
		return r;
	return a->id - b->id;
}

void card_list_sort(struct card_list *list, const struct board *board)
{
	if (list->n > 1) {
		/* qsort has no context argument in C11; the board is set just before. */
		order_board = board;
		qsort(list->v, list->n, sizeof(*list->v), by_board_order);
	}
}

void card_list_filter(struct card_list *list, const struct card_filter *f, const struct board *board)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++) {
		if (card_matches(&list->v[i], f, board))
			list->v[n++] = list->v[i];
		else
			card_free(&list->v[i]);
	}
	list->n = n;
	card_list_sort(list, board);
}
