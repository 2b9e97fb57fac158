/* The commit lock: coboard writers take turns only between reading the branch's tip and
 * moving it. Everything else a change does (reading the board, checking permissions,
 * writing the card's blob, updating the index) happens outside it, so writers at once
 * queue for milliseconds, not for each other's whole command. The kernel drops the lock of
 * a killed writer; the branch's compare-and-swap still guards against git itself. */
#include "repo_internal.h"
#include "file_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int repo_lock_commits(struct repo *repo, struct cb_error *err)
{
	char path[4096];

	if (repo->commit_lock_depth++ > 0)
		return 0;
	repo_prepare_writes(repo); /* a shared board's lock file is its group's too */
	snprintf(path, sizeof(path), "%scoboard-commit.lock", repo->gitdir);
	repo->commit_lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (repo->commit_lock_fd < 0) {
		repo->commit_lock_depth = 0;
		return cb_fail(err, CB_EFAIL, "cannot open %s: %s; the board's directory must be "
			       "writable by its members", path, strerror(errno));
	}
	int rc = 0;

	if (file_lock_wait(repo->commit_lock_fd, file_lock_timeout_ms()) < 0)
		rc = errno == EINTR
			     ? cb_fail(err, CB_ELOCKED,
				       "another writer holds the board and did not finish in time; try "
				       "again (a stuck process can be found with `fuser %s`)",
				       path)
			     : cb_fail(err, CB_EFAIL, "cannot lock %s: %s", path, strerror(errno));
	if (rc < 0) {
		close(repo->commit_lock_fd);
		repo->commit_lock_fd = -1;
		repo->commit_lock_depth = 0;
		return -1;
	}
	return 0;
}

void repo_unlock_commits(struct repo *repo)
{
	if (repo->commit_lock_depth == 0 || --repo->commit_lock_depth > 0)
		return;
	close(repo->commit_lock_fd); /* closing drops the flock */
	repo->commit_lock_fd = -1;
}

/* The blob id of path in tree, or false when it is absent. */
static bool entry_id(git_tree *tree, const char *path, git_oid *out)
{
	git_tree_entry *entry = NULL;
	bool found = git_tree_entry_bypath(&entry, tree, path) == 0;

	if (found)
		git_oid_cpy(out, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	return found;
}

static bool same_entry(bool found_a, const git_oid *a, bool found_b, const git_oid *b)
{
	return found_a == found_b && (!found_a || git_oid_equal(a, b));
}

bool repo_same_card_and_board(struct repo *repo, const git_oid *a, const git_oid *b, int card)
{
	git_commit *ca = NULL, *cb = NULL;
	git_tree *ta = NULL, *tb = NULL;
	git_oid ia, ib;
	bool same = false;

	if (git_oid_equal(a, b))
		return true;
	if (repo_lookup_commit(&ca, repo_git(repo), a) == 0 && git_commit_tree(&ta, ca) == 0 &&
	    repo_lookup_commit(&cb, repo_git(repo), b) == 0 && git_commit_tree(&tb, cb) == 0) {
		char pa[32], pb[32];
		bool fa = repo_card_in_tree(ta, card, pa, &ia), fb = repo_card_in_tree(tb, card, pb, &ib);

		same = same_entry(fa, &ia, fb, &ib);
		if (same) {
			fa = entry_id(ta, "board.conf", &ia);
			fb = entry_id(tb, "board.conf", &ib);
			same = same_entry(fa, &ia, fb, &ib);
		}
	}
	git_tree_free(ta);
	git_tree_free(tb);
	git_commit_free(ca);
	git_commit_free(cb);
	return same;
}
