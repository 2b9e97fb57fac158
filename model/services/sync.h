/* Two offices, one board: each server keeps its own copy and exchanges changes with the
 * others through git remotes. A sync fetches the other board's branch, merges it into this
 * one (model/rules/merge.h: field by field, one merge commit by the acting member keeping both
 * parents), pushes the result back, and only then moves this board's branch, so a remote
 * that refuses the push leaves this board as it was. */
#ifndef COBOARD_SYNC_H
#define COBOARD_SYNC_H

#include <stdbool.h>

#include "ops.h"
#include "session.h"

struct sync_result {
	size_t in, out;        /* commits that came in, and that went out */
	bool merged;           /* a merge commit was made (else a fast-forward or nothing) */
	char tip[41];          /* the board's branch afterwards */
	struct strvec conflicts; /* cards (and board.conf) where values were set aside */
	struct strvec renumbered; /* "102 1102": theirs' card of an id ours also made */
};
void sync_result_free(struct sync_result *r);

/* Syncs with remote name. Errors leave this board's branch as it was. */
int sync_with(struct session *s, const char *name, struct sync_result *r, struct cb_error *err);

struct sync_remote {
	char *name, *url;
	long long last_sync; /* seconds since the epoch; 0 when never */
	size_t last_in, last_out;
};
struct sync_remotes {
	struct sync_remote *v;
	size_t n;
};
void sync_remote_list(struct session *s, struct sync_remotes *out);
void sync_remotes_free(struct sync_remotes *list);
/* Adds remote name at url (any git URL: ssh://user@host/path, a path); admins only. */
/* *checked: the URL is a path on this machine and was found to be a board; an URL of another
 * machine is known only at the first sync. */
int sync_remote_add(struct session *s, const char *name, const char *url, bool *checked,
		    struct cb_error *err);
int sync_remote_remove(struct session *s, const char *name, struct cb_error *err);

/* This server's site: the office it is in board.conf's site lines (the repository's
 * coboard.site). Appends the name to out; 0 when none is set. */
int sync_site_name(struct session *s, struct strbuf *out);
/* An admin names a site: adds it to board.conf with number (0: the lowest free one) as a
 * commit when it is not there. A server without a site (or with this_server) becomes that
 * site (coboard.site); a server that has another site keeps it, and the number is only
 * reserved for that office (*reserved). */
int sync_set_site(struct session *s, const char *name, int number, bool this_server,
		  bool *reserved, struct op_result *res, struct cb_error *err);

/* The remote this board synced with last, and when (0 when never); *name NULL then. For the
 * app's top line: read from the records `sync` leaves, without running git. */
void sync_last(const char *gitdir, char **name, long long *when);

/* What another office's sync brought to this board since the commit old_tip, up to the
 * indexed tip (answered from the index):
 * the office (the remote this server synced with, or the site that merged and pushed here),
 * how many changes, the newest one's author and subject. False when no merge of a sync is
 * among them (an ordinary change). */
struct arrival {
	char office[80];
	size_t count;
	struct strbuf author, subject;
};
bool sync_arrival(struct session *s, const char *old_tip, struct arrival *out);
void arrival_free(struct arrival *a);

#endif
