#include "hook.h"

#include <stdio.h>
#include <string.h>

#include "authority.h"
#include "check.h"
#include "i18n.h"
#include "repo.h"

int hook_install(const char *path, const char *program, struct cb_error *err)
{
	struct strbuf script = {0};
	struct repo *repo = NULL;
	int rc;

	if (repo_open(&repo, path, err) < 0)
		return -1;
	sb_puts(&script, UNTRANSLATED("#!/bin/sh\n"
			 "# Installed by `coboard init`: a push to this board passes coboard's own checks\n"
			 "# (every card and board.conf parse and keep the board's rules, ids in range,\n"
			 "# sizes within limits) or is refused, naming the file and the line.\n"));
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
		sb_puts(&driver, UNTRANSLATED("coboard merge-card %O %A %B %P"));
	/* History only grows, whoever pushes, even if this hook were removed; git checks the
	 * objects that come in. */
	static const char *const receive[][2] = {
		{"receive.denyNonFastForwards", "true"}, {"receive.denyDeletes", "true"},
		{"receive.fsckObjects", "true"}, {"transfer.fsckObjects", "true"}};
	for (size_t i = 0; rc == 0 && i < sizeof(receive) / sizeof(*receive); i++)
		rc = repo_config_set(repo, receive[i][0], receive[i][1], err);
	if (rc == 0)
		rc = repo_config_set(repo, "merge.coboard.name",
				     UNTRANSLATED("coboard: cards field by field"), err);
	if (rc == 0)
		rc = repo_config_set(repo, "merge.coboard.driver", sb_str(&driver), err);
	if (rc == 0)
		rc = repo_protect_code(repo, err);
	sb_free(&driver);
	sb_free(&script);
	repo_free(repo);
	return rc;
}

static bool zero_hex(const char *hex)
{
	return strspn(hex, "0") == strlen(hex);
}

/* A meeting tag may only be made, never moved or deleted, and must name the commit that
 * added its minutes (meetings/NAME.md) to the board's history. */
static int check_meeting_tag(struct repo *repo, const char *ref, const char *old_hex,
			     const char *new_hex, const git_oid *main_tip, struct strvec *problems,
			     struct cb_error *err)
{
	const char *name = ref + strlen("refs/tags/meeting/");
	struct strbuf what = {0}, minutes = {0};
	struct commit_info info;
	git_oid commit;
	bool adds_minutes = false;

	if (zero_hex(new_hex))
		sb_printf(&what, _("%s: a meeting's tag is never deleted"), ref);
	else if (!zero_hex(old_hex))
		sb_printf(&what, _("%s: a meeting's tag never moves once made"), ref);
	else if (repo_resolve(repo, new_hex, &commit, &(struct cb_error){0}) < 0 || !main_tip ||
		 !repo_descends_from(repo, main_tip, &commit))
		sb_printf(&what, _("%s: a meeting's tag must name a commit on main"), ref);
	if (what.len == 0) {
		if (repo_commit_info(repo, &commit, &info, err) < 0) {
			sb_free(&what);
			return -1;
		}
		sb_printf(&minutes, "meetings/%s.md", name);
		for (size_t i = 0; i < info.nchanges; i++)
			adds_minutes |= strcmp(info.changes[i].path, sb_str(&minutes)) == 0 &&
					info.changes[i].new_text;
		commit_info_free(&info);
		if (!adds_minutes)
			sb_printf(&what,
				  _("%s: a meeting's tag must name the commit that wrote %s"), ref,
				  sb_str(&minutes));
	}
	if (what.len)
		sv_push(problems, sb_str(&what));
	sb_free(&what);
	sb_free(&minutes);
	return 0;
}

static int check_main(struct repo *repo, const char *old_hex, const char *new_hex,
		      struct strvec *problems, struct cb_error *err)
{
	git_oid old_id, new_id;
	bool has_old = !zero_hex(old_hex) && git_oid_fromstr(&old_id, old_hex) == 0;

	if (zero_hex(new_hex) || git_oid_fromstr(&new_id, new_hex) < 0) {
		sv_push(problems, _("the board's branch main cannot be deleted"));
		return 0;
	}
	if (has_old && !repo_descends_from(repo, &new_id, &old_id)) {
		struct strbuf what = {0};
		sb_printf(
			&what,
			_("main only grows: %.7s does not hold %.7s, where main is now, so "
			  "this push would rewrite the board's history; fetch, merge and push again"),
			new_hex, old_hex);
		sv_push(problems, sb_str(&what));
		sb_free(&what);
		return 0;
	}
	return check_commits(repo, has_old ? &old_id : NULL, &new_id, problems, err);
}

/* A local admin's own push of board.conf is in force at once, as a `coboard member` change
 * of theirs would be; from anyone else it stays a proposal (model/storage/authority.h). */
static void take_admin_push(struct repo *repo, const char *pusher, const char *old_hex,
			    const char *new_hex)
{
	const char *gitdir = repo_gitdir(repo);
	struct board accepted, before = {0}, after = {0};
	struct strbuf text = {0};
	struct strvec refused = {0};
	struct cb_error ignored = {0};
	git_oid old_id, new_id;
	bool found, has;

	if (str_empty(pusher) || zero_hex(old_hex) || git_oid_fromstr(&old_id, old_hex) < 0 ||
	    git_oid_fromstr(&new_id, new_hex) < 0 ||
	    authority_read(gitdir, &accepted, &refused, &found, &ignored) < 0 || !found)
		return;
	if (board_may_admin(&accepted, pusher) == NULL &&
	    repo_read(repo, &old_id, "board.conf", &text, &has, &ignored) == 0 && has &&
	    board_parse(&before, sb_str(&text), text.len, &ignored) == 0 &&
	    (sb_reset(&text), repo_read(repo, &new_id, "board.conf", &text, &has, &ignored)) == 0 &&
	    has && board_parse(&after, sb_str(&text), text.len, &ignored) == 0) {
		authority_carry(&before, &after, &accepted);
		authority_write(gitdir, &accepted, &refused, &ignored);
	}
	board_free(&before);
	board_free(&after);
	board_free(&accepted);
	sv_free(&refused);
	sb_free(&text);
}

int hook_check_push(const char *path, const struct strvec *updates, const char *pusher,
		    struct strvec *problems, struct cb_error *err)
{
	struct repo *repo = NULL;
	git_oid main_tip;
	bool has_main;
	int rc = 0;

	if (repo_open(&repo, path, err) < 0 || repo_add_pushed_objects(repo, err) < 0) {
		repo_free(repo);
		return -1;
	}
	has_main = repo_resolve(repo, REPO_BRANCH, &main_tip, &(struct cb_error){0}) == 0;
	/* A pushed main is where meeting tags of the same push must be. */
	for (size_t i = 0; i < updates->n; i++) {
		char old_hex[64], new_hex[64], ref[512];
		if (sscanf(updates->v[i], "%63s %63s %511s", old_hex, new_hex, ref) == 3 &&
		    strcmp(ref, REPO_BRANCH) == 0 && !zero_hex(new_hex) &&
		    git_oid_fromstr(&main_tip, new_hex) == 0)
			has_main = true;
	}
	size_t before = problems->n;
	for (size_t i = 0; i < updates->n && rc == 0; i++) {
		char old_hex[64], new_hex[64], ref[512];
		struct strbuf what = {0};

		if (sscanf(updates->v[i], "%63s %63s %511s", old_hex, new_hex, ref) != 3)
			continue;
		if (strcmp(ref, REPO_BRANCH) == 0)
			rc = check_main(repo, old_hex, new_hex, problems, err);
		else if (strncmp(ref, "refs/tags/meeting/", 18) == 0)
			rc = check_meeting_tag(repo, ref, old_hex, new_hex, has_main ? &main_tip : NULL,
					       problems, err);
		else {
			sb_printf(&what,
				  _("%s: only main (and the meeting/ tags coboard makes) can be "
				    "pushed to this board"),
				  ref);
			sv_push(problems, sb_str(&what));
		}
		sb_free(&what);
	}
	for (size_t i = 0; rc == 0 && problems->n == before && i < updates->n; i++) {
		char old_hex[64], new_hex[64], ref[512];
		if (sscanf(updates->v[i], "%63s %63s %511s", old_hex, new_hex, ref) == 3 &&
		    strcmp(ref, REPO_BRANCH) == 0)
			take_admin_push(repo, pusher, old_hex, new_hex);
	}
	repo_free(repo);
	return rc;
}
