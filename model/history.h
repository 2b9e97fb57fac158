/* Field-level changes between two versions of a card: the rows of the change log and the
 * body of every commit message come from the same comparison. */
#ifndef COBOARD_HISTORY_H
#define COBOARD_HISTORY_H

#include <stddef.h>

#include "card.h"
#include "strbuf.h"

struct field_change {
	char *field; /* created, removed, title, column, lead, co, due, labels, archived,
		       * description, note */
	char *old_value, *new_value;
};

struct change_list {
	struct field_change *v;
	size_t n;
};

/* Appends the changes from old to new. old NULL: the card was created ("created" with the
 * title, then its column, lead, co-executors and due date); new NULL: the card file was
 * removed ("removed"). A move within a column (rank only) produces no row. */
void history_diff(const struct card *old, const struct card *new, struct change_list *out);
void change_list_free(struct change_list *list);

/* The unified diff commit made to card id's file (against its first parent), appended to
 * out: what the diff view shows. */
struct repo;
struct cb_error;
int history_card_diff(struct repo *repo, const char *commit, int id, struct strbuf *out,
		      struct cb_error *err);

/* True for the fields that carry responsibility: lead and co-executors. */
int history_is_responsibility(const char *field);

#endif
