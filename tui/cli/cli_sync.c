/* The commands that join offices: remote, sync, conflicts, and merge-card (git's merge driver
 * for a board clone). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "cardlist.h"
#include "merge.h"
#include "ops.h"
#include "sync.h"
#include "command.h"
#include "text.h"

int check_remote(struct cmd *c)
{
	const char *verb = c->a.pos[0];

	if (strcmp(verb, "list") == 0)
		return c->a.npos == 1 ? 0 : usage_fail(c, "remote list takes nothing more");
	if (strcmp(verb, "add") == 0)
		return c->a.npos == 3 ? 0 : usage_fail(c, "give a name and a URL: remote add NAME URL");
	if (strcmp(verb, "remove") == 0)
		return c->a.npos == 2 ? 0 : usage_fail(c, "give a name: remote remove NAME");
	return usage_fail(c, "unknown remote command '%s' (add, list, remove)", verb);
}

int cmd_remote(struct cmd *c)
{
	const char *verb = c->a.pos[0];
	struct sync_remotes list;

	if (strcmp(verb, "add") == 0) {
		bool checked;
		if (sync_remote_add(c->s, c->a.pos[1], c->a.pos[2], &checked, &c->err) < 0)
			return -1;
		sb_printf(&c->out, _("added remote %s; `coboard sync %s` exchanges changes with it\n"),
			  c->a.pos[1], c->a.pos[1]);
		if (!checked)
			sb_printf(&c->out, _("%s is on another machine: whether it is a board is "
					     "known at its first sync\n"),
				  c->a.pos[1]);
		return 0;
	}
	if (strcmp(verb, "remove") == 0) {
		if (sync_remote_remove(c->s, c->a.pos[1], &c->err) < 0)
			return -1;
		sb_printf(&c->out, _("removed remote %s\n"), c->a.pos[1]);
		return 0;
	}
	sync_remote_list(c->s, &list);
	print_remotes(&list, (long long)time(NULL), &c->out);
	sync_remotes_free(&list);
	return 0;
}

int check_sync(struct cmd *c)
{
	const char *every = opt(c, "every");
	char *end;

	if (every && (strtol(every, &end, 10) < 1 || *end))
		return usage_fail(c, "--every takes a number of seconds, at least 1");
	return 0;
}

/* One sync with each named remote (all of them when none is named); 0 when every one
 * succeeded. */
static int sync_round(struct cmd *c, struct strvec *names)
{
	int failed = 0;

	for (size_t i = 0; i < names->n; i++) {
		struct sync_result r;
		struct cb_error err = {0};

		if (sync_with(c->s, names->v[i], &r, &err) < 0) {
			say_error("%s", err.msg);
			failed = 1;
		} else {
			print_sync_result(names->v[i], &r, &c->out);
		}
		sync_result_free(&r);
		fputs(sb_str(&c->out), stdout);
		fflush(stdout);
		sb_reset(&c->out);
	}
	return failed;
}

int cmd_sync(struct cmd *c)
{
	struct strvec names = {0};
	const char *every = opt(c, "every");

	if (c->a.npos == 1) {
		sv_push(&names, c->a.pos[0]);
	} else {
		struct sync_remotes list;
		sync_remote_list(c->s, &list);
		for (size_t i = 0; i < list.n; i++)
			sv_push(&names, list.v[i].name);
		sync_remotes_free(&list);
		if (!names.n) {
			sv_free(&names);
			return cb_fail(&c->err, CB_ENOTFOUND, "this board has no remote to sync with; "
				       "add one with `coboard remote add NAME URL`");
		}
	}
	int failed = sync_round(c, &names);
	while (every) {
		/* A loop for a service: a failed round is reported and the next one tries again. */
		sleep((unsigned)atoi(every));
		failed = sync_round(c, &names);
	}
	sv_free(&names);
	c->status = failed;
	return 0;
}

/* --- values set aside -------------------------------------------------------------- */

int check_conflicts(struct cmd *c)
{
	if (c->a.npos == 0)
		return 0;
	if (c->a.npos == 2 && strcmp(c->a.pos[0], "resolve") == 0 &&
	    strcmp(c->a.pos[1], "board.conf") == 0)
		return 0;
	if (strcmp(c->a.pos[0], "resolve") != 0 || c->a.npos != 4)
		return usage_fail(c, "conflicts, or conflicts resolve ID FIELD keep|take");
	if (strcmp(c->a.pos[3], "keep") != 0 && strcmp(c->a.pos[3], "take") != 0)
		return usage_fail(c, "say keep (the card's value) or take (the value set aside)");
	return args_card_id(c->a.pos[1], &c->id, &c->err);
}

/* The lines of board.conf a merge set aside, once an admin has decided (and, where the other
 * line was the right one, set it with `coboard member` or by hand). */
static int drop_conf_conflicts(struct board *board, void *arg, struct cb_error *err)
{
	(void)arg;
	if (str_empty(board->conflicts))
		return cb_fail(err, CB_ENOTFOUND, "board.conf has no line set aside");
	str_set(&board->conflicts, "");
	return 0;
}

static int resolve(struct cmd *c)
{
	struct op_result res;

	if (ops_resolve_conflict(c->s, c->id, c->a.pos[2], strcmp(c->a.pos[3], "take") == 0,
				 opt(c, "value"), opt(c, "reason"), &res, &c->err) < 0)
		return -1;
	sb_printf(&c->out, _("decided #%d %s (%.7s)\n"), c->id, c->a.pos[2], res.commit);
	return 0;
}

int cmd_conflicts(struct cmd *c)
{
	struct card_filter filter = {.conflicted = true, .archived = true};
	struct card_list cards;

	if (c->a.npos == 2) {
		struct op_result res;
		if (ops_edit_board(c->s, drop_conf_conflicts, NULL,
				   UNTRANSLATED("Decide the board.conf lines set aside"), "resolve",
				   &res, &c->err) < 0)
			return -1;
		sb_printf(&c->out, _("decided board.conf (%.7s)\n"), res.commit);
		return 0;
	}
	if (c->a.npos)
		return resolve(c);
	if (index_cards(c->s->index, &c->board, &filter, &cards, &c->err) < 0)
		return -1;
	print_conflicts(&cards, &c->board, &c->out);
	card_list_free(&cards);
	return 0;
}

/* --- git's merge driver -------------------------------------------------------------- */

static int read_whole(const char *path, struct strbuf *out, bool *present,
		      struct cb_error *err)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	*present = f != NULL;
	if (!f)
		return errno == ENOENT ? 0 : cb_fail(err, CB_EFAIL, "cannot read %s: %s", path,
						     strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(out, buf, n);
	fclose(f);
	return 0;
}

/* git runs `coboard merge-card %O %A %B %P`: the result replaces %A; exit 0 tells git the
 * file merged cleanly (values set aside are part of a clean merge). */
int cmd_merge_card(struct cmd *c)
{
	struct strbuf text[3] = {{0}}, merged = {0}, tmp = {0};
	struct version v[3];
	bool present[3], keep;
	const char *path = c->a.npos == 4 ? c->a.pos[3] : "cards/1.card";
	int rc = -1;

	/* git always hands the driver three files (an empty one for a side that has none): a
	 * missing one is a mistyped driver line, and keeping ours silently would lose theirs. */
	for (int i = 0; i < 3; i++) {
		if (read_whole(c->a.pos[i], &text[i], &present[i], &c->err) < 0)
			goto out;
		if (!present[i]) {
			cb_fail(&c->err, CB_ENOTFOUND, "%s does not exist: the merge driver is given "
				"three files (check the line: git config merge.coboard.driver "
				"\"coboard merge-card %%O %%A %%B %%P\"); nothing was merged",
				c->a.pos[i]);
			goto out;
		}
		v[i] = (struct version){text[i].len ? sb_str(&text[i]) : NULL, text[i].len};
	}
	if (merge_file(path, v[0], v[1], v[2], &merged, &keep, &c->err) < 0)
		goto out;
	sb_printf(&tmp, "%s.coboard-merge", c->a.pos[1]);
	FILE *f = fopen(sb_str(&tmp), "wb");
	bool written = f && fwrite(merged.buf ? merged.buf : "", 1, merged.len, f) == merged.len;
	if (f && fclose(f) != 0)
		written = false;
	if (!written || rename(sb_str(&tmp), c->a.pos[1]) < 0) {
		cb_fail(&c->err, CB_EFAIL, "cannot write %s: %s", c->a.pos[1], strerror(errno));
		unlink(sb_str(&tmp));
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < 3; i++)
		sb_free(&text[i]);
	sb_free(&merged);
	sb_free(&tmp);
	return rc;
}

/* --- this server's site -------------------------------------------------------------- */

int cmd_site(struct cmd *c)
{
	struct strbuf name = {0};
	struct op_result res;

	if (c->a.npos > 0) {
		int number = c->a.npos == 2 ? atoi(c->a.pos[1]) : 0;
		if (c->a.npos == 2 && (number < 1 || number > BOARD_SITE_MAX))
			return usage_fail(c, "a site number runs from 1 to %d", BOARD_SITE_MAX);
		bool reserved;
		if (sync_set_site(c->s, c->a.pos[0], number, flag(c, "this-server"), &reserved, &res,
				  &c->err) < 0)
			return -1;
		struct board board;
		if (index_board(c->s->index, &board, &c->err) < 0)
			return -1;
		const struct site *site = board_site(&board, c->a.pos[0]);
		if (reserved) {
			sync_site_name(c->s, &name);
			sb_printf(&c->out, _("reserved number %02d for site %s: cards added there get ids "
					     "ending in %02d; this server stays site %s (to rename it: "
					     "coboard site %s --this-server)\n"),
				  site ? site->number : 0, c->a.pos[0], site ? site->number : 0,
				  sb_str(&name), c->a.pos[0]);
			sb_free(&name);
		} else {
			sb_printf(&c->out, _("this server is site %s: cards added here get ids ending "
					     "in %02d\n"),
				  c->a.pos[0], site ? site->number : 0);
		}
		board_free(&board);
		return 0;
	}
	if (sync_site_name(c->s, &name)) {
		sb_puts(&c->out, _("this server: "));
		text_sanitize(sb_str(&name), &c->out);
		sb_putc(&c->out, '\n');
	} else {
		sb_puts(&c->out, _("this server has no site yet (an admin names it: coboard site NAME)\n"));
	}
	for (size_t i = 0; i < c->board.nsites; i++) {
		sb_printf(&c->out, "site %02d ", c->board.sites[i].number);
		text_sanitize(c->board.sites[i].name, &c->out);
		sb_putc(&c->out, '\n');
	}
	sb_free(&name);
	return 0;
}
