/* The one-time move of cards into folders (cards/<folder>/<id>.card), in a commit of its own. */
#include "i18n.h"
#include "repo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"

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
	static const char flat_line[] = UNTRANSLATED("cards/*.card merge=coboard\n");
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
			sb_puts(&text, UNTRANSLATED("cards/**/*.card merge=coboard\n"));
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
	if (repo_signature(&sig, who, err) < 0)
		goto out;
	if (git_commit_create(out, repo_git(repo), NULL, sig, sig, "UTF-8", message, new_tree, 1,
			      (const git_commit **)&commit) < 0) {
		repo_git_fail(err, "cannot write the commit of cards in folders");
		goto out;
	}
	if (repo_move_branch(repo, tip, out, err) < 0)
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
