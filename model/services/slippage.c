#include "slippage.h"

#include <string.h>

#include "date.h"

int slippage_of(struct index *idx, const struct card *card, const struct board *board,
		struct slippage *out, struct cb_error *err)
{
	struct strvec moves = {0};
	bool done = board_column_is_done(board, card->column);

	memset(out, 0, sizeof(*out));
	if (index_due_moves(idx, card->id, &moves, err) < 0) {
		sv_free(&moves);
		return -1;
	}
	for (size_t i = 0; i + 1 < moves.n; i += 2) {
		const char *old_due = moves.v[i], *new_due = moves.v[i + 1];

		out->moves++;
		if (date_valid(old_due) && date_valid(new_due))
			out->days += date_to_days(new_due) - date_to_days(old_due);
	}
	sv_free(&moves);
	if (!done && !card->archived)
		index_meetings_since(idx, index_card_created(idx, card->id), &out->meetings, err);
	return 0;
}
