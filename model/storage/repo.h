/* The board repository: a bare git repository whose refs/heads/main holds board.conf and
 * cards/<id>.card. Everything that touches libgit2 for reading trees and writing commits
 * lives here. */
#ifndef COBOARD_REPO_H
#define COBOARD_REPO_H

#ifdef COBOARD_FRONT_END
#error "repo.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "git_api.h"
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "error.h"
#include "file_update.h"
#include "oid.h"
#include "strbuf.h"

/* The model's door between libgit2's ids and its own (model/rules/oid.h). */
_Static_assert(sizeof(git_oid) == sizeof(struct cb_oid), "libgit2 built with SHA-256 ids");
static inline void oid_from_git(struct cb_oid *out, const git_oid *in)
{
	memcpy(out->id, in->id, CB_OID_RAWSZ);
}
static inline void oid_to_git(git_oid *out, const struct cb_oid *in)
{
	memcpy(out->id, in->id, CB_OID_RAWSZ);
}

#define REPO_BRANCH "refs/heads/main"

/* An open board repository; only repo.c sees inside. */
struct repo;

struct identity {
	const char *login; /* the acting member */
	const char *name;
	const char *email;
	long long when; /* the commit's time, seconds since the epoch; 0: now */
};


/* Once per process: libgit2 set-up, with object and ref fsync on. */
void repo_global_init(void);
void repo_global_shutdown(void);

int repo_open(struct repo **out, const char *path, struct cb_error *err);
void repo_free(struct repo *repo);

/* The repository's directory, with a trailing slash. */
const char *repo_gitdir(const struct repo *repo);
/* Applies the repository's settings for files written in it (core.sharedRepository makes
 * them group-writable) before something is first written there; opening the board reads
 * none of git, so a read the index answers costs no libgit2. */
void repo_prepare_writes(struct repo *repo);

/* A commit's time (commit time, seconds since the epoch) and its whole message (appended). */
int repo_commit_time(struct repo *repo, const git_oid *commit, long long *time,
		     struct cb_error *err);
int repo_commit_message(struct repo *repo, const git_oid *commit, struct strbuf *out,
			struct cb_error *err);

/* Creates a bare repository at path with one root commit holding files. Fails if path
 * already holds a repository. shared_group makes it writable by the directory's group. */
int repo_init(const char *path, const struct file_update *files, size_t nfiles,
	      const struct identity *who, const char *message, bool shared_group,
	      struct cb_error *err);

/* After a change: when many loose objects have gathered, packs them with git in a detached
 * process (repo_pack.c); COBOARD_NO_PACK=1 turns this off. */
void repo_pack_if_due(struct repo *repo, const git_oid *commit);

/* The commit refs/heads/main points at. */
int repo_tip(struct repo *repo, git_oid *out, struct cb_error *err);

/* Reads path in commit's tree into out; *found is false (and 0 returned) if absent. */
int repo_read(struct repo *repo, const git_oid *commit, const char *path, struct strbuf *out,
	      bool *found, struct cb_error *err);

/* The commit lock, held by one coboard writer at a time from reading the branch's tip to
 * moving it (repo_commit and the other writers of the branch take it themselves; a caller
 * takes it around them to decide on the tip it will commit on). Taken again by its holder,
 * it nests. */
int repo_lock_commits(struct repo *repo, struct cb_error *err);
void repo_unlock_commits(struct repo *repo);
/* Whether card and board.conf are the same files at commits a and b. */
bool repo_same_card_and_board(struct repo *repo, const git_oid *a, const git_oid *b, int card);

/* Writes a commit on top of parent with the updates applied and moves refs/heads/main to it
 * only if it still points at parent. Returns -1 with CB_ECONFLICT when the branch moved. */
int repo_commit(struct repo *repo, const git_oid *parent, const struct file_update *updates,
		size_t nupdates, const struct identity *who, const char *message, git_oid *out,
		struct cb_error *err);

/* Writes the new contents of updates as git objects, before a commit that will hold them:
 * an object already written costs the commit only a look (git objects are named by their
 * content, so one written for a commit that is then not made is garbage, nothing more). */
int repo_store_files(struct repo *repo, const struct file_update *updates, size_t n,
		     struct cb_error *err);

/* Writes the objects of a commit on top of parent (and second, for a merge) with the updates
 * applied, without moving any branch. */
int repo_write_commit(struct repo *repo, const git_oid *parent, const git_oid *second,
		      const struct file_update *updates, size_t nupdates, const struct identity *who,
		      const char *message, git_oid *out, struct cb_error *err);
/* Moves refs/heads/main from from to to, only if it still points at from (CB_ECONFLICT). */
/* Moves every card kept as cards/<id>.card (boards made before folders) into its folder
 * in one commit on tip, and the branch to it; *moved is false when there was none. */
int repo_move_into_folders(struct repo *repo, const git_oid *tip, const struct identity *who,
			   const char *message, git_oid *out, bool *moved, struct cb_error *err);
int repo_move_branch(struct repo *repo, const git_oid *from, const git_oid *to,
		     struct cb_error *err);

/* Where the histories of a and b meet (several after criss-cross merges; none when they are
 * unrelated). Caller frees *bases. */
int repo_merge_bases(struct repo *repo, const git_oid *a, const git_oid *b, git_oid **bases,
		     size_t *n, struct cb_error *err);
/* How many commits to has that from (NULL: none) has not, merges aside. */
int repo_count_between(struct repo *repo, const git_oid *from, const git_oid *to, size_t *n,
		       struct cb_error *err);
/* The value of trailer key ("Site") in the newest of at most limit commits along tip's first
 * parents whose value is not skip; "" when none is. Caller frees. */
char *repo_recent_trailer(struct repo *repo, const git_oid *tip, const char *key, const char *skip,
			  size_t limit);
/* What arrived between from and to (commits to has and from has not): how many changes (merges
 * aside), the newest one's author and subject, and the newest merge's whole message. */
int repo_arrivals(struct repo *repo, const git_oid *from, const git_oid *to, size_t *count,
		  struct strbuf *author, struct strbuf *subject, struct strbuf *merge_message,
		  struct cb_error *err);
/* The commits to holds that neither from (NULL: none) nor the board's branch holds, oldest
 * first: what a push or a sync brings. Caller frees *ids. */
int repo_new_commits(struct repo *repo, const git_oid *from, const git_oid *to, git_oid **ids,
		     size_t *n, struct cb_error *err);
/* Whether commit is ancestor or holds it in its history. */
bool repo_descends_from(struct repo *repo, const git_oid *commit, const git_oid *ancestor);
/* The commits a merge brought in (reachable from its other parents, not from its first),
 * oldest first. Caller frees *ids. */
int repo_side_commits(struct repo *repo, const git_oid *merge, git_oid **ids, size_t *n,
		      struct cb_error *err);

/* One commit's change as seen by the index. Blob contents are NUL-terminated copies. A card
 * blob over CARD_FILE_MAX is never read: its text is NULL and too_big holds its size. */
struct file_change {
	char *path;
	char *old_text, *new_text; /* NULL when the file did not exist on that side */
	size_t old_len, new_len;
	size_t too_big; /* the new side's size when it was over the limit, else 0 */
};

/* The parents of an octopus merge the index compares beyond its first (git allows more; a
 * merge of more branches records the changes of those past this as the merge's own). */
enum { COMMIT_OTHER_PARENTS_MAX = 16 };

struct commit_info {
	char oid[GIT_OID_HEXSZ + 1];
	long long time; /* seconds since the epoch, commit time (author times lie after rebases) */
	char *author_name, *author_email;
	char *message;
	struct file_change *changes;
	size_t nchanges;
	git_oid first_parent; /* zero for a root commit */
	bool merge; /* more than one parent: other_parents are the second and the rest */
	git_oid other_parents[COMMIT_OTHER_PARENTS_MAX];
	size_t nother_parents;
	git_commit *commit; /* owns the strings above */
};

/* The commit with the files it changed relative to its first parent (board.conf, other
 * top-level files and cards/). A blob that cannot be read is an error naming the file. */
int repo_commit_info(struct repo *repo, const git_oid *commit, struct commit_info *info,
		     struct cb_error *err);
/* The files that differ between the trees of two commits (from NULL: an empty tree), in
 * info->changes; the other fields of info are left empty. */
int repo_tree_changes(struct repo *repo, const git_oid *from, const git_oid *to,
		      struct commit_info *info, struct cb_error *err);
void commit_info_free(struct commit_info *info);

/* The first-parent chain of tip, newest first, up to but not including the first commit
 * for which known() is true: that commit goes to *base (and *has_base is set), else the
 * chain runs to the root. The board's history is this chain, whatever merges it holds.
 * Caller frees *ids. */
typedef bool (*known_fn)(const git_oid *commit, void *ctx);
int repo_first_parents(struct repo *repo, const git_oid *tip, known_fn known, void *ctx,
		       git_oid **ids, size_t *n, git_oid *base, bool *has_base,
		       struct cb_error *err);

/* Lists the card paths in commit's tree: files in cards/ and in its folders (anything
 * deeper is listed as the folder, for fsck to name). */
/* Where card id is in commit's tree: in its folder, or where a board made before folders
 * keeps it (cards/<id>.card); its folder when it is in neither. */
void repo_card_path_at(struct repo *repo, const git_oid *commit, int id, char out[32]);
int repo_list_cards(struct repo *repo, const git_oid *commit, struct strvec *paths,
		    struct cb_error *err);
/* Raises *max to the highest card id in commit's tree (commit NULL: no board yet). */
int repo_highest_card(struct repo *repo, const git_oid *commit, int *max, struct cb_error *err);

/* The unified diff commit made to path (against its first parent), appended to out. */
int repo_diff_path(struct repo *repo, const char *commit, const char *path, struct strbuf *out,
		   struct cb_error *err);

/* True when the board is a mirror of another (`git clone --mirror`, or coboard.mirrorOf set):
 * its branch follows that board, so changes must be made there. url receives where. */
bool repo_mirror_of(struct repo *repo, struct strbuf *url);

/* Installs hooks/NAME with script as its text, executable (by the group too on a shared
 * board), replacing any hook of that name. */
int repo_install_hook(struct repo *repo, const char *name, const char *script,
		      struct cb_error *err);

/* The branch was found moved backwards: from had (a commit the board held) to now, which
 * does not hold it. Kept in <gitdir>coboard-rewound for fsck. */
void repo_note_rewound(struct repo *repo, const char *had, const char *now);
/* Those records whose commit the branch still does not hold: "HAD NOW EPOCH" lines. */
void repo_rewound_commits(struct repo *repo, struct strvec *lost);

/* On a board shared by a group, what makes git run code (hooks/ and config) stays writable
 * by the board's owner only: a member of the group cannot plant a hook another member's
 * git would run. */
int repo_protect_code(struct repo *repo, struct cb_error *err);

/* Inside a pre-receive hook, git keeps the pushed objects in a quarantine directory
 * ($GIT_OBJECT_DIRECTORY) that libgit2 does not look in by itself: adds it. */
int repo_add_pushed_objects(struct repo *repo, struct cb_error *err);

/* Makes the lightweight tag refs/tags/name point at commit unless it exists; *made (optional)
 * tells whether it was missing. */
int repo_ensure_tag(struct repo *repo, const char *name, const git_oid *commit, bool *made,
		    struct cb_error *err);

/* The repository's own config (never the user's): 1 and the value appended to out when key
 * is set, else 0. */
int repo_config_get(struct repo *repo, const char *key, struct strbuf *out);
int repo_config_set(struct repo *repo, const char *key, const char *value, struct cb_error *err);
/* The board's git remotes (other offices, or the board it was cloned from): their names and
 * URLs, appended side by side. */
void repo_remotes(struct repo *repo, struct strvec *names, struct strvec *urls);
bool repo_has_remotes(struct repo *repo);

/* Resolves "HEAD~3", an abbreviated id, a tag ... to a commit. */
int repo_resolve(struct repo *repo, const char *spec, git_oid *out, struct cb_error *err);

#endif
