#include "repo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "card.h"
#include "i18n.h"

/* Why the repository would not open (its path, libgit2's words), once repo_git failed: the
 * calls made with no repository afterwards only say "invalid argument". */
static char *unopened_dir, *unopened_why;

int repo_git_fail(struct cb_error *err, const char *what)
{
	const git_error *e = git_error_last();

	what = gettext(what);
	if (unopened_dir && e && e->klass == GIT_ERROR_INVALID)
		return cb_fail(err, CB_ECORRUPT,
			       "%s: %s will not open as a git repository (%s); check it with `git "
			       "--git-dir=%s fsck`, or restore it from a backup",
			       what, unopened_dir, unopened_why, unopened_dir);
	return cb_fail(err, CB_EFAIL, "%s: %s", what,
		       e && e->message ? e->message : _("git error"));
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
		unopened_why = xstrdup(e && e->message ? e->message : _("unknown reason"));
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

int repo_signature(git_signature **sig, const struct identity *who, struct cb_error *err)
{
	struct tm local;
	time_t when = (time_t)who->when;

	if (who->when && localtime_r(&when, &local)) {
		if (git_signature_new(sig, who->name, who->email, who->when,
				      (int)(local.tm_gmtoff / 60)) < 0)
			return repo_git_fail(err, "cannot make the commit author");
		return 0;
	}
	if (git_signature_now(sig, who->name, who->email) < 0)
		return repo_git_fail(err, "cannot make the commit author");
	return 0;
}

/* Builds a tree from baseline (NULL: empty) with updates applied. */
int repo_build_tree(git_repository *git, git_tree *baseline, const struct file_update *updates,
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
	opts.description = UNTRANSLATED("coboard board");
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
	if (repo_build_tree(git, NULL, files, nfiles, &tree_id, err) < 0)
		goto out;
	if (git_tree_lookup(&tree, git, &tree_id) < 0) {
		repo_git_fail(err, "cannot read the new tree");
		goto out;
	}
	if (repo_signature(&sig, who, err) < 0)
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
