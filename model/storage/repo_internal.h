/* What the repository's files share: repo.c (opening, reading), repo_write.c (committing), repo_walk.c and
 * repo_history.c (walking and comparing commits), repo_config.c (settings, hooks, tags),
 * repo_folders.c (the move into folders), repo_lock.c, repo_pack.c; nothing outside
 * model/storage/repo*.c sees inside struct repo. */
#ifndef COBOARD_REPO_INTERNAL_H
#define COBOARD_REPO_INTERNAL_H

#ifdef COBOARD_FRONT_END
#error "repo_internal.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "repo.h"

struct repo {
	git_repository *git; /* NULL until repo_git opens it */
	bool git_failed;
	char *gitdir;    /* with a trailing slash, as libgit2 reports it */
	char *mirror_of; /* the board this one mirrors, NULL when it is no mirror */
	int commit_lock_fd, commit_lock_depth; /* repo_lock_commits, taken depth times */
};

git_repository *repo_git(struct repo *repo);

/* Card id in tree, in its folder or where a board made before folders keeps it: its path
 * (its folder when it is in neither) and, when found, its blob id. */
bool repo_card_in_tree(git_tree *tree, int id, char path[32], git_oid *blob);

/* The signature of who, now; -1 with err when the identity will not do. */
int repo_signature(git_signature **sig, const struct identity *who, struct cb_error *err);

/* Builds a tree from baseline (NULL: empty) with updates applied. */
int repo_build_tree(git_repository *git, git_tree *baseline, const struct file_update *updates,
		    size_t n, git_oid *out, struct cb_error *err);

/* err from libgit2's last error, prefixed with what failed; -1. */
int repo_git_fail(struct cb_error *err, const char *what);

/* Opens the object database anew, to see packs made a moment ago by git. */
void repo_reload_objects(git_repository *git);

/* A commit lookup that survives `git gc` beside coboard (the packs are reread). */
int repo_lookup_commit(git_commit **out, git_repository *git, const git_oid *id);

/* The text of blob id, or NULL with *too_big set when a card blob is over CARD_FILE_MAX. */
int repo_blob_text(git_repository *git, const git_oid *id, const char *path, char **text,
		   size_t *len, size_t *too_big, struct cb_error *err);

#endif
