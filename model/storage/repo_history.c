/* Reading history from git: what a commit changed, the first-parent chain, the cards of a
 * tree, a file's diff. */
#include "repo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"

void commit_info_free(struct commit_info *info)
{
	for (size_t i = 0; i < info->nchanges; i++) {
		free(info->changes[i].path);
		free(info->changes[i].old_text);
		free(info->changes[i].new_text);
	}
	free(info->changes);
	git_commit_free(info->commit);
	memset(info, 0, sizeof(*info));
}

static int add_change(git_repository *git, struct commit_info *info, const char *path,
		      const git_oid *old_id, const git_oid *new_id, struct cb_error *err)
{
	struct file_change *c;

	info->changes = xrealloc(info->changes, (info->nchanges + 1) * sizeof(*info->changes));
	c = &info->changes[info->nchanges++];
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (old_id && repo_blob_text(git, old_id, path, &c->old_text, &c->old_len, NULL, err) < 0)
		return -1;
	if (new_id && repo_blob_text(git, new_id, path, &c->new_text, &c->new_len, &c->too_big, err) < 0)
		return -1;
	return 0;
}

static git_tree *subtree(git_repository *git, git_tree *tree, const char *name)
{
	const git_tree_entry *e = tree ? git_tree_entry_byname(tree, name) : NULL;
	git_tree *sub = NULL;

	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&sub, git, git_tree_entry_id(e));
	return sub;
}

/* The blobs that differ between two versions of one directory, by a merge of their sorted
 * entries: a commit that changes one card compares ids, not ten thousand diffs. Entries
 * that are not blobs are not cards and are skipped. */
static int compare_dir(git_repository *git, git_tree *old_tree, git_tree *new_tree,
		       const char *prefix, struct commit_info *info, struct cb_error *err)
{
	size_t i = 0, j = 0, n = old_tree ? git_tree_entrycount(old_tree) : 0;
	size_t m = new_tree ? git_tree_entrycount(new_tree) : 0;
	char path[1024];

	while (i < n || j < m) {
		const git_tree_entry *a = i < n ? git_tree_entry_byindex(old_tree, i) : NULL;
		const git_tree_entry *b = j < m ? git_tree_entry_byindex(new_tree, j) : NULL;
		int cmp = !a ? 1 : !b ? -1 : strcmp(git_tree_entry_name(a), git_tree_entry_name(b));

		if (a && git_tree_entry_type(a) != GIT_OBJECT_BLOB && cmp <= 0) {
			i++;
			if (cmp == 0)
				j++;
			continue;
		}
		if (b && git_tree_entry_type(b) != GIT_OBJECT_BLOB && cmp >= 0) {
			j++;
			if (cmp == 0)
				i++;
			continue;
		}
		if (cmp != 0 || !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))) {
			snprintf(path, sizeof(path), "%s%s", prefix,
				 git_tree_entry_name(cmp <= 0 ? a : b));
			if (add_change(git, info, path, cmp <= 0 ? git_tree_entry_id(a) : NULL,
				       cmp >= 0 ? git_tree_entry_id(b) : NULL, err) < 0)
				return -1;
		}
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return 0;
}

static bool is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/* The files that differ between two trees, in every directory (board.conf, cards/,
 * meetings/, and whatever else someone keeps in the board): a directory whose tree is the
 * same on both sides is not opened, so a change of one card reads two directories. */
static int compare_trees_at(git_repository *git, git_tree *old_tree, git_tree *new_tree,
			    const char *prefix, struct commit_info *info, struct cb_error *err)
{
	size_t i = 0, j = 0, n = old_tree ? git_tree_entrycount(old_tree) : 0;
	size_t m = new_tree ? git_tree_entrycount(new_tree) : 0;
	int rc = compare_dir(git, old_tree, new_tree, prefix, info, err);

	while (rc == 0 && (i < n || j < m)) {
		const git_tree_entry *a = i < n ? git_tree_entry_byindex(old_tree, i) : NULL;
		const git_tree_entry *b = j < m ? git_tree_entry_byindex(new_tree, j) : NULL;
		int cmp = !a ? 1 : !b ? -1 : strcmp(git_tree_entry_name(a), git_tree_entry_name(b));
		const git_tree_entry *old_e = cmp <= 0 && is_tree(a) ? a : NULL;
		const git_tree_entry *new_e = cmp >= 0 && is_tree(b) ? b : NULL;

		i += cmp <= 0;
		j += cmp >= 0;
		if ((!old_e && !new_e) ||
		    (old_e && new_e && git_oid_equal(git_tree_entry_id(old_e), git_tree_entry_id(new_e))))
			continue;
		git_tree *old_dir = subtree(git, old_tree, old_e ? git_tree_entry_name(old_e) : "");
		git_tree *new_dir = subtree(git, new_tree, new_e ? git_tree_entry_name(new_e) : "");
		char path[1024];

		snprintf(path, sizeof(path), "%s%s/", prefix,
			 git_tree_entry_name(old_e ? old_e : new_e));
		rc = compare_trees_at(git, old_e ? old_dir : NULL, new_e ? new_dir : NULL, path, info,
				      err);
		git_tree_free(old_dir);
		git_tree_free(new_dir);
	}
	return rc;
}

/* A card file that appeared in a commit, by card id. */
struct arrival {
	int id;
	size_t at;
	bool paired;
};

static int by_card_id(const void *a, const void *b)
{
	const struct arrival *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* A card that moved between layouts (cards/7.card to cards/00/7.card) is one change of
 * that card at its new path, and none at all when its text stayed the same: a board's move
 * into folders changes no card. Pairs are found by id through a sorted list, so the move of
 * ten thousand cards is no slower to read than their change. */
static void join_moved_cards(struct commit_info *info)
{
	struct arrival *came = xcalloc(info->nchanges + 1, sizeof(*came));
	bool *drop = xcalloc(info->nchanges + 1, sizeof(*drop));
	size_t n = 0, kept = 0;

	for (size_t i = 0; i < info->nchanges; i++) {
		int id = card_id_from_path(info->changes[i].path);
		if (id && !info->changes[i].old_text)
			came[n++] = (struct arrival){id, i, false};
	}
	qsort(came, n, sizeof(*came), by_card_id);
	for (size_t i = 0; n && i < info->nchanges; i++) {
		struct file_change *gone = &info->changes[i];
		struct arrival key = {card_id_from_path(gone->path), 0, false}, *match;

		if (!key.id || gone->new_text || gone->too_big || !gone->old_text ||
		    !(match = bsearch(&key, came, n, sizeof(*came), by_card_id)) || match->paired)
			continue;
		struct file_change *now = &info->changes[match->at];
		match->paired = true;
		drop[i] = true;
		if (!now->too_big && now->new_len == gone->old_len &&
		    memcmp(now->new_text, gone->old_text, gone->old_len) == 0) {
			drop[match->at] = true;
		} else {
			now->old_text = gone->old_text;
			now->old_len = gone->old_len;
			gone->old_text = NULL;
		}
	}
	for (size_t i = 0; i < info->nchanges; i++) {
		if (!drop[i]) {
			info->changes[kept++] = info->changes[i];
			continue;
		}
		free(info->changes[i].path);
		free(info->changes[i].old_text);
		free(info->changes[i].new_text);
	}
	info->nchanges = kept;
	free(came);
	free(drop);
}

static int compare_trees(git_repository *git, git_tree *old_tree, git_tree *new_tree,
			 struct commit_info *info, struct cb_error *err)
{
	if (compare_trees_at(git, old_tree, new_tree, "", info, err) < 0)
		return -1;
	join_moved_cards(info);
	return 0;
}

static int commit_tree(git_repository *git, const git_oid *id, git_tree **tree,
		       struct cb_error *err)
{
	git_commit *commit = NULL;
	int rc = 0;

	*tree = NULL;
	if (id && (repo_lookup_commit(&commit, git, id) < 0 || git_commit_tree(tree, commit) < 0))
		rc = repo_git_fail(err, "cannot read a commit's tree");
	git_commit_free(commit);
	return rc;
}

int repo_tree_changes(struct repo *repo, const git_oid *from, const git_oid *to,
		      struct commit_info *info, struct cb_error *err)
{
	git_tree *old_tree = NULL, *new_tree = NULL;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	if (commit_tree(repo_git(repo), from, &old_tree, err) == 0 &&
	    commit_tree(repo_git(repo), to, &new_tree, err) == 0)
		rc = compare_trees(repo_git(repo), old_tree, new_tree, info, err);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return rc;
}

int repo_commit_info(struct repo *repo, const git_oid *id, struct commit_info *info,
		     struct cb_error *err)
{
	git_tree *old_tree = NULL, *new_tree = NULL;
	const git_signature *author;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	if (repo_lookup_commit(&info->commit, repo_git(repo), id) < 0)
		return repo_git_fail(err, "cannot read a commit");
	author = git_commit_author(info->commit);
	git_oid_tostr(info->oid, sizeof(info->oid), id);
	info->time = (long long)git_commit_time(info->commit);
	info->author_name = author->name;
	info->author_email = author->email;
	info->message = (char *)git_commit_message(info->commit);
	const git_oid *parent =
		git_commit_parentcount(info->commit) ? git_commit_parent_id(info->commit, 0) : NULL;
	info->merge = git_commit_parentcount(info->commit) > 1;
	if (parent)
		info->first_parent = *parent;
	for (unsigned p = 1; p < git_commit_parentcount(info->commit) &&
			     info->nother_parents < COMMIT_OTHER_PARENTS_MAX; p++)
		info->other_parents[info->nother_parents++] = *git_commit_parent_id(info->commit, p);
	if (commit_tree(repo_git(repo), parent, &old_tree, err) == 0 &&
	    git_commit_tree(&new_tree, info->commit) == 0)
		rc = compare_trees(repo_git(repo), old_tree, new_tree, info, err);
	else if (!err->code)
		repo_git_fail(err, "cannot read a commit's tree");
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return rc;
}

int repo_first_parents(struct repo *repo, const git_oid *tip, known_fn known, void *ctx,
		       git_oid **ids, size_t *n, git_oid *base, bool *has_base,
		       struct cb_error *err)
{
	size_t cap = 0;
	git_oid id = *tip;

	*ids = NULL;
	*n = 0;
	*has_base = false;
	for (;;) {
		git_commit *commit = NULL;

		if (known(&id, ctx)) {
			*base = id;
			*has_base = true;
			return 0;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = id;
		if (repo_lookup_commit(&commit, repo_git(repo), &id) < 0) {
			free(*ids);
			*ids = NULL;
			*n = 0;
			return repo_git_fail(err, "cannot read a commit of the board's history");
		}
		bool root = git_commit_parentcount(commit) == 0;
		if (!root)
			id = *git_commit_parent_id(commit, 0);
		git_commit_free(commit);
		if (root)
			return 0;
	}
}

bool repo_card_in_tree(git_tree *tree, int id, char path[32], git_oid *blob)
{
	git_tree_entry *entry = NULL;
	char flat[32];
	bool found;

	card_path(id, path);
	snprintf(flat, sizeof(flat), "cards/%d.card", id);
	found = git_tree_entry_bypath(&entry, tree, path) == 0;
	if (!found && git_tree_entry_bypath(&entry, tree, flat) == 0) {
		memcpy(path, flat, sizeof(flat));
		found = true;
	}
	if (found && blob)
		git_oid_cpy(blob, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	return found;
}

void repo_card_path_at(struct repo *repo, const git_oid *commit_id, int id, char out[32])
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	card_path(id, out);
	if (repo_lookup_commit(&commit, repo_git(repo), commit_id) == 0 &&
	    git_commit_tree(&tree, commit) == 0)
		repo_card_in_tree(tree, id, out, NULL);
	git_tree_free(tree);
	git_commit_free(commit);
}

/* Appends the cards of directory tree (prefix "cards/", or "cards/NN/" one level down). */
static int list_card_dir(git_repository *git, git_tree *tree, const char *prefix, bool nested,
			 struct strvec *paths, struct cb_error *err)
{
	for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		char path[512];

		snprintf(path, sizeof(path), "%s%s", prefix, git_tree_entry_name(e));
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			sv_push(paths, path);
			continue;
		}
		git_tree *sub = NULL;

		if (nested) {
			sv_push(paths, path); /* too deep to be a card: reported, never read */
			continue;
		}
		if (git_tree_lookup(&sub, git, git_tree_entry_id(e)) < 0)
			return repo_git_fail(err, "cannot read a folder of cards/");
		strcat(path, "/");
		int rc = list_card_dir(git, sub, path, true, paths, err);
		git_tree_free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int repo_list_cards(struct repo *repo, const git_oid *commit_id, struct strvec *paths,
		    struct cb_error *err)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL, *cards = NULL;
	git_tree_entry *entry = NULL;
	int rc = -1;

	if (repo_lookup_commit(&commit, repo_git(repo), commit_id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		repo_git_fail(err, "cannot read the board's commit");
		goto out;
	}
	if (git_tree_entry_bypath(&entry, tree, "cards") < 0) {
		rc = 0;
		goto out;
	}
	if (git_tree_lookup(&cards, repo_git(repo), git_tree_entry_id(entry)) < 0) {
		repo_git_fail(err, "cannot read cards/");
		goto out;
	}
	rc = list_card_dir(repo_git(repo), cards, "cards/", false, paths, err);
out:
	git_tree_free(cards);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

int repo_resolve(struct repo *repo, const char *spec, git_oid *out, struct cb_error *err)
{
	git_object *obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, repo_git(repo), spec) < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return cb_fail(err, CB_ENOTFOUND, "no commit '%s' in the board's history", spec);
	}
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static int append_diff_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
			    const git_diff_line *line, void *payload)
{
	struct strbuf *out = payload;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_CONTEXT || line->origin == GIT_DIFF_LINE_ADDITION ||
	    line->origin == GIT_DIFF_LINE_DELETION)
		sb_putc(out, line->origin);
	sb_add(out, line->content, line->content_len);
	return 0;
}

int repo_diff_path(struct repo *repo, const char *commit_spec, const char *path, struct strbuf *out,
		   struct cb_error *err)
{
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	git_tree *old_tree = NULL, *new_tree = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_diff *diff = NULL;
	char *paths[] = {(char *)path};
	git_oid oid;
	int rc = -1;

	if (repo_resolve(repo, commit_spec, &oid, err) < 0)
		return -1;
	opts.pathspec.strings = paths;
	opts.pathspec.count = 1;
	opts.context_lines = 3;
	if (repo_lookup_commit(&commit, repo_git(repo), &oid) < 0 || git_commit_tree(&new_tree, commit) < 0 ||
	    (git_commit_parentcount(commit) > 0 &&
	     (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&old_tree, parent) < 0)) ||
	    git_diff_tree_to_tree(&diff, repo_git(repo), old_tree, new_tree, &opts) < 0 ||
	    git_diff_print(diff, GIT_DIFF_FORMAT_PATCH, append_diff_line, out) < 0) {
		repo_git_fail(err, "cannot compute the diff");
		goto out;
	}
	rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	git_commit_free(parent);
	git_commit_free(commit);
	return rc;
}

int repo_highest_card(struct repo *repo, const git_oid *commit, int *max, struct cb_error *err)
{
	struct strvec paths = {0};

	if (commit && repo_list_cards(repo, commit, &paths, err) < 0)
		return -1;
	for (size_t i = 0; i < paths.n; i++) {
		int id = card_id_from_path(paths.v[i]);
		if (id > *max)
			*max = id;
	}
	sv_free(&paths);
	return 0;
}
