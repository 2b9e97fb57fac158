#include "slippage.h"

#include <string.h>

#include "date.h"

int slippage_of(struct index *idx, const struct card *card, const struct board *board,
		struct slippage *out, struct cb_error *err)
{
	struct log_filter filter = {.card = card->id};
	struct log_list log = {0};
	bool done = board_column_is_done(board, card->column);

	memset(out, 0, sizeof(*out));
	if (index_log(idx, &filter, &log, err) < 0)
		return -1;
	for (size_t i = 0; i < log.n; i++) {
		const struct log_entry *e = &log.v[i];
		bool creation = false;

		if (strcmp(e->field, "due") != 0)
			continue;
		/* The due date set with the card is the baseline, not a slip. */
		for (size_t j = 0; j < log.n; j++)
			if (strcmp(log.v[j].commit, e->commit) == 0 &&
			    strcmp(log.v[j].field, "created") == 0)
				creation = true;
		if (creation)
			continue;
		out->moves++;
		if (date_valid(e->old_value) && date_valid(e->new_value))
			out->days += date_to_days(e->new_value) - date_to_days(e->old_value);
	}
	log_list_free(&log);
	if (!done && !card->archived)
		index_meetings_since(idx, index_card_created(idx, card->id), &out->meetings, err);
	return 0;
}
