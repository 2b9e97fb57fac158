/* The board as it stood at a past commit, read from git itself (the record), and the
 * resolution of "a point in history" as users write it: a date, a commit, a tag,
 * "last-meeting". */
#ifndef COBOARD_ASOF_H
#define COBOARD_ASOF_H

#include "board.h"
#include "index.h"
#include "session.h"

struct board_state {
	char oid[CB_OID_HEXSZ + 1];
	long long time;
	char day[11]; /* the commit's date, YYYY-MM-DD, local time */
	struct board board;
	struct card_list cards; /* archived ones included */
};

/* spec: YYYY-MM-DD (the board at the end of that day: its last commit on or before it), "last-meeting" (the commit the
 * last meeting's minutes were tagged on), "before-last-meeting" (the board just before the
 * last meeting started), or anything git understands (an id, a tag,
 * main~3). */
int asof_resolve(struct session *s, const char *spec, struct cb_oid *out, struct cb_error *err);

/* The start of "changes since spec": for a date, the board as that day began, so the day's
 * own changes are included; *before_all when the date is before the board's first commit
 * (the whole history is then "since"). */
int asof_resolve_since(struct session *s, const char *spec, struct cb_oid *out, bool *before_all,
		       struct cb_error *err);

int asof_load(struct session *s, const struct cb_oid *commit, struct board_state *state,
	      struct cb_error *err);
void board_state_free(struct board_state *state);

#endif
