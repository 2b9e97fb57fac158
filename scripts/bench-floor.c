/* The floor of a change, for scripts/bench: what any program must do to change one card of a
 * board and commit it, and no more. Reads the card's blob at the branch tip, rewrites its
 * column line, writes blob, trees and commit with libgit2's fsync on, and moves the branch
 * with compare-and-swap. One process per change, as a coboard command is. libgit2 starts as
 * coboard starts it (model/storage/git_options.h), and the program is linked with coboard's
 * certificate skip (model/storage/notls.c), so the floor does no work coboard does not.
 * Usage: bench-floor BOARD.git CARD COLUMN */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git_options.h"

static void check(int rc, const char *what)
{
	if (rc < 0) {
		const git_error *e = git_error_last();
		fprintf(stderr, "bench-floor: %s: %s\n", what, e ? e->message : "?");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_reference *ref, *moved;
	git_commit *tip;
	git_tree *tree, *new_tree;
	git_tree_entry *entry;
	git_blob *blob;
	git_signature *sig;
	git_oid blob_id, tree_id, commit_id;
	char path[64], *text, *line, *end;
	size_t len;

	if (argc != 4) {
		fprintf(stderr, "usage: bench-floor BOARD.git CARD COLUMN\n");
		return 2;
	}
	git_libgit2_init();
	git_options_apply(git_libgit2_opts);
	check(git_repository_open_bare(&repo, argv[1]), "open");
	check(git_reference_lookup(&ref, repo, "refs/heads/main"), "branch");
	check(git_commit_lookup(&tip, repo, git_reference_target(ref)), "tip");
	check(git_commit_tree(&tree, tip), "tree");
	snprintf(path, sizeof(path), "cards/%02d/%s.card", atoi(argv[2]) / 100 % 100, argv[2]);
	check(git_tree_entry_bypath(&entry, tree, path), "card");
	check(git_blob_lookup(&blob, repo, git_tree_entry_id(entry)), "blob");
	len = (size_t)git_blob_rawsize(blob);
	text = malloc(len + strlen(argv[3]) + 16);
	memcpy(text, git_blob_rawcontent(blob), len);
	text[len] = '\0';
	line = strstr(text, "\ncolumn: ");
	if (!line)
		return 1;
	end = strchr(line + 1, '\n');
	memmove(line + 9 + strlen(argv[3]), end, strlen(end) + 1);
	memcpy(line + 9, argv[3], strlen(argv[3]));
	check(git_blob_create_from_buffer(&blob_id, repo, text, strlen(text)), "write blob");
	git_tree_update update = {GIT_TREE_UPDATE_UPSERT, blob_id, GIT_FILEMODE_BLOB, path};
	check(git_tree_create_updated(&tree_id, repo, tree, 1, &update), "write trees");
	check(git_tree_lookup(&new_tree, repo, &tree_id), "new tree");
	check(git_signature_now(&sig, "bench", "bench@example.kz"), "signature");
	check(git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, "Move\n", new_tree, 1,
				(const git_commit **)&tip),
	      "write commit");
	check(git_reference_create_matching(&moved, repo, "refs/heads/main", &commit_id, 1,
					    git_reference_target(ref), "bench"),
	      "move the branch");
	return 0;
}
