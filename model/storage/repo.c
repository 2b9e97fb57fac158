#include "repo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "card.h"

/* A ref lock older than this, found while coboard holds its own writer lock, was left by a
 * killed process: live git writers hold it for milliseconds. */
enum { STALE_LOCK_SECONDS = 2 };

/* Why the repository would not open (its path, libgit2's words), once repo_git failed: the
 * calls made with no repository afterwards only say "invalid argument". */
static char *unopened_dir, *unopened_why;

int repo_git_fail(struct cb_error *err, const char *what)
{
	const git_error *e = git_error_last();

	if (unopened_dir && e && e->klass == GIT_ERROR_INVALID)
		return cb_fail(err, CB_ECORRUPT,
			       "%s: %s will not open as a git repository (%s); check it with `git "
			       "--git-dir=%s fsck`, or restore it from a backup",
			       what, unopened_dir, unopened_why, unopened_dir);
	return cb_fail(err, CB_EFAIL, "%s: %s", what, e && e->message ? e->message : "git error");
}

void repo_global_init(void)
{
	/* libgit2 is loaded and set up on first use (git_api.c). */
}

void repo_global_shutdown(void)
{
	free(unopened_dir);
	free(unopened_why);
	unopened_dir = unopened_why = NULL;
	if (git_api_loaded())
		git_libgit2_shutdown();
}

/* libgit2 ignores core.sharedRepository: on a board made with `init --shared` every file
 * this process writes (objects, refs, the index) must be group-writable whatever the
 * user's umask, or the next member of the group cannot write. */
static void share_with_group(git_config *config)
{
	git_buf value = {0};

	if (git_config_get_string_buf(&value, config, "core.sharedrepository") == 0 &&
	    (strcmp(value.ptr, "group") == 0 || strcmp(value.ptr, "true") == 0 ||
	     strcmp(value.ptr, "1") == 0 || strcmp(value.ptr, "all") == 0 ||
	     strcmp(value.ptr, "world") == 0 || strcmp(value.ptr, "everybody") == 0 ||
	     strcmp(value.ptr, "2") == 0)) {
		mode_t mask = umask(0);
		umask(mask & ~(mode_t)070);
	}
	git_buf_dispose(&value);
}

/* The board this one mirrors (coboard.mirrorOf, or the URL of a remote with mirror = true,
 * as `git clone --mirror` sets it; "" when unknown), NULL when it is no mirror. */
static char *mirror_of(git_config *config)
{
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	git_buf value = {0};
	char *url = NULL;

	if (git_config_get_string_buf(&value, config, "coboard.mirrorof") == 0) {
		url = xstrdup(value.ptr);
	} else if (git_config_iterator_new(&it, config) == 0) {
		/* An iteration by hand: libgit2's pattern lookups leak. */
		while (!url && git_config_next(&entry, it) == 0) {
			size_t len = strlen(entry->name);
			int on = 0;
			char key[512];

			if (strncmp(entry->name, "remote.", 7) != 0 || len < 14 ||
			    strcmp(entry->name + len - 7, ".mirror") != 0 ||
			    git_config_parse_bool(&on, entry->value) < 0 || !on)
				continue;
			snprintf(key, sizeof(key), "%.*s.url", (int)(len - 7), entry->name);
			git_buf_dispose(&value);
			url = xstrdup(git_config_get_string_buf(&value, config, key) == 0 ? value.ptr
											  : "");
		}
		git_config_iterator_free(it);
	}
	git_buf_dispose(&value);
	return url;
}

/* A bare repository's marks, checked without libgit2: HEAD, objects/ and refs/. */
static bool looks_bare(const char *path)
{
	struct stat st;
	char sub[4096];

	snprintf(sub, sizeof(sub), "%s/HEAD", path);
	if (stat(sub, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	snprintf(sub, sizeof(sub), "%s/objects", path);
	if (stat(sub, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	snprintf(sub, sizeof(sub), "%s/refs", path);
	return stat(sub, &st) == 0 && S_ISDIR(st.st_mode);
}

int repo_open(struct repo **out, const char *path, struct cb_error *err)
{
	char *real = looks_bare(path) ? realpath(path, NULL) : NULL;
	struct repo *repo;

	*out = NULL;
	if (!real)
		return cb_fail(err, CB_ENOTFOUND,
			       "%s is not a coboard board (no bare git repository there); create one "
			       "with `coboard init %s`",
			       path, path);
	repo = xcalloc(1, sizeof(*repo));
	repo->commit_lock_fd = -1;
	repo->gitdir = xmalloc(strlen(real) + 2);
	sprintf(repo->gitdir, "%s/", real);
	free(real);
	*out = repo;
	return 0;
}

/* The repository through libgit2, opened on the first need (a read the index answers has
 * none); its settings are read then. NULL, with libgit2's error set, when it will not
 * open. */
git_repository *repo_git(struct repo *repo)
{
	git_config *config = NULL;

	if (repo->git || repo->git_failed)
		return repo->git;
	if (git_repository_open_bare(&repo->git, repo->gitdir) < 0) {
		const git_error *e = git_error_last();

		repo->git = NULL;
		repo->git_failed = true;
		free(unopened_dir);
		free(unopened_why);
		unopened_dir = xstrdup(repo->gitdir);
		unopened_why = xstrdup(e && e->message ? e->message : "unknown reason");
		return NULL;
	}
	if (git_repository_config_snapshot(&config, repo->git) == 0) {
		share_with_group(config);
		repo->mirror_of = mirror_of(config);
	}
	git_config_free(config);
	return repo->git;
}

void repo_prepare_writes(struct repo *repo)
{
	repo_git(repo);
}

const char *repo_gitdir(const struct repo *repo)
{
	return repo->gitdir;
}

/* A fresh look at the object database. libgit2's refresh skips the pack directory when
 * its modification time, in whole seconds, has not changed, so a pack that git made in the
 * same second as the last look stays unseen; an object database opened anew sees it. */
void repo_reload_objects(git_repository *git)
{
	git_odb *odb = NULL;
	const char *objects = git_repository_path(git);
	char path[4096];

	snprintf(path, sizeof(path), "%sobjects", objects);
	if (git_odb_open(&odb, path) == 0) {
		git_repository_set_odb(git, odb);
		git_odb_free(odb);
	}
}

/* Reads of objects race `git gc` beside coboard: an object packed and its loose copy pruned
 * a moment ago is found once libgit2 rereads the object database, which a reader does a few
 * times, a few milliseconds apart, before it calls the object missing. */
enum { PACKED_READ_TRIES = 5 };

static void before_next_read(git_repository *git)
{
	struct timespec pause = {0, 5 * 1000 * 1000};

	nanosleep(&pause, NULL);
	repo_reload_objects(git);
}

int repo_lookup_commit(git_commit **out, git_repository *git, const git_oid *id)
{
	for (int attempt = 1;; attempt++) {
		if (git_commit_lookup(out, git, id) == 0)
			return 0;
		if (attempt == PACKED_READ_TRIES)
			return -1;
		before_next_read(git);
	}
}

int repo_commit_time(struct repo *repo, const git_oid *commit, long long *time,
		     struct cb_error *err)
{
	git_commit *c = NULL;

	if (repo_lookup_commit(&c, repo_git(repo), commit) < 0)
		return repo_git_fail(err, "cannot read a commit");
	*time = (long long)git_commit_time(c);
	git_commit_free(c);
	return 0;
}

int repo_commit_message(struct repo *repo, const git_oid *commit, struct strbuf *out,
			struct cb_error *err)
{
	git_commit *c = NULL;

	if (repo_lookup_commit(&c, repo_git(repo), commit) < 0)
		return repo_git_fail(err, "cannot read a commit");
	sb_puts(out, git_commit_message(c));
	git_commit_free(c);
	return 0;
}

void repo_free(struct repo *repo)
{
	if (!repo)
		return;
	if (repo->commit_lock_fd >= 0)
		close(repo->commit_lock_fd);
	if (repo->git)
		git_repository_free(repo->git);
	free(repo->gitdir);
	free(repo->mirror_of);
	free(repo);
}

static int make_signature(git_signature **sig, const struct identity *who, struct cb_error *err)
{
	if (git_signature_now(sig, who->name, who->email) < 0)
		return repo_git_fail(err, "cannot make the commit author");
	return 0;
}

/* Builds a tree from baseline (NULL: empty) with updates applied. */
static int build_tree(git_repository *git, git_tree *baseline, const struct file_update *updates,
		      size_t n, git_oid *out, struct cb_error *err)
{
	git_tree_update *tu = xcalloc(n, sizeof(*tu));
	git_tree *empty = NULL;
	int rc = -1;

	if (!baseline) {
		git_treebuilder *tb = NULL;
		git_oid empty_id;

		if (git_treebuilder_new(&tb, git, NULL) < 0 || git_treebuilder_write(&empty_id, tb) < 0 ||
		    git_tree_lookup(&empty, git, &empty_id) < 0) {
			git_treebuilder_free(tb);
			repo_git_fail(err, "cannot make an empty tree");
			goto out;
		}
		git_treebuilder_free(tb);
		baseline = empty;
	}
	for (size_t i = 0; i < n; i++) {
		tu[i].path = updates[i].path;
		if (updates[i].content) {
			tu[i].action = GIT_TREE_UPDATE_UPSERT;
			tu[i].filemode = GIT_FILEMODE_BLOB;
			if (git_blob_create_from_buffer(&tu[i].id, git, updates[i].content,
							updates[i].len) < 0) {
				repo_git_fail(err, "cannot write a blob");
				goto out;
			}
		} else {
			tu[i].action = GIT_TREE_UPDATE_REMOVE;
		}
	}
	if (git_tree_create_updated(out, git, baseline, n, tu) < 0) {
		repo_git_fail(err, "cannot write the tree");
		goto out;
	}
	rc = 0;
out:
	git_tree_free(empty);
	free(tu);
	return rc;
}

int repo_init(const char *path, const struct file_update *files, size_t nfiles,
	      const struct identity *who, const char *message, bool shared_group,
	      struct cb_error *err)
{
	git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	git_repository *git = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, commit_id;
	int rc = -1;

	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		     GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	opts.description = "coboard board";
	if (shared_group) {
		opts.mode = GIT_REPOSITORY_INIT_SHARED_GROUP;
		/* The files and directories made now must be group-writable too. */
		mode_t mask = umask(0);
		umask(mask & ~(mode_t)070);
	}
	if (git_repository_init_ext(&git, path, &opts) < 0) {
		const git_error *e = git_error_last();
		if (e && (strstr(e->message, "exists") || strstr(e->message, "reinitialize")))
			return cb_fail(err, CB_EINVALID,
				       "%s already holds a repository; choose a new path", path);
		return repo_git_fail(err, "cannot create the repository");
	}
	if (build_tree(git, NULL, files, nfiles, &tree_id, err) < 0)
		goto out;
	if (git_tree_lookup(&tree, git, &tree_id) < 0) {
		repo_git_fail(err, "cannot read the new tree");
		goto out;
	}
	if (make_signature(&sig, who, err) < 0)
		goto out;
	/* The branch does not exist yet, so this is the one commit made without a CAS. */
	if (git_commit_create(&commit_id, git, REPO_BRANCH, sig, sig, "UTF-8", message, tree, 0,
			      NULL) < 0) {
		repo_git_fail(err, "cannot write the first commit");
		goto out;
	}
	rc = 0;
out:
	git_tree_free(tree);
	git_signature_free(sig);
	git_repository_free(git);
	return rc;
}

/* The branch's commit read as git keeps it (its file, else its line in packed-refs), with
 * no libgit2: the question every command asks first, to see whether the index is current.
 * false when the branch is kept some other way: libgit2 then answers. */
static bool read_branch_file(struct repo *repo, git_oid *out)
{
	char path[4096], line[256];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", repo->gitdir, REPO_BRANCH);
	if ((f = fopen(path, "r"))) {
		found = fgets(line, sizeof(line), f) && strlen(line) == GIT_OID_HEXSZ + 1 &&
			git_oid_fromstr(out, line) == 0;
		fclose(f);
		return found;
	}
	snprintf(path, sizeof(path), "%spacked-refs", repo->gitdir);
	if (!(f = fopen(path, "r")))
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strlen(line) > GIT_OID_HEXSZ + 1 &&
			strcmp(line + GIT_OID_HEXSZ + 1, REPO_BRANCH "\n") == 0 &&
			git_oid_fromstr(out, line) == 0;
	fclose(f);
	return found;
}

int repo_tip(struct repo *repo, git_oid *out, struct cb_error *err)
{
	if (read_branch_file(repo, out))
		return 0;
	if (git_reference_name_to_id(out, repo_git(repo), REPO_BRANCH) < 0)
		return cb_fail(err, CB_ECORRUPT, "the board has no branch 'main'; is it a coboard board?");
	return 0;
}

int repo_read(struct repo *repo, const git_oid *commit_id, const char *path, struct strbuf *out,
	      bool *found, struct cb_error *err)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	char *text = NULL;
	size_t len = 0, too_big = 0;
	int rc = -1;

	*found = false;
	if (repo_lookup_commit(&commit, repo_git(repo), commit_id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		repo_git_fail(err, "cannot read the board's commit");
		goto out;
	}
	if (git_tree_entry_bypath(&entry, tree, path) < 0) {
		rc = 0; /* absent */
		goto out;
	}
	if (repo_blob_text(repo_git(repo), git_tree_entry_id(entry), path, &text, &len, &too_big, err) < 0)
		goto out;
	if (too_big && strncmp(path, "cards/", 6) != 0) {
		cb_fail(err, CB_EINVALID, "%zu bytes, over the limit of %d KiB for a file of the "
			"board", too_big, BOARD_FILE_MAX / 1024);
		goto out;
	}
	if (too_big) {
		cb_fail(err, CB_EINVALID, "%zu bytes, over the limit of %d KiB for a card with its "
			"notes", too_big, CARD_FILE_MAX / 1024);
		goto out;
	}
	sb_add(out, text, len);
	*found = true;
	rc = 0;
out:
	free(text);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

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

int repo_merge_bases(struct repo *repo, const git_oid *a, const git_oid *b, git_oid **bases,
		     size_t *n, struct cb_error *err)
{
	git_oidarray found = {0};
	int rc = git_merge_bases(&found, repo_git(repo), a, b);

	*bases = NULL;
	*n = 0;
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return repo_git_fail(err, "cannot find where the two histories meet");
	*bases = xcalloc(found.count ? found.count : 1, sizeof(**bases));
	memcpy(*bases, found.ids, found.count * sizeof(**bases));
	*n = found.count;
	git_oidarray_dispose(&found);
	return 0;
}

int repo_count_between(struct repo *repo, const git_oid *from, const git_oid *to, size_t *n,
		       struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1;

	*n = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0 || git_revwalk_push(walk, to) < 0 ||
	    (from && git_revwalk_hide(walk, from) < 0)) {
		repo_git_fail(err, "cannot walk the history");
		goto out;
	}
	while (git_revwalk_next(&id, walk) == 0)
		(*n)++;
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

int repo_arrivals(struct repo *repo, const git_oid *from, const git_oid *to, size_t *count,
		  struct strbuf *author, struct strbuf *subject, struct strbuf *merge_message,
		  struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1;

	*count = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0 || git_revwalk_push(walk, to) < 0 ||
	    git_revwalk_hide(walk, from) < 0) {
		repo_git_fail(err, "cannot walk the history");
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;
		if (repo_lookup_commit(&c, repo_git(repo), &id) < 0)
			continue;
		if (git_commit_parentcount(c) > 1) {
			if (!merge_message->len)
				sb_puts(merge_message, git_commit_message(c));
		} else if ((*count)++ == 0) {
			sb_puts(author, git_commit_author(c)->name);
			sb_puts(subject, git_commit_summary(c));
		}
		git_commit_free(c);
	}
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

int repo_new_commits(struct repo *repo, const git_oid *from, const git_oid *to, git_oid **ids,
		     size_t *n, struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid id, tip;
	int rc = -1;

	*ids = NULL;
	*n = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push(walk, to) < 0 || (from && git_revwalk_hide(walk, from) < 0))
		goto fail;
	if (git_reference_name_to_id(&tip, repo_git(repo), REPO_BRANCH) == 0 &&
	    git_revwalk_hide(walk, &tip) < 0)
		goto fail;
	while (git_revwalk_next(&id, walk) == 0) {
		*ids = xgrow(*ids, *n, sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
	rc = 0;
	goto out;
fail:
	repo_git_fail(err, "cannot walk the pushed history");
out:
	git_revwalk_free(walk);
	return rc;
}

bool repo_descends_from(struct repo *repo, const git_oid *commit, const git_oid *ancestor)
{
	return git_oid_equal(commit, ancestor) ||
	       git_graph_descendant_of(repo_git(repo), commit, ancestor) == 1;
}

int repo_side_commits(struct repo *repo, const git_oid *merge, git_oid **ids, size_t *n,
		      struct cb_error *err)
{
	git_commit *commit = NULL;
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1;

	*ids = NULL;
	*n = 0;
	if (repo_lookup_commit(&commit, repo_git(repo), merge) < 0 || git_revwalk_new(&walk, repo_git(repo)) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_hide(walk, git_commit_parent_id(commit, 0)) < 0)
		goto fail;
	for (unsigned i = 1; i < git_commit_parentcount(commit); i++)
		if (git_revwalk_push(walk, git_commit_parent_id(commit, i)) < 0)
			goto fail;
	while (git_revwalk_next(&id, walk) == 0) {
		*ids = xgrow(*ids, *n, sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
	rc = 0;
	goto out;
fail:
	repo_git_fail(err, "cannot walk the merged history");
out:
	git_revwalk_free(walk);
	git_commit_free(commit);
	return rc;
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
	if (build_tree(repo_git(repo), parent_tree, updates, nupdates, &tree_id, err) < 0)
		goto out;
	if (git_tree_lookup(&tree, repo_git(repo), &tree_id) < 0) {
		repo_git_fail(err, "cannot read the new tree");
		rc = OBJECT_LOST; /* written, then gone: see commit_stored */
		goto out;
	}
	if (make_signature(&sig, who, err) < 0)
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

/* The text of blob id, or NULL with *too_big set when a card blob is over CARD_FILE_MAX
 * (its size is read from the object header, so a huge blob is never inflated). */
int repo_blob_text(git_repository *git, const git_oid *id, const char *path, char **text,
		   size_t *len, size_t *too_big, struct cb_error *err)
{
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;
	int rc;

	*text = NULL;
	*len = 0;
	for (int attempt = 1;; attempt++) {
		if (git_repository_odb(&odb, git) < 0)
			return repo_git_fail(err, "cannot open the object database");
		rc = git_odb_read_header(&size, &type, odb, id);
		git_odb_free(odb);
		if (rc == 0 && size > (strncmp(path, "cards/", 6) == 0 ? CARD_FILE_MAX
								     : BOARD_FILE_MAX)) {
			if (too_big)
				*too_big = size;
			return 0;
		}
		if (rc == 0 && (rc = git_blob_lookup(&blob, git, id)) == 0)
			break;
		if (attempt == PACKED_READ_TRIES)
			break;
		before_next_read(git);
	}
	if (rc < 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		return cb_fail(err, CB_ECORRUPT,
			       "%s: its git object %s cannot be read (%s); restore it from a backup "
			       "or a clone, then run `coboard reindex`",
			       path, hex, git_error_last() ? git_error_last()->message : "missing");
	}
	*len = (size_t)git_blob_rawsize(blob);
	*text = xstrndup(git_blob_rawcontent(blob), *len);
	git_blob_free(blob);
	return 0;
}

bool repo_mirror_of(struct repo *repo, struct strbuf *url)
{
	repo_git(repo); /* reads the setting */
	if (repo->mirror_of)
		sb_puts(url, repo->mirror_of);
	return repo->mirror_of != NULL;
}

int repo_install_hook(struct repo *repo, const char *name, const char *script,
		      struct cb_error *err)
{
	char path[4096], tmp[4200];
	struct stat dir;
	size_t len = strlen(script);
	FILE *f;

	snprintf(path, sizeof(path), "%shooks", repo->gitdir);
	mkdir(path, 0775);
	bool shared = stat(path, &dir) == 0 && (dir.st_mode & S_ISGID);
	snprintf(path, sizeof(path), "%shooks/%s", repo->gitdir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	bool written = (f = fopen(tmp, "w")) != NULL && fwrite(script, 1, len, f) == len;
	(void)shared; /* a group member may run the hook, never rewrite it */
	if ((f && fclose(f) != 0) || !written || chmod(tmp, 0755) < 0 ||
	    rename(tmp, path) < 0) {
		int saved = errno;
		unlink(tmp);
		return cb_fail(err, CB_EFAIL, "cannot install the %s hook at %s: %s", name, path,
			       strerror(saved));
	}
	return 0;
}

static void rewound_path(const struct repo *repo, char *path, size_t size)
{
	snprintf(path, size, "%scoboard-rewound", repo->gitdir);
}

void repo_note_rewound(struct repo *repo, const char *had, const char *now)
{
	char path[4096];

	rewound_path(repo, path, sizeof(path));
	FILE *f = fopen(path, "a");
	if (f) {
		fprintf(f, "%s %s %lld\n", had, now, (long long)time(NULL));
		fclose(f);
	}
}

void repo_rewound_commits(struct repo *repo, struct strvec *lost)
{
	char path[4096], line[256], had[64], now[64];
	long long when;
	git_oid had_id, tip;

	rewound_path(repo, path, sizeof(path));
	FILE *f = fopen(path, "r");
	if (!f || git_reference_name_to_id(&tip, repo->git, REPO_BRANCH) < 0) {
		if (f)
			fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %63s %lld", had, now, &when) != 3 ||
		    git_oid_fromstr(&had_id, had) < 0 || repo_descends_from(repo, &tip, &had_id))
			continue;
		char entry[200];
		snprintf(entry, sizeof(entry), "%s %s %lld", had, now, when);
		if (!sv_contains(lost, entry))
			sv_push(lost, entry);
	}
	fclose(f);
}

/* Drops group and other write permission from path, keeping the rest of its mode. */
static int drop_shared_write(const char *path, struct cb_error *err)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : cb_fail(err, CB_EFAIL, "cannot read %s: %s", path,
						     strerror(errno));
	if ((st.st_mode & 022) && chmod(path, st.st_mode & 07755) < 0)
		return cb_fail(err, CB_EFAIL, "cannot make %s writable by its owner only: %s", path,
			       strerror(errno));
	return 0;
}

int repo_protect_code(struct repo *repo, struct cb_error *err)
{
	static const char *const names[] = {"hooks", "hooks/pre-receive", "config"};
	char path[4096];

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s%s", repo->gitdir, names[i]);
		if (drop_shared_write(path, err) < 0)
			return -1;
	}
	return 0;
}

int repo_add_pushed_objects(struct repo *repo, struct cb_error *err)
{
	const char *dir = getenv("GIT_OBJECT_DIRECTORY");
	git_odb *odb = NULL;
	int rc = 0;

	if (str_empty(dir))
		return 0;
	if (git_repository_odb(&odb, repo_git(repo)) < 0 || git_odb_add_disk_alternate(odb, dir) < 0)
		rc = repo_git_fail(err, "cannot read the pushed objects");
	git_odb_free(odb);
	return rc;
}

int repo_ensure_tag(struct repo *repo, const char *name, const git_oid *commit, bool *made,
		    struct cb_error *err)
{
	char ref[512];
	git_oid existing, tag_id;
	git_object *target = NULL;
	int rc = 0;

	if (made)
		*made = false;
	snprintf(ref, sizeof(ref), "refs/tags/%s", name);
	if (git_reference_name_to_id(&existing, repo_git(repo), ref) == 0)
		return 0;
	if (git_object_lookup(&target, repo_git(repo), commit, GIT_OBJECT_COMMIT) < 0 ||
	    git_tag_create_lightweight(&tag_id, repo_git(repo), name, target, 0) < 0)
		rc = cb_fail(err, CB_EFAIL, "the tag %s could not be made: %s", name,
			     git_error_last() ? git_error_last()->message : "git error");
	else if (made)
		*made = true;
	git_object_free(target);
	return rc;
}

int repo_config_get(struct repo *repo, const char *key, struct strbuf *out)
{
	git_config *config = NULL;
	git_buf value = {0};
	int found = 0;

	if (git_repository_config_snapshot(&config, repo_git(repo)) == 0 &&
	    git_config_get_string_buf(&value, config, key) == 0) {
		sb_puts(out, value.ptr);
		found = 1;
	}
	git_buf_dispose(&value);
	git_config_free(config);
	return found;
}

int repo_config_set(struct repo *repo, const char *key, const char *value, struct cb_error *err)
{
	git_config *config = NULL;
	int rc = 0;

	if (git_repository_config(&config, repo_git(repo)) < 0 ||
	    git_config_set_string(config, key, value) < 0)
		rc = repo_git_fail(err, "cannot write the board's git config");
	git_config_free(config);
	return rc;
}

struct remote_lists {
	struct strvec *names, *urls;
};

static int collect_remote(const git_config_entry *entry, void *arg)
{
	struct remote_lists *lists = arg;
	size_t n = strlen(entry->name);

	if (strncmp(entry->name, "remote.", 7) == 0 && n > 11 && strcmp(entry->name + n - 4, ".url") == 0) {
		char *name = xstrndup(entry->name + 7, n - 11);
		sv_push(lists->names, name);
		sv_push(lists->urls, entry->value);
		free(name);
	}
	return 0;
}

/* Walks the config itself: git_remote_list's pattern match leaks in libgit2 1.5. */
void repo_remotes(struct repo *repo, struct strvec *names, struct strvec *urls)
{
	struct remote_lists lists = {names, urls};
	git_config *config = NULL;

	if (git_repository_config_snapshot(&config, repo_git(repo)) == 0)
		git_config_foreach(config, collect_remote, &lists);
	git_config_free(config);
}

bool repo_has_remotes(struct repo *repo)
{
	struct strvec names = {0}, urls = {0};
	bool any;

	repo_remotes(repo, &names, &urls);
	any = names.n > 0;
	sv_free(&names);
	sv_free(&urls);
	return any;
}

/* Appends one tree update; paths owns its path. A NULL id removes the path. */
static void push_update(git_tree_update **updates, char ***paths, size_t *n, const char *path,
			const git_oid *id)
{
	*updates = xrealloc(*updates, (*n + 1) * sizeof(**updates));
	*paths = xrealloc(*paths, (*n + 1) * sizeof(**paths));
	(*paths)[*n] = xstrdup(path);
	(*updates)[*n] = id ? (git_tree_update){GIT_TREE_UPDATE_UPSERT, *id, GIT_FILEMODE_BLOB,
						(*paths)[*n]}
			    : (git_tree_update){GIT_TREE_UPDATE_REMOVE, {{0}}, 0, (*paths)[*n]};
	(*n)++;
}

/* The updates moving every card of tree's cards/ that sits in the layout before folders
 * into its folder, blob ids kept. */
static size_t folder_moves(git_repository *git, git_tree *tree, git_tree_update **updates,
			   char ***paths)
{
	git_tree_entry *entry = NULL;
	git_tree *cards = NULL;
	size_t n = 0;

	*updates = NULL;
	*paths = NULL;
	if (git_tree_entry_bypath(&entry, tree, "cards") < 0 ||
	    git_tree_lookup(&cards, git, git_tree_entry_id(entry)) < 0)
		goto out;
	for (size_t i = 0; i < git_tree_entrycount(cards); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(cards, i);
		char flat[300], home[32];
		int id;

		snprintf(flat, sizeof(flat), "cards/%s", git_tree_entry_name(e));
		id = card_id_from_path(flat);
		if (!id || git_tree_entry_type(e) != GIT_OBJECT_BLOB || !card_path_is_flat(flat))
			continue;
		card_path(id, home);
		push_update(updates, paths, &n, flat, NULL);
		push_update(updates, paths, &n, home, git_tree_entry_id(e));
	}
out:
	git_tree_free(cards);
	git_tree_entry_free(entry);
	return n;
}

/* .gitattributes with its line for flat cards made to cover the folders too; false when
 * there is no such line. */
static bool attributes_for_folders(git_repository *git, git_tree *tree, git_oid *out)
{
	static const char flat_line[] = "cards/*.card merge=coboard\n";
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	bool made = false;

	if (git_tree_entry_bypath(&entry, tree, ".gitattributes") == 0 &&
	    git_blob_lookup(&blob, git, git_tree_entry_id(entry)) == 0) {
		struct strbuf old = {0}, text = {0};
		const char *at;

		sb_add(&old, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
		at = strstr(sb_str(&old), flat_line);
		if (at && (at == old.buf || at[-1] == '\n')) {
			sb_add(&text, old.buf, (size_t)(at - old.buf));
			sb_puts(&text, "cards/**/*.card merge=coboard\n");
			sb_puts(&text, at + sizeof(flat_line) - 1);
			made = git_blob_create_from_buffer(out, git, text.buf, text.len) == 0;
		}
		sb_free(&old);
		sb_free(&text);
	}
	git_blob_free(blob);
	git_tree_entry_free(entry);
	return made;
}

int repo_move_into_folders(struct repo *repo, const git_oid *tip, const struct identity *who,
			   const char *message, git_oid *out, bool *moved, struct cb_error *err)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL, *new_tree = NULL;
	git_tree_update *updates = NULL;
	git_signature *sig = NULL;
	char **paths = NULL;
	git_oid attributes, tree_id;
	size_t n = 0;
	int rc = -1;

	*moved = false;
	if (repo_lookup_commit(&commit, repo_git(repo), tip) < 0 || git_commit_tree(&tree, commit) < 0) {
		repo_git_fail(err, "cannot read the board's last commit");
		goto out;
	}
	n = folder_moves(repo_git(repo), tree, &updates, &paths);
	if (n == 0) {
		rc = 0;
		goto out;
	}
	/* The merge driver's line follows the cards, read only when they move. */
	if (attributes_for_folders(repo_git(repo), tree, &attributes))
		push_update(&updates, &paths, &n, ".gitattributes", &attributes);
	if (git_tree_create_updated(&tree_id, repo_git(repo), tree, n, updates) < 0 ||
	    git_tree_lookup(&new_tree, repo_git(repo), &tree_id) < 0) {
		repo_git_fail(err, "cannot write the tree of cards in folders");
		goto out;
	}
	if (make_signature(&sig, who, err) < 0)
		goto out;
	if (git_commit_create(out, repo_git(repo), NULL, sig, sig, "UTF-8", message, new_tree, 1,
			      (const git_commit **)&commit) < 0) {
		repo_git_fail(err, "cannot write the commit of cards in folders");
		goto out;
	}
	if (move_branch(repo, tip, out, err) < 0)
		goto out;
	*moved = true;
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(updates);
	git_signature_free(sig);
	git_tree_free(new_tree);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}
