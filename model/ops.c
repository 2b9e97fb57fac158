#include "ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "meeting.h"
#include "rank.h"
#include "utf8.h"

enum { CAS_RETRIES = 8, SUBJECT_TITLE_MAX = 60 };

/* What an op sees while it runs, under the writer lock and with the index at the tip. */
struct op_state {
	struct session *s;
	struct board *board;
	const struct card *before; /* NULL when adding */
	struct card after;
	char *subject;  /* set by an op that words its own subject (revert) */
	char *trailers; /* extra trailer lines, e.g. "Reverts: <id>\n" */
};

typedef int (*card_fn)(struct op_state *st, void *arg, struct cb_error *err);

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

		if (strcmp(c->field, "description") == 0 || strcmp(c->field, "note") == 0 ||
		    strchr(c->old_value, '\n') || strchr(c->new_value, '\n'))
			sb_printf(body, "%s: %s\n", c->field,
				  !*c->old_value ? "added" : !*c->new_value ? "removed" : "changed");
		else
			sb_printf(body, "%s: %s -> %s\n", c->field,
				  *c->old_value ? c->old_value : "(none)",
				  *c->new_value ? c->new_value : "(none)");
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
	} else if (changes->n == 0) {
		sb_printf(out, "Reorder #%d in %s", id, column_name(st->board, st->after.column));
	} else if (archived && st->after.archived) {
		sb_printf(out, "Archive #%d: ", id);
		title_for_subject(st->after.title, out);
	} else if (changes->n == 1 && column) {
		sb_printf(out, "Move #%d from %s to %s", id, column_name(st->board, column->old_value),
			  column_name(st->board, column->new_value));
	} else if (lead && changes->n == (co ? 2u : 1u)) {
		sb_printf(out, "Reassign #%d lead from %s to %s", id, lead->old_value,
			  lead->new_value);
		if (co)
			sb_printf(out, "; co-executors %s", *co->new_value ? co->new_value : "none");
	} else if (co && changes->n == 1) {
		sb_printf(out, "Change #%d co-executors to %s", id,
			  *co->new_value ? co->new_value : "none");
	} else if (due && changes->n == 1) {
		if (!*due->old_value)
			sb_printf(out, "Set #%d due date to %s", id, due->new_value);
		else if (!*due->new_value)
			sb_printf(out, "Clear #%d due date (was %s)", id, due->old_value);
		else
			sb_printf(out, "Change #%d due date from %s to %s", id, due->old_value,
				  due->new_value);
	} else if (changes->n == 1 && strcmp(changes->v[0].field, "note") == 0) {
		sb_printf(out, "Add a note to #%d", id);
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
			     url.len ? sb_str(&url) : "another board");
	sb_free(&url);
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

static int finish_commit(struct session *s, struct op_result *res, struct cb_error *err)
{
	fault_point("after-commit");
	if (index_sync(s->index, NULL, NULL, err) < 0 || index_commit(s->index, err) < 0) {
		index_rollback(s->index);
		/* The commit is in git; the next command's sync indexes it. */
		cb_error_prefix(err, "saved in git, but ");
		return -1;
	}
	snprintf(res->commit, sizeof(res->commit), "%s", index_tip(s->index));
	res->changed = true;
	return 0;
}

/* One attempt: returns 0 on success, -1 on error, 1 when the branch moved (retry). */
static int try_card_op(struct session *s, int id, const char *op, const char *reason, card_fn fn,
		       void *arg, struct op_result *res, struct cb_error *err)
{
	struct board board;
	struct card before;
	struct op_state st = {.s = s, .board = &board};
	struct change_list changes = {0};
	struct strbuf text = {0}, msg = {0};
	struct identity who;
	char path[32];
	git_oid parent, commit;
	const char *denied;
	int rc = -1;

	card_init(&before);
	card_init(&st.after);
	if (lock_and_sync(s, &board, err) < 0) {
		card_free(&before);
		card_free(&st.after);
		return -1;
	}
	if (id == 0) {
		if (index_next_id(s->index, &st.after.id, err) < 0)
			goto fail;
	} else {
		card_free(&before);
		if (index_card(s->index, id, &before, err) < 0)
			goto fail;
		if ((denied = board_may_edit_card(&board, s->login, &before))) {
			cb_fail(err, CB_EDENIED, "%s may not change #%d: %s", s->login, id, denied);
			goto fail;
		}
		st.before = &before;
		card_free(&st.after);
		card_copy(&st.after, &before);
	}
	if (fn(&st, arg, err) < 0 || card_validate(&st.after, &board, err) < 0)
		goto fail;
	if (id == 0 && (denied = board_may_add_card(&board, s->login, st.after.lead))) {
		cb_fail(err, CB_EDENIED, "%s may not add this card: %s", s->login, denied);
		goto fail;
	}
	history_diff(st.before, &st.after, &changes);
	if (changes.n == 0 && st.before && strcmp(st.before->rank, st.after.rank) == 0) {
		res->changed = false;
		res->card = st.after.id;
		index_rollback(s->index);
		rc = 0;
		goto out;
	}
	card_format(&st.after, &text);
	if (text.len > CARD_FILE_MAX) {
		cb_fail(err, CB_EINVALID,
			"#%d would be %zu KiB with this change, over the limit of %d KiB for a card "
			"with its notes; carry on in a new card and archive this one",
			st.after.id, text.len / 1024, CARD_FILE_MAX / 1024);
		goto fail;
	}
	build_message(&st, op, reason, &changes, &msg);
	card_path(st.after.id, path);
	who = (struct identity){s->login, s->name, s->email};
	if (repo_tip(s->repo, &parent, err) < 0)
		goto fail;
	struct file_update update = {path, text.buf, text.len};
	if (repo_commit(s->repo, &parent, &update, 1, &who, sb_str(&msg), &commit, err) < 0) {
		if (err->code == CB_ECONFLICT) {
			cb_error_clear(err);
			rc = 1;
		}
		goto fail;
	}
	res->card = st.after.id;
	rc = finish_commit(s, res, err);
	goto out;
fail:
	index_rollback(s->index);
out:
	change_list_free(&changes);
	sb_free(&text);
	sb_free(&msg);
	card_free(&before);
	card_free(&st.after);
	free(st.subject);
	free(st.trailers);
	board_free(&board);
	return rc;
}

static int run_card_op(struct session *s, int id, const char *op, const char *reason, card_fn fn,
		       void *arg, struct op_result *res, struct cb_error *err)
{
	memset(res, 0, sizeof(*res));
	if (reason && text_validate("the reason", reason, false, err) < 0)
		return -1;
	for (int attempt = 0; attempt < CAS_RETRIES; attempt++) {
		int rc = try_card_op(s, id, op, reason, fn, arg, res, err);
		if (rc <= 0)
			return rc;
	}
	return cb_fail(err, CB_ECONFLICT,
		       "the board kept changing under this write (pushes from elsewhere?); try again");
}

/* --- the ops ------------------------------------------------------------------------ */

/* Title, labels and description as typed: checked for control characters, then normalised. */
static int take_title(struct card *card, const char *title, struct cb_error *err)
{
	char *norm;

	if (text_validate("the title", title, false, err) < 0)
		return -1;
	norm = text_normalize(title);
	str_set(&card->title, norm);
	free(norm);
	return 0;
}

static int take_description(struct card *card, const char *text, struct cb_error *err)
{
	char *norm;

	if (text_validate("the description", text, true, err) < 0)
		return -1;
	norm = text_normalize(text);
	str_set(&card->description, norm);
	free(norm);
	return 0;
}

static int take_list(struct strvec *list, const char *what, const char *text,
		     struct cb_error *err)
{
	if (text_validate(what, text, false, err) < 0)
		return -1;
	sv_free(list);
	sv_split_list(list, text);
	return 0;
}

static void take_due(struct card *card, const char *due)
{
	str_set(&card->due, strcmp(due, "none") == 0 ? "" : due);
}

/* Computes a rank for card in its column: next to `before`/`after` (ids), else at the end. */
static int place_card(struct op_state *st, int before, int after, struct cb_error *err)
{
	struct strvec ranks = {0};
	const char *lo = NULL, *hi = NULL;
	int *ids = NULL, anchor = before ? before : after, rc = -1;
	char *rank;

	if (index_column_ranks(st->s->index, st->after.column, st->after.id, &ids, &ranks, err) < 0)
		return -1;
	if (anchor) {
		size_t i;

		for (i = 0; i < ranks.n && ids[i] != anchor; i++)
			;
		if (i == ranks.n) {
			cb_fail(err, CB_ENOTFOUND, "#%d is not in column '%s'; --%s needs a card of "
				"the target column",
				anchor, st->after.column, before ? "before" : "after");
			goto out;
		}
		if (before) {
			lo = i > 0 ? ranks.v[i - 1] : NULL;
			hi = ranks.v[i];
		} else {
			lo = ranks.v[i];
			hi = i + 1 < ranks.n ? ranks.v[i + 1] : NULL;
		}
	} else if (ranks.n) {
		lo = ranks.v[ranks.n - 1];
	}
	rank = rank_between(lo, hi);
	if (!rank && lo && hi && strcmp(lo, hi) == 0) {
		/* Two cards share a rank (edited outside coboard): go just past the anchor. */
		rank = rank_between(lo, NULL);
	}
	if (!rank) {
		cb_fail(err, CB_ECORRUPT, "cannot place the card: ranks in '%s' are out of order; "
			"run `coboard fsck`", st->after.column);
		goto out;
	}
	str_set(&st->after.rank, rank);
	free(rank);
	rc = 0;
out:
	free(ids);
	sv_free(&ranks);
	return rc;
}

static int apply_add(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct add_args *a = arg;
	struct card *c = &st->after;

	if (str_empty(a->title))
		return cb_fail(err, CB_EINVALID, "the title is empty; give a title with --title");
	if (take_title(c, a->title, err) < 0)
		return -1;
	str_set(&c->lead, a->lead);
	if (a->co && take_list(&c->co, "the co-executors", a->co, err) < 0)
		return -1;
	str_set(&c->column, !str_empty(a->column) ? a->column
			    : st->board->ncolumns ? st->board->columns[0].key : "");
	if (a->due)
		take_due(c, a->due);
	if (a->labels && take_list(&c->labels, "the labels", a->labels, err) < 0)
		return -1;
	if (a->description && take_description(c, a->description, err) < 0)
		return -1;
	if (!board_column(st->board, c->column))
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s",
			       c->column, board_column_keys(st->board));
	return place_card(st, 0, 0, err);
}

int ops_add(struct session *s, const struct add_args *args, struct op_result *res,
	    struct cb_error *err)
{
	return run_card_op(s, 0, "add", NULL, apply_add, (void *)args, res, err);
}

struct move_args {
	const char *column;
	int before, after;
};

static int apply_move(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct move_args *m = arg;

	if (!board_column(st->board, m->column))
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s",
			       m->column, board_column_keys(st->board));
	if (strcmp(st->after.column, m->column) == 0 && !m->before && !m->after)
		return 0; /* already there: nothing to do */
	str_set(&st->after.column, m->column);
	return place_card(st, m->before, m->after, err);
}

int ops_move(struct session *s, int id, const char *column, int before, int after,
	     const char *reason, struct op_result *res, struct cb_error *err)
{
	struct move_args m = {column, before, after};

	if (before && after)
		return cb_fail(err, CB_EINVALID, "give --before or --after, not both");
	if (before == id || after == id)
		return cb_fail(err, CB_EINVALID, "a card cannot be placed next to itself");
	return run_card_op(s, id, "move", reason, apply_move, &m, res, err);
}

struct assign_args {
	const char *lead, *co;
};

static int apply_assign(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct assign_args *a = arg;

	if (a->lead)
		str_set(&st->after.lead, a->lead);
	if (a->co && take_list(&st->after.co, "the co-executors", a->co, err) < 0)
		return -1;
	return 0;
}

int ops_assign(struct session *s, int id, const char *lead, const char *co, const char *reason,
	       struct op_result *res, struct cb_error *err)
{
	struct assign_args a = {lead, co};

	if (!lead && !co)
		return cb_fail(err, CB_EINVALID, "nothing to assign: give --lead CODE or --co CODES");
	return run_card_op(s, id, "assign", reason, apply_assign, &a, res, err);
}

static int apply_edit(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct edit_args *e = arg;
	struct card *c = &st->after;

	if (e->title) {
		if (str_empty(e->title))
			return cb_fail(err, CB_EINVALID, "the title is empty; a card needs a title");
		if (take_title(c, e->title, err) < 0)
			return -1;
	}
	if (e->due)
		take_due(c, e->due);
	if (e->labels && take_list(&c->labels, "the labels", e->labels, err) < 0)
		return -1;
	if (e->description && take_description(c, e->description, err) < 0)
		return -1;
	return 0;
}

int ops_edit(struct session *s, int id, const struct edit_args *args, const char *reason,
	     struct op_result *res, struct cb_error *err)
{
	if (!args->title && !args->due && !args->labels && !args->description)
		return cb_fail(err, CB_EINVALID,
			       "nothing to edit: give --title, --due, --label or --description");
	return run_card_op(s, id, "edit", reason, apply_edit, (void *)args, res, err);
}

static void utc_now(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int apply_note(struct op_state *st, void *arg, struct cb_error *err)
{
	const char *text = arg;
	struct card *c = &st->after;
	char now[21];
	char *norm;

	if (text_validate("the note", text, true, err) < 0)
		return -1;
	norm = text_normalize(text);
	if (!*norm) {
		free(norm);
		return cb_fail(err, CB_EINVALID, "the note is empty");
	}
	if (strlen(norm) > CARD_TEXT_MAX) {
		free(norm);
		return cb_fail(err, CB_EINVALID, "the note is longer than %d bytes", CARD_TEXT_MAX);
	}
	utc_now(now);
	c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof(*c->notes));
	c->notes[c->nnotes].time = xstrdup(now);
	c->notes[c->nnotes].author = xstrdup(st->s->login);
	c->notes[c->nnotes].text = norm;
	c->nnotes++;
	return 0;
}

int ops_note(struct session *s, int id, const char *text, struct op_result *res,
	     struct cb_error *err)
{
	return run_card_op(s, id, "note", NULL, apply_note, (void *)text, res, err);
}

static int apply_archive(struct op_state *st, void *arg, struct cb_error *err)
{
	(void)arg;
	if (st->after.archived)
		return cb_fail(err, CB_EINVALID, "#%d is already archived", st->after.id);
	st->after.archived = true;
	return 0;
}

int ops_archive(struct session *s, int id, const char *reason, struct op_result *res,
		struct cb_error *err)
{
	return run_card_op(s, id, "archive", reason, apply_archive, NULL, res, err);
}

struct save_args {
	const struct card *base, *edited;
};

/* Three-way merge of one text field: mine when I changed it, theirs otherwise. */
static int merge_field(char **now, const char *base, const char *mine, const char *field,
		       struct strbuf *conflicts)
{
	if (strcmp(mine, base) == 0 || strcmp(mine, *now) == 0)
		return 0;
	if (strcmp(*now, base) != 0) {
		sb_printf(conflicts, "%s%s", conflicts->len ? ", " : "", field);
		return -1;
	}
	str_set(now, mine);
	return 0;
}

static int merge_list(struct strvec *now, const struct strvec *base, const struct strvec *mine,
		      const char *field, struct strbuf *conflicts)
{
	if (sv_equal(mine, base) || sv_equal(mine, now))
		return 0;
	if (!sv_equal(now, base)) {
		sb_printf(conflicts, "%s%s", conflicts->len ? ", " : "", field);
		return -1;
	}
	sv_free(now);
	sv_copy(now, mine);
	return 0;
}

static int apply_save(struct op_state *st, void *arg, struct cb_error *err)
{
	const struct save_args *a = arg;
	const struct card *base = a->base, *mine = a->edited;
	struct card *now = &st->after;
	struct strbuf conflicts = {0};
	int bad = 0;

	if (text_validate("the title", mine->title, false, err) < 0 ||
	    text_validate("the description", mine->description, true, err) < 0)
		return -1;
	bad |= merge_field(&now->title, base->title, mine->title, "title", &conflicts);
	bad |= merge_field(&now->column, base->column, mine->column, "column", &conflicts);
	bad |= merge_field(&now->lead, base->lead, mine->lead, "lead", &conflicts);
	bad |= merge_list(&now->co, &base->co, &mine->co, "co", &conflicts);
	bad |= merge_field(&now->due, base->due, mine->due, "due", &conflicts);
	bad |= merge_list(&now->labels, &base->labels, &mine->labels, "labels", &conflicts);
	bad |= merge_field(&now->description, base->description, mine->description, "description",
			   &conflicts);
	if (bad) {
		cb_fail(err, CB_ECONFLICT, "#%d was changed meanwhile: %s", now->id, sb_str(&conflicts));
		sb_free(&conflicts);
		return -1;
	}
	if (strcmp(now->column, st->before->column) != 0)
		return place_card(st, 0, 0, err);
	return 0;
}

int ops_save_card(struct session *s, const struct card *base, const struct card *edited,
		  const char *op, const char *reason, struct op_result *res, struct cb_error *err)
{
	struct save_args a = {base, edited};

	return run_card_op(s, edited->id, op, reason, apply_save, &a, res, err);
}

/* --- undo ---------------------------------------------------------------------------- */

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
			rc = place_card(st, 0, 0, err);
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
			if (strcmp(changes.v[i].field, "note") != 0)
				rc = revert_field(st, r, &changes.v[i], err);
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
			rc = place_card(st, 0, 0, err);
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
	if (strstr(info.message, "\nOp: meeting-")) {
		cb_fail(err, CB_EINVALID, "%.7s (\"%s\") is a meeting record; meetings are "
			"part of the record and are not undone", r->oid, r->subject);
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
	rc = run_card_op(s, card, "revert", NULL, apply_revert, &r, res, err);
out:
	free(r.subject);
	free(r.member);
	card_free(&r.old);
	card_free(&r.new);
	return rc;
}

/* --- files other than cards: board.conf, meetings ----------------------------------- */

/* One attempt of a file op: returns 0, -1, or 1 when the branch moved (retry). */
static int try_file_op(struct session *s, file_op_fn fn, void *arg, struct op_result *res,
		       struct cb_error *err)
{
	struct board board;
	struct file_op op = {0};
	struct identity who;
	git_oid parent, commit;
	int rc = -1;

	if (lock_and_sync(s, &board, err) < 0)
		return -1;
	if (repo_tip(s->repo, &parent, err) < 0 || fn(s, &board, &parent, arg, &op, err) < 0)
		goto fail;
	sb_printf(&op.message, "Op: %s\nMember: %s\n", op.op, s->login);
	who = (struct identity){s->login, s->name, s->email};
	if (repo_commit(s->repo, &parent, op.updates, op.nupdates, &who, sb_str(&op.message), &commit,
			err) < 0) {
		if (err->code == CB_ECONFLICT) {
			cb_error_clear(err);
			rc = 1;
		}
		goto fail;
	}
	rc = finish_commit(s, res, err);
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

	(void)tip;
	if ((denied = board_may_admin(board, s->login)))
		return cb_fail(err, CB_EDENIED, "%s: %s", s->login, denied);
	if (e->fn(board, e->arg, err) < 0 || board_validate(board, err) < 0)
		return -1;
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

int ops_init(const char *path, const struct file_update *files, size_t nfiles,
	     const char *login, bool shared_group, struct cb_error *err)
{
	struct file_update *all = xcalloc(nfiles, sizeof(*all));
	struct board board = {0};
	struct strbuf conf = {0}, msg = {0}, email = {0};
	const struct file_update *conf_file = NULL;
	struct member admin = {0};
	struct identity who;
	const struct member *existing;
	int rc = -1;

	for (size_t i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, "board.conf") == 0)
			conf_file = &files[i];
	if (!conf_file) {
		cb_fail(err, CB_EINVALID, "the board definition has no board.conf");
		goto out;
	}
	if (board_parse(&board, conf_file->content, conf_file->len, err) < 0) {
		cb_error_prefix(err, "board.conf: ");
		goto out;
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct card card;
		int id = card_id_from_path(files[i].path);

		if (&files[i] == conf_file)
			continue;
		if (!id) {
			cb_fail(err, CB_EINVALID, "%s: not a card file (cards/<id>.card)", files[i].path);
			goto out;
		}
		if (card_parse(&card, files[i].content, files[i].len, err) < 0 ||
		    card_validate(&card, &board, err) < 0) {
			card_free(&card);
			cb_error_prefix(err, "%s: ", files[i].path);
			goto out;
		}
		card_free(&card);
	}
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
	for (size_t i = 0; i < nfiles; i++)
		all[i] = &files[i] == conf_file
				 ? (struct file_update){"board.conf", conf.buf, conf.len}
				 : files[i];
	sb_printf(&msg, "Create board: %s\n\n%zu cards; %s is the first admin.\n\nOp: init\nMember: %s\n",
		  board.title, nfiles - 1, login, login);
	rc = repo_init(path, all, nfiles, &who, sb_str(&msg), shared_group, err);
out:
	board_free(&board);
	sb_free(&conf);
	sb_free(&msg);
	sb_free(&email);
	free(all);
	return rc;
}
