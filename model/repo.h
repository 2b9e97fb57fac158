/* The board repository: a bare git repository whose refs/heads/main holds board.conf and
 * cards/<id>.card. Everything that touches libgit2 for reading trees and writing commits
 * lives here. */
#ifndef COBOARD_REPO_H
#define COBOARD_REPO_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

#define REPO_BRANCH "refs/heads/main"

struct repo {
	git_repository *git;
	char *gitdir; /* with a trailing slash, as libgit2 reports it */
};

struct identity {
	const char *login; /* the acting member */
	const char *name;
	const char *email;
};

struct file_update {
	const char *path;
	const char *content; /* NULL removes the file */
	size_t len;
};

/* Once per process: libgit2 set-up, with object and ref fsync on. */
void repo_global_init(void);
void repo_global_shutdown(void);

int repo_open(struct repo **out, const char *path, struct cb_error *err);
void repo_free(struct repo *repo);

/* Creates a bare repository at path with one root commit holding files. Fails if path
 * already holds a repository. shared_group makes it writable by the directory's group. */
int repo_init(const char *path, const struct file_update *files, size_t nfiles,
	      const struct identity *who, const char *message, bool shared_group,
	      struct cb_error *err);

/* The commit refs/heads/main points at. */
int repo_tip(struct repo *repo, git_oid *out, struct cb_error *err);

/* Reads path in commit's tree into out; *found is false (and 0 returned) if absent. */
int repo_read(struct repo *repo, const git_oid *commit, const char *path, struct strbuf *out,
	      bool *found, struct cb_error *err);

/* Writes a commit on top of parent with the updates applied and moves refs/heads/main to it
 * only if it still points at parent. Returns -1 with CB_ECONFLICT when the branch moved. */
int repo_commit(struct repo *repo, const git_oid *parent, const struct file_update *updates,
		size_t nupdates, const struct identity *who, const char *message, git_oid *out,
		struct cb_error *err);

/* One commit's change as seen by the index. Blob contents are NUL-terminated copies. */
struct file_change {
	char *path;
	char *old_text, *new_text; /* NULL when the file did not exist on that side */
	size_t old_len, new_len;
};

struct commit_info {
	char oid[GIT_OID_HEXSZ + 1];
	long long time; /* seconds since the epoch, author time */
	char *author_name, *author_email;
	char *message;
	struct file_change *changes;
	size_t nchanges;
};

/* Calls fn for each commit reachable from to and not from from (NULL: from the root), oldest
 * first, with the files it changed relative to its first parent. fn returns non-zero to stop
 * with an error. total (optional) receives the number of commits before the first call. */
typedef int (*commit_fn)(const struct commit_info *info, void *ctx, struct cb_error *err);
int repo_walk(struct repo *repo, const git_oid *from, const git_oid *to, commit_fn fn, void *ctx,
	      size_t *total, struct cb_error *err);

/* True when ancestor is reachable from descendant (or equal). */
bool repo_is_ancestor(struct repo *repo, const git_oid *ancestor, const git_oid *descendant);

/* Lists the card paths in commit's tree. */
int repo_list_cards(struct repo *repo, const git_oid *commit, struct strvec *paths,
		    struct cb_error *err);

/* The unified diff commit made to path (against its first parent), appended to out. */
int repo_diff_path(struct repo *repo, const char *commit, const char *path, struct strbuf *out,
		   struct cb_error *err);

/* Resolves "HEAD~3", an abbreviated id, a tag ... to a commit. */
int repo_resolve(struct repo *repo, const char *spec, git_oid *out, struct cb_error *err);

#endif
