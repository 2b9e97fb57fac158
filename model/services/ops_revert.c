/* Undo: a new commit restoring what one commit changed on a card. */
#include "i18n.h"
#include "ops_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "rank.h"
#include "utf8.h"
#include "repo.h"

/* A commit to undo, read from git: the card before and after it (first parent), so notes
 * keep their identity and a move its place. */
struct revert_args {
	char oid[GIT_OID_HEXSZ + 1];
	bool force;
	char *subject, *member; /* of the commit undone */
	struct card old, new;
	bool added; /* the commit created the card */
};

/* The string slot of a single-valued text field, NULL for the others. */
static char **text_field(struct card *c, const char *field)
{
	if (strcmp(field, "title") == 0)
		return &c->title;
	if (strcmp(field, "column") == 0)
		return &c->column;
	if (strcmp(field, "lead") == 0)
		return &c->lead;
	if (strcmp(field, "due") == 0)
		return &c->due;
	if (strcmp(field, "description") == 0)
		return &c->description;
	return NULL;
}

static struct strvec *list_field(struct card *c, const char *field)
{
	if (strcmp(field, "co") == 0)
		return &c->co;
	if (strcmp(field, "labels") == 0)
		return &c->labels;
	return NULL;
}

/* Puts the card back at rank in its column; when another card took that very rank
 * meanwhile, just after it. */
static int restore_rank(struct op_state *st, const char *rank, struct cb_error *err)
{
	struct strvec ranks = {0};
	int *ids = NULL, rc = 0;

	if (index_column_ranks(st->s->index, st->after.column, st->after.id, &ids, &ranks, err) < 0)
		return -1;
	str_set(&st->after.rank, rank);
	for (size_t i = 0; i < ranks.n; i++) {
		if (strcmp(ranks.v[i], rank) != 0)
			continue;
		char *between = rank_between(ranks.v[i], i + 1 < ranks.n ? ranks.v[i + 1] : NULL);
		if (between)
			str_set(&st->after.rank, between);
		else
			rc = ops_place_card(st, 0, 0, err);
		free(between);
		break;
	}
	free(ids);
	sv_free(&ranks);
	return rc;
}

/* Whether the acting member may undo a change made by author: their own, or one whose
 * author's role is not above theirs. */
static int may_revert(const struct op_state *st, const char *author, struct cb_error *err)
{
	enum role mine = board_role(st->board, st->s->login);
	enum role theirs = board_role(st->board, author);

	if (str_empty(author) || strcmp(author, st->s->login) == 0 || mine >= theirs)
		return 0;
	return cb_fail(err, CB_EDENIED,
		       "%s may not undo a change by %s: it was made with the %s role, and undoing it "
		       "needs that role; ask %s or a %s",
		       st->s->login, author, role_name(theirs), author, role_name(theirs));
}

static int revert_field(struct op_state *st, struct revert_args *r,
			const struct field_change *fc, struct cb_error *err)
{
	struct card *c = &st->after;
	struct log_list later = {0};
	char **slot;
	struct strvec *list;

	if (index_later_change(st->s->index, r->oid, c->id, fc->field, &later, err) < 0)
		return -1;
	if (later.n && !r->force) {
		cb_fail(err, CB_ECONFLICT,
			"a later change stands in the way: %s of #%d was changed by %s in %.7s "
			"(\"%s\"); undo that first, or use --force",
			fc->field, c->id, later.v[0].author, later.v[0].commit, later.v[0].subject);
		log_list_free(&later);
		return -1;
	}
	log_list_free(&later);
	if ((slot = text_field(c, fc->field)))
		str_set(slot, fc->old_value);
	else if ((list = list_field(c, fc->field))) {
		sv_free(list);
		sv_split_list(list, fc->old_value);
	} else if (strcmp(fc->field, "archived") == 0)
		c->archived = strcmp(fc->old_value, "yes") == 0;
	return 0;
}

static size_t note_count(const struct card *card, const struct note *note)
{
	size_t n = 0;

	for (size_t i = 0; i < card->nnotes; i++)
		n += note_same(&card->notes[i], note);
	return n;
}

/* True when a note before index i of card has the identity of note i. */
static bool seen_before(const struct card *card, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (note_same(&card->notes[j], &card->notes[i]))
			return true;
	return false;
}

/* Undoes on c what went from old to new in the notes, counting identical notes (same author,
 * second and text) as many times as they occur. */
static void revert_notes(struct card *c, const struct card *old, const struct card *new)
{
	for (size_t i = 0; i < new->nnotes; i++) {
		const struct note *n = &new->notes[i];
		size_t have = note_count(new, n), had = note_count(old, n);

		for (; !seen_before(new, i) && have > had && card_remove_note(c, n); have--)
			;
	}
	for (size_t i = 0; i < old->nnotes; i++) {
		const struct note *n = &old->notes[i];
		size_t had = note_count(old, n), have = note_count(new, n);

		for (; !seen_before(old, i) && had > have; had--)
			card_insert_note(c, n);
	}
}

static int apply_revert(struct op_state *st, void *arg, struct cb_error *err)
{
	struct revert_args *r = arg;
	struct card *c = &st->after;
	struct change_list changes = {0};
	struct strbuf text = {0};
	int rc = 0;

	if (may_revert(st, r->member, err) < 0)
		return -1;
	if (r->added) {
		/* A card once seen keeps its id and its history: undoing its creation withdraws it. */
		if (c->archived)
			return cb_fail(err, CB_EINVALID, "#%d is already archived", c->id);
		c->archived = true;
		sb_printf(&text, "Revert \"%s\" (archives #%d)", r->subject, c->id);
	} else {
		history_diff(&r->old, &r->new, &changes);
		for (size_t i = 0; i < changes.n && rc == 0; i++)
			if (strcmp(changes.v[i].field, "note") != 0 &&
			    strcmp(changes.v[i].field, "request") != 0 &&
			    strcmp(changes.v[i].field, "decision") != 0)
				rc = revert_field(st, r, &changes.v[i], err);
		/* A request or a decision undone is withdrawn; one the change removed comes back. */
		for (size_t i = 0; rc == 0 && i < r->new.nsteps; i++)
			if (!card_has_step(&r->old, &r->new.steps[i]))
				card_remove_step(c, &r->new.steps[i]);
		for (size_t i = 0; rc == 0 && i < r->old.nsteps; i++)
			if (!card_has_step(&r->new, &r->old.steps[i]))
				card_insert_step(c, &r->old.steps[i]);
		/* Notes by identity: the ones the change added go, the ones it removed come back;
		 * every other note, later ones included, stays as it is. */
		if (rc == 0)
			revert_notes(c, &r->old, &r->new);
		if (rc == 0 && strcmp(r->old.rank, r->new.rank) != 0 &&
		    strcmp(c->column, r->old.column) == 0) {
			if (strcmp(c->rank, r->new.rank) != 0 &&
			    strcmp(r->old.column, r->new.column) == 0 && !r->force)
				rc = cb_fail(err, CB_ECONFLICT,
					     "#%d was moved again since; undo that first, or use --force",
					     c->id);
			else
				rc = restore_rank(st, r->old.rank, err);
		} else if (rc == 0 && strcmp(c->column, st->before->column) != 0)
			rc = ops_place_card(st, 0, 0, err);
		sb_printf(&text, "Revert \"%s\"", r->subject);
	}
	change_list_free(&changes);
	st->subject = sb_detach(&text);
	sb_printf(&text, "Reverts: %s\n", r->oid);
	st->trailers = sb_detach(&text);
	return rc;
}

/* Reads what commit did to one card, refusing commits that are not a card change. */
static int load_revert(struct session *s, struct revert_args *r, int *card, struct cb_error *err)
{
	struct commit_info info;
	const struct file_change *fc = NULL;
	struct cb_error perr = {0};
	git_oid oid;
	int rc = -1;

	if (git_oid_fromstr(&oid, r->oid) < 0 || repo_commit_info(s->repo, &oid, &info, err) < 0)
		goto out;
	if (strstr(info.message, UNTRANSLATED("\nOp: meeting-"))) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") is a meeting record; meetings are "
			"part of the record and are not undone", r->oid, r->subject);
		goto out;
	}
	if (info.merge) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") merged another board's changes; undo "
			"those changes one by one (`coboard log` lists them)", r->oid, r->subject);
		goto out;
	}
	for (size_t i = 0; i < info.nchanges; i++) {
		if (strncmp(info.changes[i].path, "meetings/", 9) == 0) {
			cb_fail(err, CB_EINVALID, "%.7s (\"%s\") is a meeting record; meetings are "
				"part of the record and are not undone", r->oid, r->subject);
			goto out;
		}
	}
	if (info.nchanges > 1) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") is not a change of one card; only card "
			"changes are undone", r->oid, r->subject);
		goto out;
	}
	if (info.nchanges == 1 && strcmp(info.changes[0].path, "board.conf") == 0) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") changed board.conf (members, columns, "
			"agencies); change it back with `coboard member` or as an admin",
			r->oid, r->subject);
		goto out;
	}
	if (info.nchanges == 1 && card_id_from_path(info.changes[0].path))
		fc = &info.changes[0];
	if (!fc) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") changed no card; nothing to revert", r->oid,
			r->subject);
		goto out;
	}
	*card = card_id_from_path(fc->path);
	if (!fc->new_text) {
		cb_fail(err, CB_EINVALID, "%.7s removed the file of #%d; restore it with git, not "
			"with revert", r->oid, *card);
		goto out;
	}
	r->added = !fc->old_text;
	card_free(&r->old);
	card_free(&r->new);
	if ((!r->added && card_parse(&r->old, fc->old_text, fc->old_len, &perr) < 0) ||
	    card_parse(&r->new, fc->new_text, fc->new_len, &perr) < 0) {
		cb_fail(err, CB_EINVALID, "#%d did not parse around %.7s (%s); fix the card by hand",
			*card, r->oid, perr.msg);
		goto out;
	}
	rc = 0;
out:
	commit_info_free(&info);
	return rc;
}

int ops_revert(struct session *s, const char *commit, bool force, struct op_result *res,
	       struct cb_error *err)
{
	struct revert_args r = {.force = force};
	git_oid oid;
	int card = 0, rc = -1;

	memset(res, 0, sizeof(*res));
	card_init(&r.old);
	card_init(&r.new);
	if (repo_resolve(s->repo, commit, &oid, err) < 0 || index_refresh(s->index, err) < 0)
		goto out;
	git_oid_tostr(r.oid, sizeof(r.oid), &oid);
	if (index_commit_summary(s->index, r.oid, &r.subject, &r.member, err) < 0 ||
	    load_revert(s, &r, &card, err) < 0)
		goto out;
	rc = ops_run_card_op(s, card, "revert", NULL, apply_revert, &r, res, err);
out:
	free(r.subject);
	free(r.member);
	card_free(&r.old);
	card_free(&r.new);
	return rc;
}

