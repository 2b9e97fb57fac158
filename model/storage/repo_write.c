/* Writing: objects that are really on disk, commits, and the branch moved by compare-and-swap
 * past a ref lock a killed writer left. */
#include "repo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A ref lock older than this, found while coboard holds its own writer lock, was left by a
 * killed process: live git writers hold it for milliseconds. */
enum { STALE_LOCK_SECONDS = 2 };

/* Removes refs/heads/main.lock when it is old enough to have been left by a killed writer. */
static bool clear_stale_ref_lock(struct repo *repo)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s%s.lock", repo->gitdir, REPO_BRANCH);
	if (stat(path, &st) < 0)
		return errno == ENOENT; /* gone meanwhile: just retry */
	if (time(NULL) - st.st_mtime < STALE_LOCK_SECONDS)
		return false;
	return unlink(path) == 0;
}

static int move_branch_locked(struct repo *repo, const git_oid *parent,
			      const git_oid *commit_id, struct cb_error *err);

static int move_branch(struct repo *repo, const git_oid *parent, const git_oid *commit_id,
		       struct cb_error *err)
{
	if (repo_lock_commits(repo, err) < 0)
		return -1;
	int rc = move_branch_locked(repo, parent, commit_id, err);
	repo_unlock_commits(repo);
	return rc;
}

static int move_branch_locked(struct repo *repo, const git_oid *parent,
			      const git_oid *commit_id, struct cb_error *err)
{
	/* Up to STALE_LOCK_SECONDS + 1 of waiting for a live holder of the ref lock. */
	for (int attempt = 0; attempt < (STALE_LOCK_SECONDS + 1) * 20; attempt++) {
		git_reference *ref = NULL;
		int rc = git_reference_create_matching(&ref, repo_git(repo), REPO_BRANCH, commit_id, 1,
						       parent, NULL);

		git_reference_free(ref);
		if (rc == 0)
			return 0;
		if (rc == GIT_EMODIFIED)
			return cb_fail(err, CB_ECONFLICT, "the board changed while saving; try again");
		if (rc != GIT_ELOCKED)
			return repo_git_fail(err, "cannot move the branch");
		if (!clear_stale_ref_lock(repo)) {
			struct timespec pause = {0, 50 * 1000 * 1000};
			nanosleep(&pause, NULL);
		}
	}
	return cb_fail(err, CB_ELOCKED,
		       "git's lock %s%s.lock stays in place; if no git process is running, "
		       "remove it",
		       repo->gitdir, REPO_BRANCH);
}

/* Writes the objects of a commit. A `git gc` or `git prune-packed` run beside coboard may
 * remove an emptied objects/xx directory between libgit2 making it and renaming a new object
 * into it (git itself retries there; libgit2 does not): such an attempt is made again. */
static int write_commit(struct repo *repo, const git_oid *parent, const git_oid *second,
			const struct file_update *updates, size_t nupdates,
			const struct identity *who, const char *message, git_oid *out,
			struct cb_error *err);

enum { OBJECT_LOST = -2 }; /* write_commit: written, yet not on disk: write again */
enum { OBJECT_WRITE_TRIES = 5 };

/* Whether an object write that just failed is made again: git's prune can take an object's
 * directory away between libgit2 making it and writing into it, an error of the system's. */
static bool write_again(int attempt)
{
	const git_error *e = git_error_last();

	return attempt < OBJECT_WRITE_TRIES && e && e->klass == GIT_ERROR_OS;
}

int repo_write_commit(struct repo *repo, const git_oid *parent, const git_oid *second,
		      const struct file_update *updates, size_t nupdates, const struct identity *who,
		      const char *message, git_oid *out, struct cb_error *err)
{
	for (int attempt = 1;; attempt++) {
		struct cb_error attempt_err = {0};
		int rc = write_commit(repo, parent, second, updates, nupdates, who, message, out,
				      &attempt_err);

		if (rc == 0)
			return 0;
		if (rc == OBJECT_LOST ? attempt == OBJECT_WRITE_TRIES : !write_again(attempt)) {
			*err = attempt_err;
			return -1;
		}
	}
}

int repo_store_files(struct repo *repo, const struct file_update *updates, size_t n,
		     struct cb_error *err)
{
	for (size_t i = 0; i < n; i++) {
		git_oid id;

		/* Made again when git's prune took the object's directory away meanwhile, as in
		 * write_commit; one reported written yet gone is written again by the commit. */
		for (int attempt = 1; updates[i].content; attempt++) {
			if (git_blob_create_from_buffer(&id, repo_git(repo), updates[i].content,
							updates[i].len) == 0)
				break;
			if (!write_again(attempt))
				return repo_git_fail(err, "cannot write a blob");
		}
	}
	return 0;
}

int repo_commit(struct repo *repo, const git_oid *parent, const struct file_update *updates,
		size_t nupdates, const struct identity *who, const char *message, git_oid *out,
		struct cb_error *err)
{
	if (repo_write_commit(repo, parent, NULL, updates, nupdates, who, message, out, err) < 0)
		return -1;
	return move_branch(repo, parent, out, err);
}

int repo_move_branch(struct repo *repo, const git_oid *from, const git_oid *to,
		     struct cb_error *err)
{
	return move_branch(repo, from, to, err);
}

/* Whether object id is in the repository on disk: its loose file, or, through an object
 * database opened anew (with no cache; opened on the first need, *fresh, freed by the
 * caller), a pack. */
static bool object_stored(struct repo *repo, const git_oid *id, git_odb **fresh)
{
	char hex[GIT_OID_HEXSZ + 1], path[4096];
	struct stat st;

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%sobjects/%.2s/%s", repo->gitdir, hex, hex + 2);
	if (stat(path, &st) == 0)
		return true;
	snprintf(path, sizeof(path), "%sobjects", repo->gitdir);
	if (!*fresh && git_odb_open(fresh, path) < 0) {
		*fresh = NULL;
		return false;
	}
	return git_odb_exists(*fresh, id);
}

/* libgit2 (1.5) can report an object written when git's prune removed the object's
 * directory between its mkdir and its link: the branch would then point at nothing. Every
 * object this commit wrote (the commit, its trees down to each file, each file) is looked for
 * on disk before the branch moves to it. */
static bool commit_stored(struct repo *repo, const git_oid *commit, git_tree *tree,
			  const struct file_update *updates, size_t nupdates)
{
	git_odb *fresh = NULL;
	bool stored = object_stored(repo, commit, &fresh) &&
		      object_stored(repo, git_tree_id(tree), &fresh);

	for (size_t i = 0; stored && i < nupdates; i++) {
		git_tree_entry *entry = NULL;
		char dir[1024];
		const char *slash = strrchr(updates[i].path, '/');
		bool ok = true;

		if (slash) {
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - updates[i].path), updates[i].path);
			if (git_tree_entry_bypath(&entry, tree, dir) == 0)
				ok = object_stored(repo, git_tree_entry_id(entry), &fresh);
			git_tree_entry_free(entry);
			entry = NULL;
		}
		if (ok && updates[i].content && git_tree_entry_bypath(&entry, tree, updates[i].path) == 0)
			ok = object_stored(repo, git_tree_entry_id(entry), &fresh);
		git_tree_entry_free(entry);
		stored = ok;
	}
	git_odb_free(fresh);
	return stored;
}

static int write_commit(struct repo *repo, const git_oid *parent, const git_oid *second,
			const struct file_update *updates, size_t nupdates,
			const struct identity *who, const char *message, git_oid *out,
			struct cb_error *err)
{
	git_commit *parents[2] = {NULL, NULL};
	git_commit *parent_commit = NULL;
	git_tree *parent_tree = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id;
	int rc = -1;

	if (repo_lookup_commit(&parent_commit, repo_git(repo), parent) < 0 ||
	    git_commit_tree(&parent_tree, parent_commit) < 0) {
		repo_git_fail(err, "cannot read the board's last commit");
		goto out;
	}
	if (repo_build_tree(repo_git(repo), parent_tree, updates, nupdates, &tree_id, err) < 0)
		goto out;
	if (git_tree_lookup(&tree, repo_git(repo), &tree_id) < 0) {
		repo_git_fail(err, "cannot read the new tree");
		rc = OBJECT_LOST; /* written, then gone: see commit_stored */
		goto out;
	}
	if (repo_signature(&sig, who, err) < 0)
		goto out;
	parents[0] = parent_commit;
	if (second && repo_lookup_commit(&parents[1], repo_git(repo), second) < 0) {
		repo_git_fail(err, "cannot read the commit to merge");
		goto out;
	}
	if (git_commit_create(out, repo_git(repo), NULL, sig, sig, "UTF-8", message, tree,
			      second ? 2 : 1, (const git_commit **)parents) < 0) {
		repo_git_fail(err, "cannot write the commit");
		goto out;
	}
	if (!commit_stored(repo, out, tree, updates, nupdates)) {
		cb_fail(err, CB_EFAIL, "an object of the new commit went missing while git packed "
			"the board; try again");
		rc = OBJECT_LOST;
		goto out;
	}
	rc = 0;
out:
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_commit_free(parent_commit);
	git_commit_free(parents[1]);
	return rc;
}
