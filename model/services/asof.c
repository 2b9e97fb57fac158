#include "asof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "repo.h"

/* The board at the end of day: the last commit before the next day's first second. */
static int last_commit_of(struct session *s, const char *day, struct cb_oid *out,
			  struct cb_error *err)
{
	if (index_commit_before(s->index, date_day_end(day), out, err) < 0) {
		if (err->code == CB_ENOTFOUND) {
			cb_error_clear(err);
			cb_fail(err, CB_ENOTFOUND, "the board has no commit on or before that date: it "
				"did not exist yet on %s", day);
		}
		return -1;
	}
	return 0;
}

/* A commit named as git names one (an id, a tag, main~3), only from the board's own history. */
static int resolve_in_main(struct session *s, const char *spec, struct cb_oid *out,
			   struct cb_error *err)
{
	git_oid found, tip;

	if (repo_resolve(s->repo, spec, &found, err) < 0 || repo_tip(s->repo, &tip, err) < 0)
		return -1;
	/* Only the board's own history is how it stood: a commit of another branch never was. */
	if (!repo_descends_from(s->repo, &tip, &found))
		return cb_fail(err, CB_ENOTFOUND, "'%s' is not in the board's history (its branch "
			       "main); give a date, a commit of main or last-meeting", spec);
	oid_from_git(out, &found);
	return 0;
}

int asof_resolve(struct session *s, const char *spec, struct cb_oid *out, struct cb_error *err)
{
	char day[11];

	if (date_parse(spec, day))
		return last_commit_of(s, day, out, err);
	if (strcmp(spec, "last-meeting") == 0 || strcmp(spec, "before-last-meeting") == 0) {
		char oid[41];
		if ((spec[0] == 'l' ? index_last_meeting(s->index, oid, err)
				    : index_before_last_meeting(s->index, oid, err)) < 0)
			return -1;
		if (!oid[0])
			return cb_fail(err, CB_ENOTFOUND,
				       "no meeting has been held yet; give a date or a commit");
		return cb_oid_fromstr(out, oid) == 0
			       ? 0
			       : cb_fail(err, CB_ECORRUPT, "bad commit id '%s' in the index; run "
					 "`coboard reindex`", oid);
	}
	/* Shaped as a date either way people write one, but no real day: not a commit id. */
	if ((strlen(spec) == 10 && spec[4] == '-' && spec[7] == '-') ||
	    (strchr(spec, '.') && strspn(spec, "0123456789.") == strlen(spec)))
		return cb_fail(err, CB_EINVALID,
			       "'%s' is not a real date; write it as YYYY-MM-DD or DD.MM.YYYY", spec);
	return resolve_in_main(s, spec, out, err);
}

int asof_load(struct session *s, const struct cb_oid *commit_id, struct board_state *st,
	      struct cb_error *err)
{
	git_oid git_id, *commit = &git_id;
	struct strvec paths = {0};
	struct strbuf text = {0};
	bool found;
	int rc = -1;

	oid_to_git(&git_id, commit_id);
	memset(st, 0, sizeof(*st));
	cb_oid_tostr(st->oid, commit_id);
	struct cb_error no_time = {0};
	if (repo_commit_time(s->repo, commit, &st->time, &no_time) == 0) {
		time_t t = (time_t)st->time;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(st->day, sizeof(st->day), "%Y-%m-%d", &tm);
	}
	if (repo_read(s->repo, commit, "board.conf", &text, &found, err) < 0)
		goto out;
	if (!found) {
		cb_fail(err, CB_ECORRUPT, "commit %.7s has no board.conf", st->oid);
		goto out;
	}
	if (board_parse(&st->board, text.buf, text.len, err) < 0) {
		cb_error_prefix(err, "board.conf at %.7s: ", st->oid);
		goto out;
	}
	if (repo_list_cards(s->repo, commit, &paths, err) < 0)
		goto out;
	for (size_t i = 0; i < paths.n; i++) {
		struct cb_error ignored = {0};
		struct card card;
		int id = card_id_from_path(paths.v[i]);

		sb_reset(&text);
		if (!id || repo_read(s->repo, commit, paths.v[i], &text, &found, err) < 0)
			continue;
		/* A card that did not parse then is left out, as the index left it out. */
		if (card_parse(&card, sb_str(&text), text.len, &ignored) < 0) {
			card_free(&card);
			continue;
		}
		card.id = id;
		*card_list_add(&st->cards) = card;
	}
	{
		struct card_filter all = {.archived = true};
		card_list_filter(&st->cards, &all, &st->board);
	}
	rc = 0;
out:
	sv_free(&paths);
	sb_free(&text);
	return rc;
}

int asof_resolve_since(struct session *s, const char *spec, struct cb_oid *out, bool *before_all,
		       struct cb_error *err)
{
	char day[11];

	*before_all = false;
	if (!date_parse(spec, day))
		return asof_resolve(s, spec, out, err);
	if (index_commit_before(s->index, date_day_start(day), out, err) == 0)
		return 0;
	if (err->code != CB_ENOTFOUND)
		return -1;
	cb_error_clear(err);
	*before_all = true;
	return 0;
}

void board_state_free(struct board_state *st)
{
	board_free(&st->board);
	card_list_free(&st->cards);
}

