/* Lists of cards in board order, and the filters the views apply to them. */
#ifndef COBOARD_CARDLIST_H
#define COBOARD_CARDLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "card.h"

struct card_filter {
	const char *column;
	const char *agency; /* lead or co-executor */
	bool overdue;
	bool archived; /* include archived cards */
	const char *label;
	bool conflicted; /* only cards carrying values a merge set aside */
	const char *today; /* the day overdue is judged on; NULL: the real today */
};

struct text_block;
struct card_list {
	struct card *v;
	size_t n, cap;
	/* The strings of its borrowed cards (rows of the index), in blocks freed with the list at
	 * once: a list of ten thousand cards neither allocates nor frees them one by one. */
	struct text_block *texts;
};

void card_list_free(struct card_list *list);

/* A borrowed card at the end of list, its strings copied into the list's blocks: the fields
 * of a row, co-executors and labels as comma-separated lists. */
struct card_row {
	int id;
	const char *title, *column, *rank, *lead, *co, *due, *labels;
	bool archived;
};
void card_list_add_row(struct card_list *list, const struct card_row *row);

/* A place for one more card at the end of list (not initialised). */
struct card *card_list_add(struct card_list *list);

/* Room for n cards in all, taken at once: an array grown by doubling is copied into fresh
 * memory at each step, and at ten thousand cards those page faults cost more than reading
 * the cards. */
void card_list_reserve(struct card_list *list, size_t n);

/* Board order: by column as board.conf lists them (unknown columns last), then rank, then id. */
void card_list_sort(struct card_list *list, const struct board *board);

bool card_matches(const struct card *card, const struct card_filter *filter,
		  const struct board *board);

/* Keeps the cards that match filter, in board order. */
void card_list_filter(struct card_list *list, const struct card_filter *filter,
		      const struct board *board);

#endif
