/* How a card's deadline slipped: how often and by how much its due date moved, and for how
 * many meetings it has stayed open. From the index's field-change rows. */
#ifndef COBOARD_SLIPPAGE_H
#define COBOARD_SLIPPAGE_H

#include "board.h"
#include "card.h"
#include "index.h"

struct slippage {
	int moves;     /* due date changes after the card was created */
	long days;     /* the sum of the shifts, in days (later is positive) */
	int meetings;  /* meetings ended since the card was created, while it is not done */
};

int slippage_of(struct index *idx, const struct card *card, const struct board *board,
		struct slippage *out, struct cb_error *err);

#endif
