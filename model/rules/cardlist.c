#include "cardlist.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct text_block {
	struct text_block *next;
	size_t used, size;
	max_align_t data[]; /* aligned for the arrays of strings kept here too */
};

enum { TEXT_BLOCK = 64 * 1024 };

/* n bytes kept with the list, aligned for a pointer. */
static void *keep(struct card_list *list, size_t n)
{
	struct text_block *b = list->texts;
	size_t at = b ? (b->used + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *) : 0;

	if (!b || at + n > b->size) {
		size_t size = n > TEXT_BLOCK ? n : TEXT_BLOCK;
		b = xmalloc(sizeof(*b) + size);
		b->next = list->texts;
		b->size = size;
		list->texts = b;
		at = 0;
	}
	b->used = at + n;
	return (char *)b->data + at;
}

static char *keep_text(struct card_list *list, const char *s, size_t len)
{
	char *copy = keep(list, len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* A comma-separated list as a strvec whose array and strings are the list's. */
static void keep_items(struct card_list *list, const char *text, struct strvec *out)
{
	const char *p = text, *item;
	size_t len, n = 0;

	while (list_next_item(&p, &item, &len))
		n++;
	*out = (struct strvec){n ? keep(list, n * sizeof(char *)) : NULL, 0, 0};
	for (p = text; list_next_item(&p, &item, &len);)
		out->v[out->n++] = keep_text(list, item, len);
}

void card_list_add_row(struct card_list *list, const struct card_row *row)
{
	static char none[] = "";
	struct card *card = card_list_add(list);

	memset(card, 0, sizeof(*card));
	card->borrowed = true;
	card->id = row->id;
	card->title = keep_text(list, row->title, strlen(row->title));
	card->column = keep_text(list, row->column, strlen(row->column));
	card->rank = keep_text(list, row->rank, strlen(row->rank));
	card->lead = keep_text(list, row->lead, strlen(row->lead));
	card->due = keep_text(list, row->due, strlen(row->due));
	keep_items(list, row->co, &card->co);
	keep_items(list, row->labels, &card->labels);
	card->archived = row->archived;
	card->description = card->item = card->source = card->every = none;
}

void card_list_free(struct card_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		card_free(&list->v[i]);
	free(list->v);
	while (list->texts) {
		struct text_block *next = list->texts->next;
		free(list->texts);
		list->texts = next;
	}
	list->v = NULL;
	list->n = list->cap = 0;
}

void card_list_reserve(struct card_list *list, size_t n)
{
	if (n <= list->cap)
		return;
	list->v = xrealloc(list->v, n * sizeof(*list->v));
	list->cap = n;
}

struct card *card_list_add(struct card_list *list)
{
	if (list->n == list->cap)
		card_list_reserve(list, list->cap ? 2 * list->cap : 16);
	return &list->v[list->n++];
}

bool card_matches(const struct card *card, const struct card_filter *f, const struct board *board)
{
	if (!str_empty(f->column) && strcmp(card->column, f->column) != 0)
		return false;
	if (!str_empty(f->agency) && strcmp(card->lead, f->agency) != 0 &&
	    !sv_contains(&card->co, f->agency))
		return false;
	if (f->overdue && card_due_state(card, board, f->today) != DUE_OVERDUE)
		return false;
	if (!f->archived && card->archived)
		return false;
	if (!str_empty(f->label) && !sv_contains(&card->labels, f->label))
		return false;
	return true;
}

/* A card's place in the board's order, its column looked up once rather than in each of
 * the comparisons a sort makes. */
struct order_key {
	int column; /* the column's place on the board; a column the board lacks goes last */
	const char *rank;
	int id;
	size_t from; /* where the card is in the list before the sort */
};

static int by_board_order(const void *a_, const void *b_)
{
	const struct order_key *a = a_, *b = b_;
	int r;

	if (a->column != b->column)
		return a->column - b->column;
	if ((r = strcmp(a->rank, b->rank)) != 0)
		return r;
	return a->id - b->id;
}

void card_list_sort(struct card_list *list, const struct board *board)
{
	const size_t done = (size_t)-1;

	if (list->n < 2)
		return;
	struct order_key *keys = xcalloc(list->n, sizeof(*keys));
	for (size_t i = 0; i < list->n; i++) {
		int column = board_column_index(board, list->v[i].column);

		keys[i] = (struct order_key){column < 0 ? (int)board->ncolumns : column,
					     list->v[i].rank, list->v[i].id, i};
	}
	qsort(keys, list->n, sizeof(*keys), by_board_order);
	/* The cards move into place along the permutation's cycles, in the list itself: a
	 * second list of ten thousand cards costs more in fresh pages than the sort. */
	for (size_t i = 0; i < list->n; i++) {
		if (keys[i].from == done)
			continue;
		struct card held = list->v[i];
		size_t at = i;

		while (keys[at].from != i) {
			size_t from = keys[at].from;

			list->v[at] = list->v[from];
			keys[at].from = done;
			at = from;
		}
		list->v[at] = held;
		keys[at].from = done;
	}
	free(keys);
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
