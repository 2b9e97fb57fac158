#include "index_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authority.h"
#include "date.h"
#include "i18n.h"

/* --- reading ------------------------------------------------------------------------ */

int index_meeting_file(struct index *idx, struct strbuf *out, struct cb_error *err)
{
	return read_meta(idx, "meeting", out, err);
}

int index_board_in_git(struct index *idx, struct board *board, struct cb_error *err)
{
	struct strbuf text = {0};
	int rc = read_meta(idx, "board", &text, err);

	if (rc == 0 && text.len == 0)
		rc = cb_fail(err, CB_ECORRUPT, "the board has no board.conf");
	if (rc == 0 && board_parse(board, text.buf, text.len, err) < 0) {
		cb_error_prefix(err, "board.conf: ");
		rc = -1;
	}
	if (rc < 0 && text.len == 0)
		memset(board, 0, sizeof(*board));
	sb_free(&text);
	return rc;
}

static void list_push_parsed(struct card_list *out, int id, const char *text)
{
	struct card card;
	struct cb_error ignored = {0};

	/* Rows hold only texts that parsed when they were indexed. */
	if (card_parse(&card, text, strlen(text), &ignored) < 0) {
		card_free(&card);
		return;
	}
	card.id = id;
	*card_list_add(out) = card;
}

int index_board(struct index *idx, struct board *board, struct cb_error *err)
{
	struct board accepted;
	bool found;
	const char *gitdir = repo_gitdir(idx->repo);

	if (index_board_in_git(idx, board, err) < 0)
		return -1;
	if (authority_read(gitdir, &accepted, NULL, &found, err) < 0) {
		board_free(board);
		return -1;
	}
	if (found)
		authority_overlay(board, &accepted);
	else
		authority_create_if_missing(gitdir, board);
	board_free(&accepted);
	return 0;
}

/* What a list shows of a card, from the row's own columns: no card text is parsed. */
static void list_push_row(struct card_list *out, sqlite3_stmt *st)
{
	card_list_add_row(out, &(struct card_row){
				       .id = sqlite3_column_int(st, 0),
				       .title = col_text(st, 2),
				       .column = col_text(st, 3),
				       .rank = col_text(st, 4),
				       .lead = col_text(st, 5),
				       .co = col_text(st, 6),
				       .due = col_text(st, 7),
				       .labels = col_text(st, 8),
				       .archived = sqlite3_column_int(st, 9) != 0,
			       });
}

/* How many cards the index holds: as many as any filter can match. */
static size_t cards_indexed(struct index *idx)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT count(*) FROM cards", NULL);
	size_t n = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return n;
}

static int cards_matching(struct index *idx, const struct board *board,
			  const struct card_filter *f, bool whole, struct card_list *out,
			  struct cb_error *err)
{
	char today[11];
	const struct column_def *done = board_column_of_kind(board, COLUMN_DONE);
	const char *done_column = done ? done->key : "";
	struct strbuf label = {0};
	int rc;
	sqlite3_stmt *st = db_stmt(
		idx,
		"SELECT id, text, title, col, rank, lead, co, due, labels, archived, set_aside"
		" FROM cards"
		" WHERE (?1 = '' OR col = ?1)"
		" AND (?2 = '' OR id IN (SELECT card FROM card_agencies WHERE agency = ?2))"
		" AND (?3 = 0 OR (due <> '' AND due < ?4 AND col <> ?5))"
		" AND (?6 = 1 OR archived = 0)"
		" AND (?7 = '' OR labels LIKE ?7 ESCAPE '\\')"
		" AND (?8 = 0 OR set_aside = 1)",
		err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	card_list_reserve(out, cards_indexed(idx));
	if (f->today && date_valid(f->today))
		snprintf(today, sizeof(today), "%s", f->today);
	else
		date_today(today);
	if (!str_empty(f->label)) {
		/* The label is matched as it is written: % and _ are no wildcards here. */
		sb_puts(&label, "%,");
		for (const char *p = f->label; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				sb_putc(&label, '\\');
			sb_putc(&label, *p);
		}
		sb_puts(&label, ",%");
	}
	bind_text(st, 1, f->column);
	bind_text(st, 2, f->agency);
	sqlite3_bind_int(st, 3, f->overdue);
	bind_text(st, 4, today);
	bind_text(st, 5, done_column);
	sqlite3_bind_int(st, 6, f->archived);
	bind_text(st, 7, sb_str(&label));
	sqlite3_bind_int(st, 8, f->conflicted);
	while ((rc = step_row(idx, st, err)) > 0) {
		/* A card with values set aside is read whole: they are shown on the board. */
		if (whole || sqlite3_column_int(st, 10))
			list_push_parsed(out, sqlite3_column_int(st, 0), col_text(st, 1));
		else
			list_push_row(out, st);
	}
	sqlite3_reset(st);
	sb_free(&label);
	if (rc < 0) {
		card_list_free(out);
		return -1;
	}
	card_list_sort(out, board);
	return 0;
}

int index_cards(struct index *idx, const struct board *board, const struct card_filter *f,
		struct card_list *out, struct cb_error *err)
{
	return cards_matching(idx, board, f, true, out, err);
}

int index_card_rows(struct index *idx, const struct board *board, const struct card_filter *f,
		    struct card_list *out, struct cb_error *err)
{
	return cards_matching(idx, board, f, false, out, err);
}

int index_card_text(struct index *idx, int id, char **text, size_t *len, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT text FROM cards WHERE id = ?", err);
	int rc;

	*text = NULL;
	*len = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, id);
	rc = step_row(idx, st, err);
	if (rc > 0) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*text = xstrndup(col_text(st, 0), *len);
	}
	sqlite3_reset(st);
	return rc;
}

int index_card(struct index *idx, int id, struct card *out, struct cb_error *err)
{
	char *text;
	size_t len;
	int rc = index_card_text(idx, id, &text, &len, err);

	card_init(out);
	if (rc <= 0)
		return rc < 0 ? -1 : cb_fail(err, CB_ENOTFOUND, "no card #%d on this board", id);
	card_free(out);
	rc = card_parse(out, text, len, err);
	out->id = id;
	free(text);
	return rc;
}

static int max_of(struct index *idx, const char *sql, int *max, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, sql, err);

	if (!st)
		return -1;
	int rc = step_row(idx, st, err);
	if (rc > 0 && sqlite3_column_int(st, 0) > *max)
		*max = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_next_id(struct index *idx, int *id, struct cb_error *err)
{
	int max = 0;
	sqlite3_stmt *st;

	/* Ids are never reused: removed and broken cards keep theirs. */
	if (max_of(idx, "SELECT MAX(id) FROM cards", &max, err) < 0 ||
	    max_of(idx, "SELECT MAX(card) FROM changes", &max, err) < 0)
		return -1;
	st = db_stmt(idx, "SELECT path FROM broken", err);
	if (!st)
		return -1;
	int rc;
	while ((rc = step_row(idx, st, err)) > 0) {
		int broken_id = card_id_from_path(col_text(st, 0));
		if (broken_id > max)
			max = broken_id;
	}
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	if (max >= CARD_ID_MAX)
		return cb_fail(err, CB_EINVALID, "the board has used every card id up to %d",
			       CARD_ID_MAX);
	*id = max + 1;
	return 0;
}

int index_column_ranks(struct index *idx, const char *column, int exclude, int **ids,
		       struct strvec *ranks, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(
		idx, "SELECT id, rank FROM cards WHERE col = ? AND id <> ? ORDER BY rank, id", err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	if (!st)
		return -1;
	bind_text(st, 1, column);
	sqlite3_bind_int(st, 2, exclude);
	while ((rc = step_row(idx, st, err)) > 0) {
		if (ranks->n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[ranks->n] = sqlite3_column_int(st, 0);
		sv_push(ranks, col_text(st, 1));
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_column_last_rank(struct index *idx, const char *column, int exclude,
			   struct strbuf *rank, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(
		idx, "SELECT rank FROM cards WHERE col = ? AND id <> ? ORDER BY rank DESC, id DESC"
		     " LIMIT 1", err);
	int rc;

	if (!st)
		return -1;
	bind_text(st, 1, column);
	sqlite3_bind_int(st, 2, exclude);
	rc = step_row(idx, st, err);
	if (rc > 0)
		sb_puts(rank, col_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

/* Each word of the user's query becomes a quoted prefix term, so any text is a valid query
 * and typing narrows the result as the user types. */
static char *fts_query(const char *query)
{
	struct strbuf out = {0};
	const char *p = query;

	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (out.len)
			sb_putc(&out, ' ');
		sb_putc(&out, '"');
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '"')
				sb_putc(&out, '"');
			sb_putc(&out, *p++);
		}
		sb_puts(&out, "\"*");
	}
	return sb_detach(&out);
}

int index_search(struct index *idx, const char *query, struct card_list *out,
		 struct cb_error *err)
{
	char *match = fts_query(query);
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	if (!*match) {
		free(match);
		return 0;
	}
	st = db_stmt(idx,
		     "SELECT c.id, c.text FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid"
		     " WHERE cards_fts MATCH ? ORDER BY cards_fts.rank",
		     err);
	if (!st) {
		free(match);
		return -1;
	}
	bind_text(st, 1, match);
	int rc;
	while ((rc = step_row(idx, st, err)) > 0)
		list_push_parsed(out, sqlite3_column_int(st, 0), col_text(st, 1));
	sqlite3_reset(st);
	free(match);
	if (rc < 0)
		card_list_free(out);
	return rc < 0 ? -1 : 0;
}

void log_list_free(struct log_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct log_entry *e = &list->v[i];
		free(e->author);
		free(e->email);
		free(e->subject);
		free(e->op);
		free(e->reason);
		free(e->field);
		free(e->old_value);
		free(e->new_value);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

#define LOG_COLUMNS                                                                        \
	"SELECT m.oid, m.time, m.author, m.email, m.subject, m.op, m.reason,"              \
	" ch.card, ch.field, ch.old, ch.new FROM changes ch JOIN commits m ON m.seq = ch.seq"

/* Appends every row of a LOG_COLUMNS query; on a failed step the list is emptied. */
static int read_log_rows(struct index *idx, sqlite3_stmt *st, struct log_list *out,
			 struct cb_error *err)
{
	int rc;

	while ((rc = step_row(idx, st, err)) > 0) {
		struct log_entry e = {0};

		snprintf(e.commit, sizeof(e.commit), "%s", col_text(st, 0));
		e.time = sqlite3_column_int64(st, 1);
		e.author = xstrdup(col_text(st, 2));
		e.email = xstrdup(col_text(st, 3));
		e.subject = xstrdup(col_text(st, 4));
		e.op = xstrdup(col_text(st, 5));
		e.reason = xstrdup(col_text(st, 6));
		e.card = sqlite3_column_int(st, 7);
		e.field = xstrdup(col_text(st, 8));
		e.old_value = xstrdup(col_text(st, 9));
		e.new_value = xstrdup(col_text(st, 10));
		out->v = xgrow(out->v, out->n, sizeof(e));
		out->v[out->n++] = e;
	}
	sqlite3_reset(st);
	if (rc < 0)
		log_list_free(out);
	return rc < 0 ? -1 : 0;
}

/* Runs a LOG_COLUMNS query whose parameters are among :oid, :card and :field. */
static int log_query_value(struct index *idx, const char *sql, const char *oid, int card,
			   const char *field, const char *value, struct log_list *out,
			   struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	bind_text(st, sqlite3_bind_parameter_index(st, ":oid"), oid);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":card"), card);
	bind_text(st, sqlite3_bind_parameter_index(st, ":field"), field);
	bind_text(st, sqlite3_bind_parameter_index(st, ":value"), value);
	return read_log_rows(idx, st, out, err);
}

static int log_query(struct index *idx, const char *sql, const char *oid, int card,
		     const char *field, struct log_list *out, struct cb_error *err)
{
	return log_query_value(idx, sql, oid, card, field, NULL, out, err);
}

int index_commit_changes(struct index *idx, const char *oid, struct log_list *out,
			 struct cb_error *err)
{
	return log_query(idx, LOG_COLUMNS " WHERE m.oid = :oid ORDER BY ch.id", oid, 0, NULL, out,
			 err);
}

int index_changes_after(struct index *idx, const char *oid, struct log_list *out,
			struct cb_error *err)
{
	return log_query(idx,
			 LOG_COLUMNS " WHERE ch.seq > (SELECT seq FROM commits WHERE oid = :oid)"
				     " ORDER BY ch.id",
			 oid, 0, NULL, out, err);
}

int index_later_change(struct index *idx, const char *oid, int card, const char *field,
		       struct log_list *out, struct cb_error *err)
{
	return log_query(idx,
			 LOG_COLUMNS " WHERE ch.card = :card AND ch.field = :field AND ch.seq >"
				     " (SELECT seq FROM commits WHERE oid = :oid) ORDER BY ch.seq, ch.id LIMIT 1",
			 oid, card, field, out, err);
}

int index_field_origin(struct index *idx, int card, const char *field, const char *value,
		       struct log_list *out, struct cb_error *err)
{
	/* The latest change that set the value the card holds: a change a merge discarded (a
	 * side branch's value when the merge kept its first parent's) set another value, so it
	 * is passed over. The card's creation set its title. */
	return log_query_value(idx,
			       LOG_COLUMNS " WHERE ch.card = :card AND (ch.field = :field OR ch.field ="
					   " 'created') ORDER BY ch.new = :value AND (ch.field = :field OR"
					   " :field = 'title') DESC, ch.field = :field DESC, ch.id DESC LIMIT 1",
			       NULL, card, field, value, out, err);
}

int index_move_reason(struct index *idx, int card, const char *column, char **reason,
		      struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT m.reason FROM changes c JOIN commits m ON m.seq = c.seq"
				   " WHERE c.card = ? AND c.field = 'column' AND c.new = ?"
				   " ORDER BY c.seq DESC, c.id DESC LIMIT 1",
				   err);
	int rc;

	*reason = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, card);
	bind_text(st, 2, column);
	rc = step_row(idx, st, err);
	*reason = xstrdup(rc > 0 ? col_text(st, 0) : "");
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_column_counts(struct index *idx, const struct board *board, int *counts,
			struct cb_error *err)
{
	sqlite3_stmt *st =
		db_stmt(idx, "SELECT col, count(*) FROM cards WHERE archived = 0 GROUP BY col", err);
	int rc;

	memset(counts, 0, board->ncolumns * sizeof(*counts));
	if (!st)
		return -1;
	while ((rc = step_row(idx, st, err)) > 0) {
		int c = board_column_index(board, col_text(st, 0));
		if (c >= 0)
			counts[c] = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

long long index_card_created(struct index *idx, int card)
{
	sqlite3_stmt *st = db_stmt(idx,
				   /* In changes_card's order (seq, then id, as they were
				    * indexed), so the first entry is the answer. */
				   "SELECT m.time FROM changes ch JOIN commits m ON m.seq = ch.seq"
				   " WHERE ch.card = ? ORDER BY ch.seq, ch.id LIMIT 1",
				   NULL);
	long long t = 0;

	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, card);
	if (sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return t;
}

int index_board_line_origin(struct index *idx, const char *line, struct strvec *out,
			    struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT m.member, m.author, date(m.time, 'unixepoch') FROM changes ch"
				   " JOIN commits m ON m.seq = ch.seq WHERE ch.card = 0"
				   " AND ch.field = 'board.conf' AND (ch.new = ?1 OR ch.old = ?1)"
				   " ORDER BY ch.seq DESC LIMIT 1",
				   err);

	if (!st)
		return -1;
	bind_text(st, 1, line);
	return step_texts(idx, st, 3, out, err);
}

int index_due_moves(struct index *idx, int card, struct strvec *out, struct cb_error *err)
{
	/* The due date set with the card is its baseline, not a move: a row of the commit that
	 * made the card (its "created" row) is left out. */
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT ch.old, ch.new FROM changes ch WHERE ch.card = ?1"
				   " AND ch.field = 'due' AND NOT EXISTS (SELECT 1 FROM changes k"
				   " WHERE k.card = ?1 AND k.seq = ch.seq AND k.field = 'created')",
				   err);

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, card);
	return step_texts(idx, st, 2, out, err);
}

/* The WHERE clause holds only the filters that are set, so SQLite can use the index that
 * fits (a card's rows, the newest rows) instead of scanning every change. */
int index_log(struct index *idx, const struct log_filter *f, struct log_list *out,
	      struct cb_error *err)
{
	struct strbuf sql = {0}, like = {0};
	sqlite3_stmt *st = NULL;

	memset(out, 0, sizeof(*out));
	sb_puts(&sql, LOG_COLUMNS " WHERE 1");
	if (f->card)
		sb_puts(&sql, " AND ch.card = :card");
	if (f->since)
		sb_puts(&sql, " AND m.at >= :since");
	if (f->until)
		sb_puts(&sql, " AND m.at < :until");
	if (!str_empty(f->agency)) {
		sb_puts(&sql, " AND (ch.card IN (SELECT card FROM card_agencies WHERE agency = :agency)"
			      " OR (ch.field IN ('lead', 'co') AND (ch.old LIKE :like OR ch.new LIKE :like)))");
		sb_printf(&like, "%%%s%%", f->agency);
	}
	if (!str_empty(f->author))
		sb_puts(&sql, " AND (m.author = :author OR m.email = :author OR m.member = :author)");
	if (f->responsibility_only)
		sb_puts(&sql, " AND ch.field IN ('lead', 'co')");
	if (f->field)
		sb_puts(&sql, " AND ch.field = :field");
	sb_puts(&sql, " ORDER BY ch.seq DESC, ch.id");
	if (f->limit)
		sb_printf(&sql, " LIMIT %zu", f->limit);
	if (sqlite3_prepare_v2(idx->db, sb_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		db_fail(idx, err, "query");
		sb_free(&sql);
		sb_free(&like);
		return -1;
	}
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":card"), f->card);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":since"), f->since);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":until"), f->until);
	bind_text(st, sqlite3_bind_parameter_index(st, ":agency"), f->agency);
	bind_text(st, sqlite3_bind_parameter_index(st, ":like"), sb_str(&like));
	bind_text(st, sqlite3_bind_parameter_index(st, ":author"), f->author);
	bind_text(st, sqlite3_bind_parameter_index(st, ":field"), f->field);
	int rc = read_log_rows(idx, st, out, err);
	sqlite3_finalize(st);
	sb_free(&sql);
	sb_free(&like);
	return rc;
}

int index_broken(struct index *idx, struct strvec *messages, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT message FROM broken ORDER BY path", err);

	if (!st)
		return -1;
	return step_texts(idx, st, 1, messages, err);
}

int index_check(struct index *idx, struct strvec *problems, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "PRAGMA quick_check", err);

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strcmp(col_text(st, 0), "ok") != 0)
			sv_push(problems, col_text(st, 0));
	sqlite3_reset(st);
	if (sqlite3_exec(idx->db, "INSERT INTO cards_fts(cards_fts) VALUES ('integrity-check')",
			 NULL, NULL, NULL) != SQLITE_OK)
		sv_push(problems, _("the full-text index does not match the cards"));
	return 0;
}

int index_board_problem(struct index *idx, struct strbuf *out, struct cb_error *err)
{
	return read_meta(idx, "board_problem", out, err);
}

/* --- execution control ------------------------------------------------------------- */

void request_list_free(struct request_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct request_row *r = &list->v[i];
		free(r->title);
		free(r->kind);
		free(r->time);
		free(r->author);
		free(r->agency);
		free(r->value);
		free(r->text);
		free(r->decision);
		free(r->decided_by);
		free(r->decided_at);
		free(r->decided_value);
	}
	free(list->v);
	memset(list, 0, sizeof(*list));
}

int index_requests(struct index *idx, bool open_only, struct request_list *out,
		   struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT r.number, r.card, c.title, r.kind, r.time, r.author, r.agency,"
				   " r.value, r.text, r.decision, r.decided_by, r.decided_at, r.decided_value"
				   " FROM requests r JOIN cards c ON c.id = r.card WHERE c.archived = 0"
				   " AND (?1 = 0 OR (r.decision = '' AND r.kind != 'part'))"
				   " ORDER BY r.time, r.number",
				   err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, open_only);
	while ((rc = step_row(idx, st, err)) > 0) {
		out->v = xgrow(out->v, out->n, sizeof(*out->v));
		struct request_row *r = &out->v[out->n++];
		r->number = sqlite3_column_int(st, 0);
		r->card = sqlite3_column_int(st, 1);
		char **fields[] = {&r->title,	 &r->kind,	 &r->time,	  &r->author,
				   &r->agency,	 &r->value,	 &r->text,	  &r->decision,
				   &r->decided_by, &r->decided_at, &r->decided_value};
		for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
			*fields[i] = xstrdup(col_text(st, (int)i + 2));
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_request_cards(struct index *idx, int number, int **cards, size_t *n,
			struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT DISTINCT card FROM requests WHERE number = ?", err);
	int rc;

	*cards = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, number);
	while ((rc = step_row(idx, st, err)) > 0) {
		*cards = xgrow(*cards, *n, sizeof(**cards));
		(*cards)[(*n)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_next_request_number(struct index *idx, int *number, struct cb_error *err)
{
	int max = 0;

	if (max_of(idx, "SELECT MAX(number) FROM requests", &max, err) < 0)
		return -1;
	*number = max + 1;
	return 0;
}

int index_lead_since(struct index *idx, int card, long long *when, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT m.time FROM changes ch JOIN commits m ON m.seq = ch.seq"
				   " WHERE ch.card = ?1 AND ch.field IN ('lead', 'created')"
				   " ORDER BY ch.seq DESC LIMIT 1",
				   err);
	int rc;

	*when = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, card);
	rc = step_row(idx, st, err);
	if (rc > 0)
		*when = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_card_by_item(struct index *idx, const char *item, const char *source, int *id,
		       struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT id FROM cards WHERE item = ?1 AND (?2 = '' OR source = ?2)"
				   " ORDER BY archived, id LIMIT 1",
				   err);
	int rc;

	*id = 0;
	if (!st)
		return -1;
	bind_text(st, 1, item);
	bind_text(st, 2, source);
	rc = step_row(idx, st, err);
	if (rc > 0)
		*id = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}
