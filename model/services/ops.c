#include "ops_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "authority.h"
#include "history.h"
#include "i18n.h"
#include "meeting_state.h"
#include "rank.h"
#include "utf8.h"
#include "ops_file.h"

enum { CAS_RETRIES = 8, OPTIMISTIC_TRIES = 2, SUBJECT_TITLE_MAX = 60 };


/* COBOARD_FAULT=after-commit: die between the git commit and the index update, as a killed
 * process would. Used by tests to prove the next command repairs the index. */
static void fault_point(const char *name)
{
	const char *fault = getenv("COBOARD_FAULT");

	if (fault && strcmp(fault, name) == 0)
		_exit(70);
}

static void title_for_subject(const char *title, struct strbuf *out)
{
	size_t len = strlen(title), i = 0;
	int count = 0;

	while (i < len && count < SUBJECT_TITLE_MAX) {
		uint32_t cp;
		i += utf8_decode(title + i, len - i, &cp);
		count++;
	}
	sb_add(out, title, i);
	if (i < len)
		sb_puts(out, "...");
}

/* Field changes as commit-body lines; long or multi-line values are summarised. */
static void describe_changes(const struct change_list *changes, struct strbuf *body)
{
	for (size_t i = 0; i < changes->n; i++) {
		const struct field_change *c = &changes->v[i];

		sb_printf(body, "%s: ", c->field);
		history_word_change_in_git(c->field, c->old_value, c->new_value, body);
		sb_putc(body, '\n');
	}
}

static const char *column_name(const struct board *board, const char *key)
{
	const struct column_def *c = board_column(board, key);

	return c ? c->name : key;
}

static const struct field_change *find_change(const struct change_list *changes,
					      const char *field)
{
	for (size_t i = 0; i < changes->n; i++)
		if (strcmp(changes->v[i].field, field) == 0)
			return &changes->v[i];
	return NULL;
}

/* The subject says in plain words what happened, from the field changes themselves, so every
 * op (and the app's edit form) is described the same way. */
static void describe_subject(struct op_state *st, const struct change_list *changes,
			     struct strbuf *out)
{
	const struct field_change *column = find_change(changes, "column");
	const struct field_change *lead = find_change(changes, "lead");
	const struct field_change *co = find_change(changes, "co");
	const struct field_change *due = find_change(changes, "due");
	const struct field_change *archived = find_change(changes, "archived");
	int id = st->after.id;

	if (!st->before) {
		sb_printf(out, "Add #%d: ", id);
		title_for_subject(st->after.title, out);
	} else if (changes->n == 0 || (changes->n == 1 && strcmp(changes->v[0].field, "order") == 0)) {
		sb_printf(out, "Reorder #%d in %s", id, column_name(st->board, st->after.column));
	} else if (archived && st->after.archived) {
		sb_printf(out, "Archive #%d: ", id);
		title_for_subject(st->after.title, out);
	} else if (changes->n == 1 && column) {
		sb_printf(out, "Move #%d from %s to %s", id, column_name(st->board, column->old_value),
			  column_name(st->board, column->new_value));
	} else if (lead && changes->n == (co ? 2u : 1u)) {
		sb_printf(out, UNTRANSLATED("Reassign #%d lead from %s to %s"), id, lead->old_value,
			  lead->new_value);
		if (co) {
			sb_puts(out, "; co-executors ");
			history_word_list_change(co->old_value, co->new_value, NULL, out);
		}
	} else if (co && changes->n == 1) {
		sb_printf(out, "Change #%d co-executors ", id);
		history_word_list_change(co->old_value, co->new_value, NULL, out);
	} else if (due && changes->n == 1) {
		if (!*due->old_value)
			sb_printf(out, UNTRANSLATED("Set #%d due date to %s"), id, due->new_value);
		else if (!*due->new_value)
			sb_printf(out, UNTRANSLATED("Clear #%d due date (was %s)"), id,
				  due->old_value);
		else
			sb_printf(out, UNTRANSLATED("Change #%d due date from %s to %s"), id,
				  due->old_value, due->new_value);
	} else if (changes->n == 1 && strcmp(changes->v[0].field, "note") == 0) {
		sb_printf(out, UNTRANSLATED("Add a note to #%d"), id);
	} else {
		sb_printf(out, "Edit #%d:", id);
		for (size_t i = 0; i < changes->n; i++)
			if (i == 0 || strcmp(changes->v[i].field, changes->v[i - 1].field) != 0)
				sb_printf(out, "%s %s", i ? "," : "", changes->v[i].field);
	}
}

static void build_message(struct op_state *st, const char *op, const char *reason,
			  const struct change_list *changes, struct strbuf *msg)
{
	if (st->subject)
		sb_puts(msg, st->subject);
	else
		describe_subject(st, changes, msg);
	sb_puts(msg, "\n\n");
	describe_changes(changes, msg);
	for (size_t i = 0; i < st->nroom; i++) {
		sb_printf(msg, "#%d order: ", st->room_after[i].id);
		history_word_change_in_git("order", st->room_before[i].rank, st->room_after[i].rank,
					   msg);
		sb_puts(msg, UNTRANSLATED(" (made room)\n"));
	}
	if (!str_empty(reason))
		sb_printf(msg, "\nReason: %s\n", reason);
	sb_printf(msg, "%s%sCard: %d\nOp: %s\nMember: %s\n", str_empty(reason) ? "\n" : "",
		  st->trailers ? st->trailers : "", st->after.id, op, st->s->login);
}

/* A mirror's branch follows another board: what is written here the next fetch throws away. */
static int refuse_on_mirror(struct session *s, struct cb_error *err)
{
	struct strbuf url = {0};
	int rc = 0;

	if (repo_mirror_of(s->repo, &url))
		rc = cb_fail(err, CB_EDENIED,
			     "this board is a mirror of %s: a change made here would be lost at the "
			     "next update of the mirror; make it on that board",
			     url.len ? sb_str(&url) : _("another board"));
	sb_free(&url);
	return rc;
}

/* A board made before cards had folders gets them at its first write, in a commit of its
 * own by the member writing, just before that write's commit: every card keeps its history
 * and the change stays one commit. *tip moves on to it. Under the commit lock. */
static int move_into_folders(struct session *s, git_oid *tip, struct cb_error *err)
{
	struct identity who = {s->login, s->name, s->email};
	git_oid moved_to;
	bool moved = false;
	struct strbuf msg = {0};
	int rc;

	sb_printf(&msg, "Move cards into folders by id\n\nEach card moves from cards/<id>.card to "
		  "cards/<folder>/<id>.card, the folder being the id's hundreds and thousands "
		  "(#1234 to cards/12/1234.card); no card changes.\n\nOp: layout\nMember: %s\n",
		  s->login);
	rc = repo_move_into_folders(s->repo, tip, &who, sb_str(&msg), &moved_to, &moved, err);
	sb_free(&msg);
	if (rc == 0 && moved)
		*tip = moved_to;
	return rc;
}

/* The commit of a change decided on the board as it was at base, under the commit lock: on
 * the branch's tip if what the change was decided on still holds there (for a card op, the
 * card and board.conf are as they were; for any other, nothing moved at all). Returns 1
 * when it does not: decide again. */
static int commit_on_tip(struct session *s, const git_oid *base, int card,
			 const struct file_update *updates, size_t n, const char *message,
			 long long when, git_oid *out, git_oid *parent, struct cb_error *err)
{
	struct identity who = {s->login, s->name, s->email, when};
	git_oid tip;
	int rc;

	if (repo_lock_commits(s->repo, err) < 0)
		return -1;
	rc = repo_tip(s->repo, &tip, err);
	if (rc == 0 && (card ? !repo_same_card_and_board(s->repo, base, &tip, card)
			     : !git_oid_equal(base, &tip)))
		rc = 1;
	if (rc == 0)
		rc = move_into_folders(s, &tip, err);
	*parent = tip;
	if (rc == 0 && repo_commit(s->repo, &tip, updates, n, &who, message, out, err) < 0) {
		rc = -1;
		if (err->code == CB_ECONFLICT) { /* git itself moved the branch meanwhile */
			cb_error_clear(err);
			rc = 1;
		}
	}
	repo_unlock_commits(s->repo);
	return rc;
}

static int lock_and_sync(struct session *s, struct board *board, struct cb_error *err)
{
	memset(board, 0, sizeof(*board));
	if (refuse_on_mirror(s, err) < 0)
		return -1;
	if (index_begin_write(s->index, err) < 0)
		return -1;
	if (index_sync(s->index, NULL, NULL, err) < 0 || index_board(s->index, board, err) < 0) {
		board_free(board);
		index_rollback(s->index);
		return -1;
	}
	session_refresh_identity(s, board);
	/* Minutes committed by a writer killed before it tagged them get their tag now. */
	struct cb_error ignored = {0};
	meeting_repair_tags(s, false, NULL, &ignored);
	return 0;
}

/* Brings the index up to the commit just made: from what the writer holds (own, NULL for a
 * commit made elsewhere), else read from git. */
static int finish_commit(struct session *s, const struct own_commit *own, struct op_result *res,
			 struct cb_error *err)
{
	int indexed = own ? index_own_commit(s->index, own, err) : 1;

	fault_point("after-commit");
	if (indexed < 0 || (indexed == 1 && index_sync(s->index, NULL, NULL, err) < 0) ||
	    index_commit(s->index, err) < 0) {
		index_rollback(s->index);
		/* The commit is in git; the next command's sync indexes it. */
		cb_error_prefix(err, "saved in git, but ");
		return -1;
	}
	snprintf(res->commit, sizeof(res->commit), "%s", index_tip(s->index));
	res->changed = true;
	/* The writer lock is released: packing, when due, starts now and runs on its own. */
	git_oid tip;
	if (git_oid_fromstr(&tip, res->commit) == 0)
		repo_pack_if_due(s->repo, &tip);
	return 0;
}

/* The id of a new card: the next one; on a board shared between offices (it has sites, or
 * git remotes), the next one ending in this office's site number, so two offices adding
 * cards at once never make the same id. */
static int new_card_id(struct session *s, const struct board *board, int *id,
		       struct cb_error *err)
{
	if (index_next_id(s->index, id, err) < 0)
		return -1;
	return ops_on_site(s, board, id, err);
}

int ops_on_site(struct session *s, const struct board *board, int *id, struct cb_error *err)
{
	struct strbuf name = {0};
	const struct site *site;

	if (board->nsites == 0 && !repo_has_remotes(s->repo))
		return 0;
	repo_config_get(s->repo, "coboard.site", &name);
	site = board_site(board, sb_str(&name));
	if (!site) {
		cb_fail(err, CB_EINVALID,
			"this board is shared with other offices, and each office adds cards under "
			"its own site number; name this server's site first: coboard site NAME "
			"(an admin, once)");
		sb_free(&name);
		return -1;
	}
	sb_free(&name);
	*id += (site->number - *id % 100 + 100) % 100;
	if (*id > CARD_ID_MAX)
		return cb_fail(err, CB_EINVALID, "this site has no card ids left (at most %d)",
			       CARD_ID_MAX);
	return 0;
}

/* The card as it is (or a new id for an add), once the member may change it. */
static int load_for_change(struct session *s, int id, const struct board *board,
			   struct card *before, struct op_state *st, struct cb_error *err)
{
	const char *denied;

	if (id == 0)
		return new_card_id(s, board, &st->after.id, err);
	card_free(before);
	if (index_card(s->index, id, before, err) < 0)
		return -1;
	if ((denied = board_may_edit_card(board, s->login, before)))
		return cb_fail(err, CB_EDENIED, "%s may not change #%d: %s", s->login, id, denied);
	st->before = before;
	card_free(&st->after);
	card_copy(&st->after, before);
	return 0;
}

/* The files of a card op's commit: the card's text and those of the cards that made room. */
struct card_files {
	struct file_update *updates;
	struct strbuf *texts;
	char (*paths)[32];
	size_t n;
};

static void card_files_of(const struct op_state *st, struct card_files *f)
{
	f->n = 1 + st->nroom;
	f->updates = xcalloc(f->n, sizeof(*f->updates));
	f->texts = xcalloc(f->n, sizeof(*f->texts));
	f->paths = xcalloc(f->n, sizeof(*f->paths));
	for (size_t i = 0; i < f->n; i++) {
		const struct card *c = i ? &st->room_after[i - 1] : &st->after;
		card_format(c, &f->texts[i]);
		card_path(c->id, f->paths[i]);
		f->updates[i] = (struct file_update){f->paths[i], f->texts[i].buf, f->texts[i].len};
	}
}

static void card_files_free(struct card_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		sb_free(&f->texts[i]);
	free(f->texts);
	free(f->paths);
	free(f->updates);
	memset(f, 0, sizeof(*f));
}

/* Writes the card's new text as one commit on the board as it was at base, or on a later
 * tip that holds the same card and board.conf: 1 when it does not (retry). own is filled in
 * for the index (its files stay f's). */
static int commit_card(struct session *s, const struct op_state *st, const git_oid *base,
		       const struct card_files *f, const struct strbuf *msg, struct own_commit *own,
		       struct cb_error *err)
{
	git_oid commit, parent;
	int rc;

	if (f->texts[0].len > CARD_FILE_MAX)
		return cb_fail(err, CB_EINVALID,
			       "#%d would be %zu KiB with this change, over the limit of %d KiB for "
			       "a card with its notes; carry on in a new card and archive this one",
			       st->after.id, f->texts[0].len / 1024, CARD_FILE_MAX / 1024);
	/* The cards' texts do not depend on the tip: they are written before the commit lock.
	 * With other cards, nothing may have changed meanwhile at all. */
	*own = (struct own_commit){.time = (long long)time(NULL), .author_name = s->name,
				   .author_email = s->email, .message = sb_str(msg),
				   .files = f->updates, .nfiles = f->n};
	rc = repo_store_files(s->repo, f->updates, f->n, err);
	if (rc == 0)
		rc = commit_on_tip(s, base, st->nroom ? 0 : st->after.id, f->updates, f->n,
				   sb_str(msg), own->time, &commit, &parent, err);
	if (rc == 0) {
		git_oid_tostr(own->oid, sizeof(own->oid), &commit);
		git_oid_tostr(own->parent, sizeof(own->parent), &parent);
	}
	return rc;
}

/* Whether the acting member may make this change: add the card, change it as it was changed,
 * and move the cards that made room for it. */
static int check_may(const struct op_state *st, int id, const char *op, const char *reason,
		     struct cb_error *err)
{
	const struct board *board = st->board;
	const char *login = st->s->login, *denied;

	if (id == 0 && (denied = board_may_add_card(board, login, st->after.lead)))
		return cb_fail(err, CB_EDENIED, "%s may not add this card: %s", login, denied);
	for (size_t i = 0; i < st->nroom; i++)
		if ((denied = board_may_change_card(board, login, "move", reason,
						    &st->room_before[i], &st->room_after[i])))
			return cb_fail(err, CB_EDENIED,
				       "%s may not place #%d there: #%d would move "
				       "to make room, and %s",
				       login, id, st->room_after[i].id, denied);
	if (!(denied = board_may_change_card(board, login, op, reason, st->before, &st->after)))
		return 0;
	if (id == 0)
		return cb_fail(err, CB_EDENIED, "%s may not add this card: %s", login, denied);
	return cb_fail(err, CB_EDENIED, "%s may not change #%d: %s", login, id, denied);
}

static void op_state_free(struct op_state *st)
{
	card_free(&st->after);
	for (size_t i = 0; i < st->nroom; i++) {
		card_free(&st->room_before[i]);
		card_free(&st->room_after[i]);
	}
	free(st->room_before);
	free(st->room_after);
	free(st->subject);
	free(st->trailers);
}

/* One attempt of a card op. The index's write lock is held while the change is decided (the
 * board, the card, permissions, the new text), then let go: the commit has its own lock,
 * and the index follows the branch afterwards. 1: the card or the board changed meanwhile. */
static int try_card_op(struct session *s, int id, const char *op, const char *reason, card_fn fn,
		       void *arg, bool hold, struct op_result *res, struct cb_error *err)
{
	struct board board;
	struct card before;
	struct op_state st = {.s = s, .board = &board};
	struct change_list changes = {0};
	struct strbuf msg = {0};
	struct card_files files = {0};
	struct own_commit own;
	git_oid base;
	int rc = -1;

	card_init(&before);
	card_init(&st.after);
	if (lock_and_sync(s, &board, err) < 0) {
		card_free(&before);
		card_free(&st.after);
		return -1;
	}
	/* Holding the commit lock, nobody else commits: bring the index up to whatever was
	 * committed while this writer waited for it, so this attempt decides on the tip. */
	if (hold && (repo_lock_commits(s->repo, err) < 0 || index_sync(s->index, NULL, NULL, err) < 0))
		goto fail;
	if (load_for_change(s, id, &board, &before, &st, err) < 0 || fn(&st, arg, err) < 0 ||
	    card_validate(&st.after, &board, err) < 0)
		goto fail;
	card_settle_conflicts(&st.after);
	if (check_may(&st, id, op, reason, err) < 0)
		goto fail;
	history_diff(st.before, &st.after, &changes);
	if (changes.n == 0 && st.before && strcmp(st.before->rank, st.after.rank) == 0) {
		res->changed = false;
		res->card = st.after.id;
		index_rollback(s->index);
		rc = 0;
		goto out;
	}
	card_files_of(&st, &files);
	build_message(&st, op, reason, &changes, &msg);
	if (git_oid_fromstr(&base, index_tip(s->index)) < 0) {
		cb_fail(err, CB_ECORRUPT, "the index has no commit of the board; run `coboard reindex`");
		goto fail;
	}
	if (index_commit(s->index, err) < 0)
		goto fail;
	rc = commit_card(s, &st, &base, &files, &msg, &own, err);
	if (rc == 0)
		res->card = st.after.id;
	snprintf(res->note, sizeof(res->note), "%s", st.note);
	if (hold) { /* never wait for the index's lock holding the commit lock */
		repo_unlock_commits(s->repo);
		hold = false;
	}
	if (rc == 0 && index_begin_write(s->index, err) < 0) {
		cb_error_prefix(err, "saved in git, but ");
		rc = -1;
	}
	if (rc == 0)
		rc = finish_commit(s, &own, res, err);
	goto out;
fail:
	index_rollback(s->index);
out:
	if (hold)
		repo_unlock_commits(s->repo);
	change_list_free(&changes);
	card_files_free(&files);
	sb_free(&msg);
	card_free(&before);
	op_state_free(&st);
	board_free(&board);
	return rc;
}

int ops_run_card_op(struct session *s, int id, const char *op, const char *reason, card_fn fn,
		    void *arg, struct op_result *res, struct cb_error *err)
{
	memset(res, 0, sizeof(*res));
	if (reason && text_validate("the reason", reason, false, err) < 0)
		return -1;
	/* Most changes are decided without the commit lock; a card others keep changing is
	 * decided holding it (taken, as everywhere, after the index's lock), so it gets its
	 * turn. */
	for (int attempt = 0; attempt < CAS_RETRIES; attempt++) {
		int rc = try_card_op(s, id, op, reason, fn, arg, attempt >= OPTIMISTIC_TRIES, res,
				     err);
		if (rc <= 0)
			return rc;
	}
	return cb_fail(err, CB_ECONFLICT,
		       "the board kept changing under this write (pushes from elsewhere?); try again");
}

/* --- a commit made elsewhere: a merge or a fast-forward (sync) ------------------------- */

int ops_advance(struct session *s, const git_oid *from, const git_oid *to, struct op_result *res,
		struct cb_error *err)
{
	struct board board;
	int rc;

	memset(res, 0, sizeof(*res));
	if (lock_and_sync(s, &board, err) < 0)
		return -1;
	board_free(&board);
	if (repo_move_branch(s->repo, from, to, err) < 0) {
		index_rollback(s->index);
		return -1;
	}
	rc = finish_commit(s, NULL, res, err);
	return rc;
}

/* --- files other than cards: board.conf, meetings ----------------------------------- */

/* One attempt of a file op: returns 0, -1, or 1 when the branch moved (retry). */
static int try_file_op(struct session *s, file_op_fn fn, void *arg, struct op_result *res,
		       struct cb_error *err)
{
	struct board board;
	struct file_op op = {0};
	git_oid parent, commit;
	int rc = -1;

	if (lock_and_sync(s, &board, err) < 0)
		return -1;
	if (repo_tip(s->repo, &parent, err) < 0 || fn(s, &board, &parent, arg, &op, err) < 0)
		goto fail;
	sb_printf(&op.message, "Op: %s\nMember: %s\n", op.op, s->login);
	rc = commit_on_tip(s, &parent, 0, op.updates, op.nupdates, sb_str(&op.message), 0, &commit,
			   &parent, err);
	if (rc != 0)
		goto fail;
	rc = finish_commit(s, NULL, res, err);
	if (rc == 0 && op.authority && authority_save(repo_gitdir(s->repo), op.authority,
							&op.authority_refused, err) < 0)
		cb_error_prefix(err, "committed, but ");
	if (rc == 0 && op.tag)
		fault_point("before-tag");
	if (rc == 0 && op.tag && repo_ensure_tag(s->repo, op.tag, &commit, NULL, err) < 0)
		cb_error_prefix(err, "committed, but ");
	goto out;
fail:
	index_rollback(s->index);
out:
	file_op_free(&op);
	board_free(&board);
	return rc;
}

int ops_file_op(struct session *s, file_op_fn fn, void *arg, struct op_result *res,
		struct cb_error *err)
{
	memset(res, 0, sizeof(*res));
	for (int attempt = 0; attempt < CAS_RETRIES; attempt++) {
		int rc = try_file_op(s, fn, arg, res, err);
		if (rc <= 0)
			return rc;
	}
	return cb_fail(err, CB_ECONFLICT, "the board kept changing under this write; try again");
}

void file_op_add(struct file_op *op, const char *path, const char *content, size_t len)
{
	op->updates = xrealloc(op->updates, (op->nupdates + 1) * sizeof(*op->updates));
	op->paths = xrealloc(op->paths, (op->nupdates + 1) * sizeof(*op->paths));
	op->contents = xrealloc(op->contents, (op->nupdates + 1) * sizeof(*op->contents));
	op->paths[op->nupdates] = xstrdup(path);
	op->contents[op->nupdates] = content ? xstrndup(content, len) : NULL;
	op->updates[op->nupdates] =
		(struct file_update){op->paths[op->nupdates], op->contents[op->nupdates], len};
	op->nupdates++;
}

void file_op_free(struct file_op *op)
{
	for (size_t i = 0; i < op->nupdates; i++) {
		free(op->paths[i]);
		free(op->contents[i]);
	}
	free(op->paths);
	free(op->contents);
	free(op->updates);
	free(op->tag);
	free(op->authority);
	sv_free(&op->authority_refused);
	sb_free(&op->message);
}

struct board_edit {
	board_edit_fn fn;
	void *arg;
	const char *subject, *op_name;
};

static int apply_board_edit(struct session *s, struct board *board, const git_oid *tip, void *arg,
			    struct file_op *op, struct cb_error *err)
{
	const struct board_edit *e = arg;
	struct strbuf text = {0};
	const char *denied;

	struct board before = {0}, in_git;

	(void)tip;
	if ((denied = board_may_admin(board, s->login)))
		return cb_fail(err, CB_EDENIED, "%s: %s", s->login, denied);
	authority_overlay(&before, board);
	if (e->fn(board, e->arg, err) < 0 || board_validate(board, err) < 0 ||
	    index_board_in_git(s->index, &in_git, err) < 0) {
		board_free(&before);
		return -1;
	}
	/* The admin's change is in force here at once; git gets the change itself, and keeps
	 * what other offices proposed there. */
	board_format(board, &text);
	op->authority = sb_detach(&text);
	authority_carry(&before, board, &in_git);
	authority_overlay(board, &in_git);
	board_free(&before);
	board_free(&in_git);
	board_format(board, &text);
	file_op_add(op, "board.conf", text.buf, text.len);
	sb_free(&text);
	sb_printf(&op->message, "%s\n\n", e->subject);
	op->op = e->op_name;
	return 0;
}

int ops_edit_board(struct session *s, board_edit_fn fn, void *arg, const char *subject,
		   const char *op_name, struct op_result *res, struct cb_error *err)
{
	struct board_edit e = {fn, arg, subject, op_name};

	return ops_file_op(s, apply_board_edit, &e, res, err);
}

/* --- a new board --------------------------------------------------------------------- */

/* A clone of the board merges with git as sync does, once the driver is named in its config
 * (README, "Two offices"). */
static const char merge_attributes[] =
	"# coboard merges cards, board.conf and minutes field by field, as `coboard sync` does:\n"
	"# git config merge.coboard.driver \"coboard merge-card %O %A %B %P\"\n"
	"cards/**/*.card merge=coboard\n"
	"board.conf merge=coboard\n"
	"meetings/*.md merge=coboard\n";

/* A board definition's board.conf, parsed into board, and its cards, each checked against
 * it: a file that is neither is refused. Returns board.conf's entry, NULL on error. */
static const struct file_update *read_definition(const struct file_update *files, size_t nfiles,
						 struct board *board, struct cb_error *err)
{
	const struct file_update *conf_file = NULL;

	for (size_t i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, "board.conf") == 0)
			conf_file = &files[i];
	if (!conf_file) {
		cb_fail(err, CB_EINVALID, "the board definition has no board.conf");
		return NULL;
	}
	if (board_parse(board, conf_file->content, conf_file->len, err) < 0) {
		cb_error_prefix(err, "board.conf: ");
		return NULL;
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct card card;

		if (&files[i] == conf_file)
			continue;
		if (!card_id_from_path(files[i].path)) {
			cb_fail(err, CB_EINVALID, "%s: not a card file (cards/<id>.card)", files[i].path);
			return NULL;
		}
		if (card_parse(&card, files[i].content, files[i].len, err) < 0 ||
		    card_validate(&card, board, err) < 0) {
			card_free(&card);
			cb_error_prefix(err, "%s: ", files[i].path);
			return NULL;
		}
		card_free(&card);
	}
	return conf_file;
}

int ops_init(const char *path, const struct file_update *files, size_t nfiles,
	     const char *login, bool shared_group, struct cb_error *err)
{
	struct file_update *all = xcalloc(nfiles + 1, sizeof(*all));
	struct board board = {0};
	struct strbuf conf = {0}, msg = {0}, email = {0};
	const struct file_update *conf_file = read_definition(files, nfiles, &board, err);
	struct member admin = {0};
	struct identity who;
	const struct member *existing;
	char (*homes)[32] = NULL;
	int rc = -1;

	if (!conf_file)
		goto out;
	existing = board_member(&board, login);
	admin = (struct member){.login = (char *)login,
				.name = existing ? existing->name : (char *)login,
				.email = existing ? existing->email : "",
				.agency = existing ? existing->agency : "",
				.key = existing ? existing->key : "",
				.role = ROLE_ADMIN};
	if (str_empty(admin.email)) {
		sb_printf(&email, "%s@localhost", login);
		admin.email = (char *)sb_str(&email);
	}
	board_set_member(&board, &admin);
	/* The author comes from the stored entry: admin borrowed strings board_set_member freed. */
	existing = board_member(&board, login);
	who = (struct identity){login, existing->name, existing->email};
	if (board_validate(&board, err) < 0)
		goto out;
	board_format(&board, &conf);
	homes = xcalloc(nfiles, sizeof(*homes));
	for (size_t i = 0; i < nfiles; i++) {
		card_path(card_id_from_path(files[i].path), homes[i]);
		all[i] = &files[i] == conf_file
				 ? (struct file_update){"board.conf", conf.buf, conf.len}
				 : (struct file_update){homes[i], files[i].content, files[i].len};
	}
	all[nfiles] = (struct file_update){".gitattributes", merge_attributes,
					   strlen(merge_attributes)};
	sb_printf(
		&msg,
		UNTRANSLATED(
			"Create board: %s\n\n%zu cards; %s is the first admin.\n\nOp: init\nMember: %s\n"),
		board.title, nfiles - 1, login, login);
	rc = repo_init(path, all, nfiles + 1, &who, sb_str(&msg), shared_group, err);
out:
	board_free(&board);
	sb_free(&conf);
	sb_free(&msg);
	sb_free(&email);
	free(homes);
	free(all);
	return rc;
}

