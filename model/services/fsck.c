#include "fsck.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "check.h"
#include "i18n.h"
#include "meeting.h"

struct fsck_ctx {
	struct session *s;
	struct strvec *problems;
	size_t ncards;
};

/* A card that keeps the rules must also be canonical and match the index. */
static void fsck_card(const struct card *card, const char *path, const char *text, size_t len,
		      void *ctx_)
{
	struct fsck_ctx *ctx = ctx_;
	struct strbuf msg = {0}, canonical = {0}, indexed = {0};
	struct cb_error ierr = {0};
	struct card from_index;

	ctx->ncards++;
	card_format(card, &canonical);
	if (canonical.len != len || memcmp(sb_str(&canonical), text, len) != 0) {
		sb_printf(&msg, _("%s: not in canonical form (the next change rewrites it)"), path);
	} else if (index_card(ctx->s->index, card->id, &from_index, &ierr) < 0) {
		sb_printf(&msg, _("%s: missing from the index; run `coboard reindex`"), path);
		card_free(&from_index);
	} else {
		card_format(&from_index, &indexed);
		if (strcmp(sb_str(&indexed), sb_str(&canonical)) != 0)
			sb_printf(&msg, _("%s: the index differs from git; run `coboard reindex`"),
				  path);
		card_free(&from_index);
	}
	if (msg.len)
		sv_push(ctx->problems, sb_str(&msg));
	sb_free(&msg);
	sb_free(&canonical);
	sb_free(&indexed);
}

/* Minutes left untagged by a killed writer are tagged now, and reported. */
static void fsck_meeting_tags(struct session *s, struct strvec *problems)
{
	struct strvec made = {0};
	struct cb_error err = {0};

	if (meeting_repair_tags(s, true, &made, &err) < 0)
		sv_push(problems, err.msg);
	for (size_t i = 0; i < made.n; i++) {
		struct strbuf msg = {0};
		sb_printf(&msg, _("the minutes' tag %s was missing; it is made now"), made.v[i]);
		sv_push(problems, sb_str(&msg));
		sb_free(&msg);
	}
	sv_free(&made);
}

/* The index must list exactly the cards git holds that keep the rules. */
static void fsck_count(struct session *s, const struct board *board, size_t ncards,
		       struct strvec *problems)
{
	struct card_filter all = {.archived = true};
	struct card_list cards = {0};
	struct cb_error err = {0};

	if (board->ncolumns && index_cards(s->index, board, &all, &cards, &err) == 0 &&
	    cards.n != ncards) {
		struct strbuf msg = {0};
		sb_printf(&msg, _("the index lists %zu cards, git holds %zu valid ones"), cards.n,
			  ncards);
		sv_push(problems, sb_str(&msg));
		sb_free(&msg);
	}
	card_list_free(&cards);
}

/* History only grows: a branch found moved backwards is named until the commits are back. */
static void fsck_history_kept(struct session *s, struct strvec *problems)
{
	struct strvec lost = {0};

	repo_rewound_commits(s->repo, &lost);
	for (size_t i = 0; i < lost.n; i++) {
		char had[64], now[64];
		long long when;
		struct strbuf msg = {0};
		char day[32];
		time_t t = (time_t)when;
		struct tm tm;

		if (sscanf(lost.v[i], "%63s %63s %lld", had, now, &when) != 3)
			continue;
		strftime(day, sizeof(day), "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
		sb_printf(&msg,
			  _("main moved backwards: it no longer holds %.7s, which this board had "
			    "(seen %s, when main had become %.7s); a forced push or a reset took "
			    "history away. If the objects are still here, `git --git-dir=%s branch "
			    "rescued %s` keeps them; merge them back with `coboard` or plain git"),
			  had, day, now, s->board_path, had);
		sv_push(problems, sb_str(&msg));
		sb_free(&msg);
	}
	sv_free(&lost);
}

/* Only the board's own pre-receive hook belongs in hooks/ (git's *.sample files do no harm):
 * anything else would run as whoever pushes or packs. */
static void fsck_hooks(struct session *s, struct strvec *problems)
{
	struct strbuf dir = {0}, msg = {0};
	DIR *d;
	struct dirent *e;

	sb_printf(&dir, "%shooks", repo_gitdir(s->repo));
	if (!(d = opendir(sb_str(&dir)))) {
		sb_free(&dir);
		return;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || strcmp(e->d_name, "pre-receive") == 0 ||
		    (len > 7 && strcmp(e->d_name + len - 7, ".sample") == 0))
			continue;
		sb_reset(&msg);
		sb_printf(&msg, _("hooks/%s: coboard did not put it there, and git would run it; "
			  "remove it unless this server's administrator did"), e->d_name);
		sv_push(problems, sb_str(&msg));
	}
	closedir(d);
	sb_free(&dir);
	sb_free(&msg);
}

int fsck_board(struct session *s, struct strvec *problems, size_t *ncards, struct cb_error *err)
{
	struct fsck_ctx ctx = {s, problems, 0};
	struct cb_error perr = {0};
	struct board board = {0};
	char hex[GIT_OID_HEXSZ + 1];
	git_oid tip;

	*ncards = 0;
	git_api_verify_reads();
	if (index_begin_write(s->index, err) < 0)
		return -1;
	if (index_sync(s->index, NULL, NULL, err) < 0) {
		index_rollback(s->index);
		return -1;
	}
	if (index_check(s->index, problems, &perr) < 0)
		sv_push(problems, perr.msg);
	fsck_meeting_tags(s, problems);
	fsck_history_kept(s, problems);
	fsck_hooks(s, problems);
	cb_error_clear(&perr);
	if (repo_tip(s->repo, &tip, &perr) < 0 ||
	    check_tree(s->repo, &tip, &board, problems, fsck_card, &ctx, &perr) < 0) {
		sv_push(problems, perr.msg);
	} else {
		git_oid_tostr(hex, sizeof(hex), &tip);
		if (strcmp(hex, index_tip(s->index)) != 0)
			sv_push(problems,
				_("the index is behind the branch; run `coboard reindex`"));
		*ncards = ctx.ncards;
		fsck_count(s, &board, ctx.ncards, problems);
	}
	board_free(&board);
	cb_error_clear(&perr);
	index_commit(s->index, &perr); /* keeps the sync made above */
	return 0;
}
