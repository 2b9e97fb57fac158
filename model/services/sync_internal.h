/* What sync.c (fetch, merge, push) and remotes.c (the remotes, their records, the site)
 * share; nothing outside model/services/sync.c and model/services/remotes.c includes it. */
#ifndef COBOARD_SYNC_INTERNAL_H
#define COBOARD_SYNC_INTERNAL_H

#ifdef COBOARD_FRONT_END
#error "sync_internal.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "sync.h"

/* A remote's name: letters, digits, '-', '_' and '.'; else CB_EINVALID naming it. */
int sync_check_name(const char *name, struct cb_error *err);

/* The URL of remote name, NULL when the board has no such remote. Caller frees. */
char *sync_remote_url(struct session *s, const char *name);

/* url as it may be written into a commit or shown: without a password
 * (https://user:secret@host/x gives https://user@host/x). Caller frees. */
char *sync_url_shown(const char *url);

/* Records that this board synced with name now (coboard-sync/NAME in the repository). */
void sync_record(const char *gitdir, const char *name, const struct sync_result *r);

#endif
