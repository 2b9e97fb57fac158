/* Meetings. Starting one records the moment in the board (meetings/current); ending it
 * commits minutes to meetings/YYYY-MM-DD[-N].md with every change made meanwhile, grouped by
 * agency, and the secretary's notes as decisions, and tags that commit
 * meeting/YYYY-MM-DD[-N]. */
#ifndef COBOARD_MEETING_H
#define COBOARD_MEETING_H

#include "meeting_state.h"
#include "ops.h"

int meeting_start(struct session *s, const char *title, struct op_result *res,
		  struct cb_error *err);

/* On success *minutes (caller frees) is the path of the minutes in the board. */
int meeting_end(struct session *s, struct op_result *res, char **minutes, struct cb_error *err);

#endif
