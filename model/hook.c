#include "hook.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "repo.h"

int hook_install(const char *path, const char *program, struct cb_error *err)
{
	struct strbuf script = {0};
	struct repo *repo = NULL;
	int rc;

	if (repo_open(&repo, path, err) < 0)
		return -1;
	sb_puts(&script, "#!/bin/sh\n"
			 "# Installed by `coboard init`: a push to this board passes coboard's own checks\n"
			 "# (every card and board.conf parse and keep the board's rules, ids in range,\n"
			 "# sizes within limits) or is refused, naming the file and the line.\n");
	if (!str_empty(program) && !strpbrk(program, "'\"\\\n"))
		sb_printf(&script, "coboard='%s'\n[ -x \"$coboard\" ] || ", program);
	sb_puts(&script, "coboard=$(command -v coboard) || {\n"
			 "\techo \"coboard is not installed where this board's hook expects it; the push "
			 "is refused\" >&2\n\texit 1\n}\n"
			 "exec \"$coboard\" --board . hook pre-receive\n");
	rc = repo_install_hook(repo, "pre-receive", sb_str(&script), err);
	/* git's merge driver, for a merge made with plain git in this repository. */
	struct strbuf driver = {0};
	if (!str_empty(program) && !strpbrk(program, "'\"\\\n"))
		sb_printf(&driver, "'%s' merge-card %%O %%A %%B %%P", program);
	else
		sb_puts(&driver, "coboard merge-card %O %A %B %P");
	if (rc == 0)
		rc = repo_config_set(repo, "merge.coboard.name", "coboard: cards field by field", err);
	if (rc == 0)
		rc = repo_config_set(repo, "merge.coboard.driver", sb_str(&driver), err);
	sb_free(&driver);
	sb_free(&script);
	repo_free(repo);
	return rc;
}

/* The problems of commit hex's tree ("" or all zeros: none, an empty board). */
static int tree_problems(struct repo *repo, const char *hex, struct strvec *problems,
			 struct cb_error *err)
{
	struct board board;
	git_oid id;
	int rc;

	if (git_oid_fromstr(&id, hex) < 0 || git_oid_is_zero(&id))
		return 0;
	rc = check_tree(repo, &id, &board, problems, NULL, NULL, err);
	board_free(&board);
	return rc;
}

int hook_check_push(const char *path, const struct strvec *updates, struct strvec *problems,
		    struct cb_error *err)
{
	struct repo *repo = NULL;
	int rc = 0;

	if (repo_open(&repo, path, err) < 0 || repo_add_pushed_objects(repo, err) < 0) {
		repo_free(repo);
		return -1;
	}
	for (size_t i = 0; i < updates->n && rc == 0; i++) {
		char old_hex[64], new_hex[64], ref[512];
		struct strvec before = {0}, after = {0};
		git_oid new_id;

		if (sscanf(updates->v[i], "%63s %63s %511s", old_hex, new_hex, ref) != 3 ||
		    strcmp(ref, REPO_BRANCH) != 0)
			continue;
		if (git_oid_fromstr(&new_id, new_hex) < 0 || git_oid_is_zero(&new_id)) {
			sv_push(problems, "the board's branch main cannot be deleted");
			continue;
		}
		rc = tree_problems(repo, old_hex, &before, err);
		if (rc == 0)
			rc = tree_problems(repo, new_hex, &after, err);
		for (size_t j = 0; rc == 0 && j < after.n; j++)
			if (!sv_contains(&before, after.v[j]))
				sv_push(problems, after.v[j]);
		sv_free(&before);
		sv_free(&after);
	}
	repo_free(repo);
	return rc;
}
