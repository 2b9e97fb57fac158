/* What the meeting files share beyond meeting_state.h: the open meeting as of a commit. */
#ifndef COBOARD_MEETING_STATE_INTERNAL_H
#define COBOARD_MEETING_STATE_INTERNAL_H

#ifdef COBOARD_FRONT_END
#error "meeting_state_internal.h is the model's own: a front end asks meeting.h"
#endif

#include "meeting_state.h"
#include "repo.h"

int meeting_read_open(struct session *s, const git_oid *tip, struct meeting *m, bool *open,
		      struct cb_error *err);

#endif
