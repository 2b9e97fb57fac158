/* Where a card's text and fields came from: the diff a commit made to its file, and the
 * change that set each field to what it is now. */
#ifndef COBOARD_BLAME_H
#define COBOARD_BLAME_H

#include <stddef.h>

#include "card.h"
#include "error.h"
#include "index.h"
#include "strbuf.h"

struct session;

/* The unified diff commit made to card id's file (against its first parent), appended to
 * out: what the diff view shows. */
int history_card_diff(struct session *s, const char *commit, int id, struct strbuf *out,
		      struct cb_error *err);

/* Who set each field of a card to what it is now: the field, its value as the change log
 * words it, and the change that set it (origin.n is 0 when no change is known). */
enum { BLAME_FIELDS = 8 };
struct blame_row {
	const char *field;
	char *value;
	struct log_list origin;
};
struct blame {
	struct blame_row v[BLAME_FIELDS];
	size_t n;
};
int history_blame(struct index *idx, const struct card *card, struct blame *out,
		  struct cb_error *err);
void blame_free(struct blame *b);

#endif
