/* The open meeting as the board records it (meetings/current), and the tags of minutes: what
 * the write path needs of meetings, below the meeting commands (meeting.h) that use it. */
#ifndef COBOARD_MEETING_STATE_H
#define COBOARD_MEETING_STATE_H

#include <stdbool.h>

#include "error.h"
#include "session.h"
#include "strbuf.h"

struct meeting {
	char *title, *secretary, *start_commit;
	long long started;
};

/* The open meeting, if any: *open false when none. */
int meeting_current(struct session *s, struct meeting *m, bool *open, struct cb_error *err);
void meeting_free(struct meeting *m);

/* Ending a meeting commits the minutes, then tags the commit: a writer killed between the
 * two leaves the tag missing. Makes the missing tags (of the last meeting only unless all),
 * their names appended to made (optional). */
int meeting_repair_tags(struct session *s, bool all, struct strvec *made, struct cb_error *err);

/* The tag of the minutes at path: meetings/2026-01-15-2.md is meeting/2026-01-15-2. */
void meeting_minutes_tag(const char *path, struct strbuf *tag);

#endif
