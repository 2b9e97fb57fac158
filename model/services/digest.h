/* "What changed since": two states of the board compared card by card, as an agenda opener
 * needs it (new cards, moves, reassignments, deadlines, archived, now overdue). */
#ifndef COBOARD_DIGEST_H
#define COBOARD_DIGEST_H

#include "asof.h"

struct change_item {
	const char *kind; /* new, moved, reassigned, co-executors, deadline, archived, now overdue */
	const struct card *card; /* in now.cards */
	char *detail;
};

struct digest {
	struct board_state then, now;
	bool before_all; /* since a date before the board's first commit: all of it is new */
	struct change_item *v;
	size_t n;
};

/* The changes since spec (last-meeting, YYYY-MM-DD including that day, a commit) up to the
 * branch tip. */
int digest_since(struct session *s, const char *spec, struct digest *out, struct cb_error *err);
void digest_free(struct digest *d);

#endif
