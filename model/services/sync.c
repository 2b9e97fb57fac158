#include "sync_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "git_run.h"
#include "i18n.h"
#include "history.h"
#include "check.h"
#include "meeting_state.h"
#include "merge_tree.h"
#include "ops_file.h"

/* A sync that meets a board being written to tries again, a little later each time, for
 * about a minute in all. */
enum { SYNC_ATTEMPTS = 40 };
void sync_result_free(struct sync_result *r)
{
	sv_free(&r->conflicts);
	sv_free(&r->renumbered);
}

/* Up to 50 ms more each attempt, at a random point, so two offices retrying do not meet
 * again in step. */
static void wait_before_retry(int attempt)
{
	long max_us = 50000L * (attempt + 1);
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	long us = (long)((unsigned long)(ts.tv_nsec ^ (long)getpid() * 2654435761UL) % (unsigned long)max_us);
	ts = (struct timespec){us / 1000000, (us % 1000000) * 1000};
	nanosleep(&ts, NULL);
}

static char *tracking_ref(const char *name)
{
	struct strbuf ref = {0};

	sb_printf(&ref, "refs/remotes/%s/main", name);
	return sb_detach(&ref);
}

/* Fetches name's main branch into refs/remotes/NAME/main; theirs is where it points. */
static int fetch(struct session *s, const char *name, git_oid *theirs, struct cb_error *err)
{
	char *ref = tracking_ref(name);
	struct strbuf refspec = {0}, errors = {0};
	int rc = 0;

	git_oid before;
	bool had = repo_resolve(s->repo, ref, &before, &(struct cb_error){0}) == 0;

	sb_printf(&refspec, "+refs/heads/main:%s", ref);
	const char *argv[] = {"fetch", "--quiet", "--no-tags", "--upload-pack=git-upload-pack", "--",
			      name, sb_str(&refspec), NULL};
	int status = git_run(repo_gitdir(s->repo), argv, NULL, &errors);
	if (status != 0) {
		const char *why = status < 0 ? _("git is not installed") : git_error_line(&errors);
		if (strstr(why, "refs/heads/main"))
			rc = cb_fail(err, CB_EINVALID, "%s has no branch main: it is not a coboard "
				     "board; nothing changed here", name);
		else
			rc = cb_fail(err, CB_EFAIL, "cannot fetch from %s: %s; nothing changed here",
				     name, why);
	} else if (repo_resolve(s->repo, ref, theirs, err) < 0) {
		rc = -1;
	} else if (had && !repo_descends_from(s->repo, theirs, &before)) {
		char had_hex[GIT_OID_HEXSZ + 1], now_hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(had_hex, sizeof(had_hex), &before);
		git_oid_tostr(now_hex, sizeof(now_hex), theirs);
		/* Keep what was taken, so that every later sync refuses too. */
		const char *back[] = {"update-ref", ref, had_hex, NULL};
		git_run(repo_gitdir(s->repo), back, NULL, NULL);
		rc = cb_fail(err, CB_EINVALID, "%s rewrote its history: its main (%.7s) no longer "
			     "holds %.7s, the last commit this board took from it; nothing changed "
			     "here. Ask that office what happened; once agreed, `coboard remote "
			     "remove %s` and add it again", name, now_hex, had_hex, name);
	}
	free(ref);
	sb_free(&refspec);
	sb_free(&errors);
	return rc;
}

/* The other side must be a board: its branch holds a board.conf that parses. */
static int check_is_board(struct session *s, const char *name, const git_oid *theirs,
			  struct cb_error *err)
{
	struct strbuf text = {0};
	struct board board;
	struct cb_error perr = {0};
	bool found = false;
	int rc = 0;

	if (repo_read(s->repo, theirs, "board.conf", &text, &found, err) < 0) {
		sb_free(&text);
		return -1;
	}
	if (!found)
		rc = cb_fail(err, CB_EINVALID, "%s is not a coboard board (its branch main has no "
			     "board.conf); nothing changed here", name);
	else if (board_parse(&board, text.buf ? text.buf : "", text.len, &perr) < 0)
		rc = cb_fail(err, CB_EINVALID, "%s's board.conf does not parse (%s); nothing "
			     "changed here", name, perr.msg);
	if (found && rc == 0)
		board_free(&board);
	sb_free(&text);
	return rc;
}

/* The office what comes in was made at: the remote's name when it names a site of the board,
 * else the site the newest merge made there names (a Site: trailer along its main line that
 * is not this office's); "" when unknown. */
static char *their_site(struct session *s, const char *name, const git_oid *theirs)
{
	enum { LOOK_BACK = 200 };
	struct board board;
	struct cb_error ignored = {0};
	struct strbuf mine = {0};
	char *site;

	if (index_board(s->index, &board, &ignored) == 0 && board_site(&board, name)) {
		board_free(&board);
		return xstrdup(name);
	}
	board_free(&board);
	repo_config_get(s->repo, "coboard.site", &mine);
	site = repo_recent_trailer(s->repo, theirs, "Site", sb_str(&mine), LOOK_BACK);
	sb_free(&mine);
	return site;
}

static void merge_message(struct session *s, const char *name, const git_oid *theirs,
			  const struct sync_result *r, const struct merge_plan *plan,
			  struct strbuf *msg)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *full = sync_remote_url(s, name);
	char *url = full ? sync_url_shown(full) : NULL;
	char *office = their_site(s, name, theirs);

	free(full);
	git_oid_tostr(hex, sizeof(hex), theirs);
	/* The subject names the office the changes come from: its site, where the remote is
	 * called otherwise. */
	sb_printf(msg, UNTRANSLATED("Sync with %s"), name);
	if (*office && strcmp(office, name) != 0)
		sb_printf(msg, " (site %s)", office);
	sb_printf(msg, ": %zu change%s in, %zu out\n\n", r->in, r->in == 1 ? "" : "s", r->out);
	free(office);
	if (plan->conflicts.n) {
		sb_puts(msg,
			UNTRANSLATED(
				"Both offices changed the same field; the value not kept is set aside on:"));
		for (size_t i = 0; i < plan->conflicts.n; i++)
			sb_printf(msg, "%s %s", i ? "," : "", plan->conflicts.v[i]);
		sb_puts(msg, "\n\n");
	}
	if (plan->renumbered.n) {
		sb_puts(msg,
			UNTRANSLATED(
				"Both offices made a card under one id; the other office's card came in "
				"under a new id:"));
		for (size_t i = 0; i < plan->renumbered.n; i++) {
			int was = 0, now = 0;
			sscanf(plan->renumbered.v[i], "%d %d", &was, &now);
			sb_printf(msg, "%s #%d as #%d", i ? "," : "", was, now);
		}
		sb_puts(msg, "\n\n");
	}
	sb_printf(msg, "Merged-From: %s %s\nMerged-Commit: %s\n", name, url ? url : "", hex);
	struct strbuf site = {0};
	if (repo_config_get(s->repo, "coboard.site", &site))
		sb_printf(msg, "Site: %s\n", sb_str(&site));
	sb_free(&site);
	for (size_t i = 0; i < plan->conflicts.n; i++)
		sb_printf(msg, "Conflict: %s\n", plan->conflicts.v[i]);
	for (size_t i = 0; i < plan->renumbered.n; i++) {
		int was = 0, now = 0;
		sscanf(plan->renumbered.v[i], "%d %d", &was, &now);
		sb_printf(msg, "Renumbered: #%d #%d\n", was, now);
	}
	sb_printf(msg, "Op: sync\nMember: %s\n", s->login);
	free(url);
}

/* The commit both boards should hold: ours, theirs (a fast-forward) or a new merge of both,
 * checked as a push to this board would be. */
static int prepare_target(struct session *s, const char *name, const git_oid *ours,
			  const git_oid *theirs, git_oid *target, struct sync_result *r,
			  struct cb_error *err)
{
	struct merge_plan plan;
	struct strbuf msg = {0};
	int rc = -1;

	if (repo_count_between(s->repo, ours, theirs, &r->in, err) < 0 ||
	    repo_count_between(s->repo, theirs, ours, &r->out, err) < 0 ||
	    merge_plan(s->repo, ours, theirs, &plan, err) < 0) {
		cb_error_prefix(err, "cannot sync: ");
		return -1;
	}
	*target = plan.kind == MERGE_UP_TO_DATE ? *ours : *theirs;
	r->merged = plan.kind == MERGE_COMMIT;
	if (plan.kind == MERGE_COMMIT) {
		struct identity who = {s->login, s->name, s->email};

		merge_message(s, name, theirs, r, &plan, &msg);
		if (repo_write_commit(s->repo, ours, theirs, plan.updates, plan.n, &who, sb_str(&msg),
				      target, err) < 0)
			goto out;
		for (size_t i = 0; i < plan.conflicts.n; i++)
			sv_push(&r->conflicts, plan.conflicts.v[i]);
		sv_copy(&r->renumbered, &plan.renumbered);
	}
	/* Merged or fast-forwarded, what comes in is checked as a push to this board is. */
	if (plan.kind != MERGE_UP_TO_DATE) {
		struct strvec problems = {0};
		int checked = check_commits(s->repo, ours, target, &problems, err);
		if (checked == 0 && problems.n)
			cb_fail(err, CB_EINVALID, "what %s brings would break the board (%s%s); "
				"nothing changed here", name, problems.v[0],
				problems.n > 1 ? ", ..." : "");
		sv_free(&problems);
		if (checked < 0 || err->code)
			goto out;
	}
	rc = 0;
out:
	merge_plan_free(&plan);
	sb_free(&msg);
	return rc;
}

/* Pushes target to name's main: 0, 1 when name moved meanwhile (fetch and merge again), -1
 * when it refused. */
static int push(struct session *s, const char *name, const git_oid *target, struct cb_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	struct strbuf refspec = {0}, errors = {0};
	int rc = 0;

	git_oid_tostr(hex, sizeof(hex), target);
	sb_printf(&refspec, "%s:refs/heads/main", hex);
	/* The program run for the other side is git's own, whatever the config names. */
	const char *argv[] = {"push", "--quiet", "--receive-pack=git-receive-pack", "--", name,
			      sb_str(&refspec), NULL};
	int status = git_run(repo_gitdir(s->repo), argv, NULL, &errors);
	if (status != 0) {
		if (status > 0 && (strstr(sb_str(&errors), UNTRANSLATED("fetch first")) ||
				   strstr(sb_str(&errors), "non-fast-forward") ||
				   strstr(sb_str(&errors), UNTRANSLATED("cannot lock ref")) ||
				   strstr(sb_str(&errors), UNTRANSLATED("failed to update ref")) ||
				   strstr(sb_str(&errors), UNTRANSLATED("failed to lock"))))
			rc = 1; /* the other board moved, or was being written: again */
		else {
			/* The remote's own words (its hook's "remote: ..." lines) say why. */
			struct strbuf why = {0};
			char *lines = xstrdup(sb_str(&errors));
			for (char *line = strtok(lines, "\n"); line; line = strtok(NULL, "\n"))
				if (strncmp(line, "remote: ", 8) == 0 && line[8])
					sb_printf(&why, "%s%s", why.len ? "; " : "", line + 8);
			free(lines);
			rc = cb_fail(err, CB_EDENIED, "%s refused the changes: %s; nothing changed here",
				     name, why.len ? sb_str(&why)
						   : status < 0 ? _("git is not installed")
								: git_error_line(&errors));
			sb_free(&why);
		}
	}
	sb_free(&refspec);
	sb_free(&errors);
	return rc;
}

int sync_with(struct session *s, const char *name, struct sync_result *r, struct cb_error *err)
{
	struct board board;
	const char *denied;

	memset(r, 0, sizeof(*r));
	if (sync_check_name(name, err) < 0 || index_board(s->index, &board, err) < 0)
		return -1;
	denied = board_may_sync(&board, s->login);
	board_free(&board);
	if (denied)
		return cb_fail(err, CB_EDENIED, "%s may not sync: %s", s->login, denied);
	char *url = sync_remote_url(s, name);
	bool known = url != NULL;
	free(url);
	if (!known)
		return cb_fail(err, CB_ENOTFOUND, "there is no remote %s (`coboard remote list` shows "
			       "them)", name);
	for (int attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
		git_oid ours, theirs, target;
		struct op_result res;
		int rc;

		sync_result_free(r);
		memset(r, 0, sizeof(*r));
		if (fetch(s, name, &theirs, err) < 0 || check_is_board(s, name, &theirs, err) < 0 ||
		    repo_tip(s->repo, &ours, err) < 0 ||
		    prepare_target(s, name, &ours, &theirs, &target, r, err) < 0)
			return -1;
		if (!git_oid_equal(&target, &theirs) && (rc = push(s, name, &target, err)) != 0) {
			if (rc < 0)
				return -1;
			wait_before_retry(attempt);
			continue;
		}
		if (!git_oid_equal(&target, &ours) && ops_advance(s, &ours, &target, &res, err) < 0) {
			if (err->code != CB_ECONFLICT)
				return -1;
			cb_error_clear(err); /* a local change meanwhile: merge it too */
			wait_before_retry(attempt);
			continue;
		}
		git_oid_tostr(r->tip, sizeof(r->tip), &target);
		sync_record(repo_gitdir(s->repo), name, r);
		/* The other office's minutes get their tags here too (also those its own sync
		 * pushed here), as each board makes its own: tags are never fetched, so a tag of
		 * this board is never overwritten. */
		struct cb_error ignored = {0};
		if (index_refresh(s->index, &ignored) == 0)
			meeting_repair_tags(s, true, NULL, &ignored);
		return 0;
	}
	return cb_fail(err, CB_ECONFLICT, "both boards kept changing during the sync with %s "
		       "(%d tries in about a minute); try again when they are quieter", name,
		       SYNC_ATTEMPTS);
}


/* The same from git, for a branch that moved to another office's merge holding the old tip
 * on a side: the commits the new tip has and the old one has not. */
static int arrivals_in_git(struct session *s, const char *old_tip, struct index_arrivals *in,
			   struct cb_error *err)
{
	const char *keys[] = {"Op", "Site", "Merged-From"};
	struct strbuf *values[] = {&in->merge_op, &in->site, &in->merged_from};
	struct strbuf merge = {0};
	git_oid from, to;
	int rc = -1;

	if (git_oid_fromstr(&from, old_tip) == 0 &&
	    git_oid_fromstr(&to, index_tip(s->index)) == 0 &&
	    repo_arrivals(s->repo, &from, &to, &in->count, &in->author, &in->subject, &merge,
			  err) == 0) {
		for (size_t i = 0; i < 3; i++) {
			char *value = history_trailer(sb_str(&merge), keys[i]);
			sb_add(values[i], value, strcspn(value, " "));
			free(value);
		}
		rc = 0;
	}
	sb_free(&merge);
	return rc;
}

bool sync_arrival(struct session *s, const char *old_tip, struct arrival *out)
{
	struct index_arrivals in;
	struct strbuf here = {0};
	struct cb_error err = {0};
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (index_arrivals(s->index, old_tip, &in, &err) < 0 ||
	    (!in.on_main_line && arrivals_in_git(s, old_tip, &in, &err) < 0) || !in.count ||
	    strcmp(sb_str(&in.merge_op), "sync") != 0)
		goto out;
	out->count = in.count;
	sb_puts(&out->author, sb_str(&in.author));
	sb_puts(&out->subject, sb_str(&in.subject));
	repo_config_get(s->repo, "coboard.site", &here);
	/* Merged here: the changes came from the remote; merged there: from that office. */
	snprintf(out->office, sizeof(out->office), "%s",
		 !in.site.len || strcmp(sb_str(&in.site), sb_str(&here)) == 0
			 ? sb_str(&in.merged_from)
			 : sb_str(&in.site));
	found = *out->office != '\0';
out:
	index_arrivals_free(&in);
	sb_free(&here);
	return found;
}

void arrival_free(struct arrival *a)
{
	sb_free(&a->author);
	sb_free(&a->subject);
}
