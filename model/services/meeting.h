/* Meetings. Starting one records the moment in the board (meetings/current); ending it
 * commits minutes to meetings/YYYY-MM-DD[-N].md with every change made meanwhile, grouped by
 * agency, and the secretary's notes as decisions, and tags that commit
 * meeting/YYYY-MM-DD[-N]. */
#ifndef COBOARD_MEETING_H
#define COBOARD_MEETING_H

#include "ops.h"

#define MEETING_OPEN_PATH "meetings/current"

struct meeting {
	char *title, *secretary, *start_commit;
	long long started;
};

int meeting_start(struct session *s, const char *title, struct op_result *res,
		  struct cb_error *err);

/* On success *minutes (caller frees) is the path of the minutes in the board. */
int meeting_end(struct session *s, struct op_result *res, char **minutes, struct cb_error *err);

/* The open meeting, if any: *open false when none. */
int meeting_current(struct session *s, struct meeting *m, bool *open, struct cb_error *err);
void meeting_free(struct meeting *m);

/* Ending a meeting commits the minutes, then tags the commit: a writer killed between the
 * two leaves the tag missing. Makes the missing tags (of the last meeting only unless all),
 * their names appended to made (optional). */
int meeting_repair_tags(struct session *s, bool all, struct strvec *made, struct cb_error *err);

#endif
