#include "index_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "i18n.h"

/* --- writing rows ------------------------------------------------------------------- */

/* A catch-up longer than this (a rebuild, a board that moved on by much) leaves the
 * search text alone commit by commit and writes it once at the end: the full-text index
 * is the costliest part of indexing a change, and only the last text of a card counts. */
enum { FTS_DEFER_COMMITS = 64 };

static int delete_card_rows(struct index *idx, int id, struct cb_error *err)
{
	static const char *const sqls[] = {
		"DELETE FROM cards WHERE id = ?",
		"DELETE FROM card_agencies WHERE card = ?",
		"DELETE FROM requests WHERE card = ?",
		"DELETE FROM cards_fts WHERE rowid = ?",
	};
	size_t n = sizeof(sqls) / sizeof(*sqls) - (idx->fts_deferred ? 1 : 0);

	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = db_stmt(idx, sqls[i], err);
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, id);
		if (step_done(idx, st, err) < 0)
			return -1;
	}
	return 0;
}

/* A request two offices decided differently is a conflict to settle, as a value set aside. */
static bool decided_twice(const struct card *c)
{
	for (size_t i = 0; i < c->nsteps; i++)
		if (step_is_request(&c->steps[i]) && card_decided_twice(c, c->steps[i].number))
			return true;
	return false;
}

static int insert_requests(struct index *idx, const struct card *c, struct cb_error *err)
{
	for (size_t i = 0; i < c->nsteps; i++) {
		const struct step *r = &c->steps[i], *d;
		if (!step_is_request(r))
			continue;
		d = card_decision(c, r->number);
		sqlite3_stmt *st = db_stmt(idx,
					   "INSERT INTO requests(number, card, kind, time, author, agency,"
					   " value, text, decision, decided_by, decided_at, decided_value)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					   err);
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, r->number);
		sqlite3_bind_int(st, 2, c->id);
		bind_text(st, 3, r->kind);
		bind_text(st, 4, r->time);
		bind_text(st, 5, r->author);
		bind_text(st, 6, r->agency);
		bind_text(st, 7, r->value);
		bind_text(st, 8, r->text);
		bind_text(st, 9, d ? d->kind : "");
		bind_text(st, 10, d ? d->author : "");
		bind_text(st, 11, d ? d->time : "");
		bind_text(st, 12, d ? d->value : "");
		if (step_done(idx, st, err) < 0)
			return -1;
	}
	return 0;
}

static int insert_search_text(struct index *idx, const struct card *c, struct cb_error *err)
{
	struct strbuf notes = {0};
	sqlite3_stmt *st;
	int rc = -1;

	for (size_t i = 0; i < c->nnotes; i++)
		sb_printf(&notes, "%s\n", c->notes[i].text);
	/* The source is searched with the notes: "item 4", "Government meeting". */
	if (!str_empty(c->item) || !str_empty(c->source))
		sb_printf(&notes, "item %s %s\n", c->item, c->source);
	st = db_stmt(idx, "INSERT INTO cards_fts(rowid, title, description, notes) VALUES (?, ?, ?, ?)",
		     err);
	if (st) {
		sqlite3_bind_int(st, 1, c->id);
		bind_text(st, 2, c->title);
		bind_text(st, 3, c->description);
		bind_text(st, 4, sb_str(&notes));
		rc = step_done(idx, st, err);
	}
	sb_free(&notes);
	return rc;
}

/* The search text of every card, written anew from the cards' rows. */
static int rewrite_search_text(struct index *idx, struct cb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_exec(idx, "DELETE FROM cards_fts;", err) < 0)
		return -1;
	/* A statement of its own: the cached ones are stepped inside the loop. */
	if (sqlite3_prepare_v2(idx->db, "SELECT id, text FROM cards", -1, &st, NULL) != SQLITE_OK)
		return db_fail(idx, err, N_("read the cards"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct card card;
		struct cb_error ignored = {0};
		const char *text = (const char *)sqlite3_column_text(st, 1);

		if (card_parse(&card, text, (size_t)sqlite3_column_bytes(st, 1), &ignored) == 0) {
			card.id = sqlite3_column_int(st, 0);
			rc = insert_search_text(idx, &card, err);
		}
		card_free(&card);
		if (rc < 0)
			break;
	}
	if (rc != SQLITE_DONE && rc >= 0)
		rc = db_fail(idx, err, "read the cards");
	sqlite3_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int insert_card_rows(struct index *idx, const struct card *c, const char *text,
			    struct cb_error *err)
{
	struct strbuf labels = {0}, co = {0};
	sqlite3_stmt *st;
	int rc = -1;

	if (delete_card_rows(idx, c->id, err) < 0)
		return -1;
	sv_join(&c->labels, ",", &labels);
	sv_join(&c->co, ",", &co);
	st = db_stmt(idx,
		     "INSERT INTO cards(id, text, title, col, rank, lead, due, labels, archived, co,"
		     " set_aside, item, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		     err);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, c->id);
	bind_text(st, 2, text);
	bind_text(st, 3, c->title);
	bind_text(st, 4, c->column);
	bind_text(st, 5, c->rank);
	bind_text(st, 6, c->lead);
	bind_text(st, 7, c->due);
	/* Wrapped in commas so a label matches with LIKE '%,label,%' and never a prefix. */
	if (labels.len) {
		char *joined = sb_detach(&labels);
		sb_printf(&labels, ",%s,", joined);
		free(joined);
	}
	bind_text(st, 8, sb_str(&labels));
	sqlite3_bind_int(st, 9, c->archived);
	bind_text(st, 10, sb_str(&co));
	sqlite3_bind_int(st, 11, c->nconflicts > 0 || decided_twice(c));
	bind_text(st, 12, c->item);
	bind_text(st, 13, c->source);
	if (step_done(idx, st, err) < 0)
		goto out;
	for (size_t i = 0; i <= c->co.n; i++) {
		st = db_stmt(idx, "INSERT OR IGNORE INTO card_agencies(card, agency) VALUES (?, ?)",
			     err);
		if (!st)
			goto out;
		sqlite3_bind_int(st, 1, c->id);
		bind_text(st, 2, i == 0 ? c->lead : c->co.v[i - 1]);
		if (step_done(idx, st, err) < 0)
			goto out;
	}
	rc = insert_requests(idx, c, err);
	if (rc == 0)
		rc = idx->fts_deferred ? 0 : insert_search_text(idx, c, err);
out:
	sb_free(&labels);
	sb_free(&co);
	return rc;
}

/* Marks path broken with message (NULL: no longer broken), remembering last_good (the
 * card's last text that parsed; NULL keeps what was remembered). */
static int set_broken(struct index *idx, const char *path, const char *message,
		      const char *last_good, struct cb_error *err)
{
	sqlite3_stmt *st;

	if (!message) {
		st = db_stmt(idx, "DELETE FROM broken WHERE path = ?", err);
		if (!st)
			return -1;
		bind_text(st, 1, path);
		return step_done(idx, st, err);
	}
	st = db_stmt(idx,
		     "INSERT INTO broken(path, message, last_good) VALUES (?1, ?2, ?3)"
		     " ON CONFLICT(path) DO UPDATE SET message = ?2,"
		     " last_good = coalesce(?3, last_good)",
		     err);
	if (!st)
		return -1;
	bind_text(st, 1, path);
	bind_text(st, 2, message);
	if (last_good)
		bind_text(st, 3, last_good);
	else
		sqlite3_bind_null(st, 3);
	return step_done(idx, st, err);
}

/* The last text of a broken card that parsed, "" when none is known. Caller frees. */
static int broken_last_good(struct index *idx, const char *path, char **text,
			    struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT last_good FROM broken WHERE path = ?", err);
	int rc;

	*text = NULL;
	if (!st)
		return -1;
	bind_text(st, 1, path);
	rc = step_row(idx, st, err);
	*text = xstrdup(rc > 0 ? col_text(st, 0) : "");
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

static int insert_change(struct index *idx, sqlite3_int64 seq, int card, const char *field,
			 const char *old_value, const char *new_value, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(
		idx, "INSERT INTO changes(seq, card, field, old, new) VALUES (?, ?, ?, ?, ?)", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int(st, 2, card);
	bind_text(st, 3, field);
	bind_text(st, 4, old_value);
	bind_text(st, 5, new_value);
	return step_done(idx, st, err);
}

/* Parses a card version; NULL text or a parse failure leaves *ok false. */
static void parse_version(const char *text, size_t len, int id, struct card *card, bool *ok,
			  struct cb_error *perr)
{
	*ok = false;
	card_init(card);
	if (!text)
		return;
	card_free(card);
	*ok = card_parse(card, text, len, perr) == 0;
	card->id = id;
}

/* How a commit's files are taken: applied to the board and recorded as history (a commit on
 * the main line), or only recorded (a side commit a merge brought in: the board never stood
 * there). Of a merge, on either line, only what the merge itself did is recorded. */
enum take { TAKE_APPLY, TAKE_HISTORY_ONLY };

/* Indexes one card file's change: the card row, and (seq > 0) one history row per field.
 * A version that does not parse is recorded as broken and left out of the board; the change
 * that fixes it is measured against the last version that parsed. For a merge, sides are its
 * other parents. */
static int index_card_change(struct index *idx, sqlite3_int64 seq, const struct file_change *fc,
			     int id, enum take take, bool merge, struct merge_side *sides,
			     size_t nsides, struct cb_error *err)
{
	struct card old_card, new_card;
	struct cb_error old_err = {0}, new_err = {0};
	struct change_list changes = {0};
	char *last_good = NULL;
	bool old_ok, new_ok;
	int rc = -1;

	parse_version(fc->old_text, fc->old_len, id, &old_card, &old_ok, &old_err);
	parse_version(fc->new_text, fc->new_len, id, &new_card, &new_ok, &new_err);
	if (!old_ok) {
		if (broken_last_good(idx, fc->path, &last_good, err) < 0)
			goto out;
		if (*last_good) {
			card_free(&old_card);
			parse_version(last_good, strlen(last_good), id, &old_card, &old_ok, &old_err);
		}
	}
	if (take == TAKE_HISTORY_ONLY) {
		if (new_ok || (!fc->new_text && !fc->too_big))
			history_diff(old_ok ? &old_card : NULL, new_ok ? &new_card : NULL, &changes);
	} else if (!fc->new_text && !fc->too_big) {
		if (delete_card_rows(idx, id, err) < 0 || set_broken(idx, fc->path, NULL, NULL, err) < 0)
			goto out;
		history_diff(old_ok ? &old_card : NULL, NULL, &changes);
	} else if (!new_ok) {
		char message[600];

		if (fc->too_big)
			snprintf(
				message, sizeof(message),
				_("%s: %zu bytes, over the limit of %d KiB for a card with its notes; "
				  "it is left out of the board until it is cut down"),
				fc->path, fc->too_big, CARD_FILE_MAX / 1024);
		else
			snprintf(message, sizeof(message), "%s: %s", fc->path, new_err.msg);
		if (delete_card_rows(idx, id, err) < 0 ||
		    set_broken(idx, fc->path, message, old_ok && fc->old_text ? fc->old_text : NULL,
			       err) < 0)
			goto out;
	} else {
		if (insert_card_rows(idx, &new_card, fc->new_text, err) < 0 ||
		    set_broken(idx, fc->path, NULL, NULL, err) < 0)
			goto out;
		history_diff(old_ok ? &old_card : NULL, &new_card, &changes);
	}
	for (size_t k = 0; merge && k < nsides; k++)
		index_keep_merge_own(&changes, &sides[k], new_ok ? &new_card : NULL);
	for (size_t i = 0; seq > 0 && i < changes.n; i++)
		if (insert_change(idx, seq, id, changes.v[i].field, changes.v[i].old_value,
				  changes.v[i].new_value, err) < 0)
			goto out;
	rc = 0;
out:
	free(last_good);
	change_list_free(&changes);
	card_free(&old_card);
	card_free(&new_card);
	return rc;
}

static int compare_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_lines(const struct strvec *lines)
{
	char **v = xcalloc(lines->n + 1, sizeof(*v));

	if (lines->n) {
		memcpy(v, lines->v, lines->n * sizeof(*v));
		qsort(v, lines->n, sizeof(*v), compare_lines);
	}
	return v;
}

/* board.conf changes are recorded line by line (card 0), so who granted what is history.
 * A board.conf that does not parse is not taken: the board keeps working with the last one
 * that did, and the problem is kept for every command to warn about. */
static int index_board_change(struct index *idx, sqlite3_int64 seq, const struct file_change *fc,
			      struct cb_error *err)
{
	struct strvec old_lines = {0}, new_lines = {0};
	struct board parsed;
	struct cb_error perr = {0};
	int rc = 0;

	for (int side = 0; side < 2 && seq > 0; side++) {
		const char *text = side ? fc->new_text : fc->old_text;
		struct strvec *lines = side ? &new_lines : &old_lines;
		const char *p = text;

		while (p && *p) {
			const char *nl = strchr(p, '\n');
			char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
			if (*line && *line != '#')
				sv_push(lines, line);
			free(line);
			p = nl ? nl + 1 : NULL;
		}
	}
	/* Looked up in sorted copies: a board.conf of thousands of members stays quick. */
	char **old_sorted = sorted_lines(&old_lines), **new_sorted = sorted_lines(&new_lines);
	for (size_t i = 0; i < old_lines.n && rc == 0; i++)
		if (!bsearch(&old_lines.v[i], new_sorted, new_lines.n, sizeof(char *), compare_lines))
			rc = insert_change(idx, seq, 0, "board.conf", old_lines.v[i], "", err);
	for (size_t i = 0; i < new_lines.n && rc == 0; i++)
		if (!bsearch(&new_lines.v[i], old_sorted, old_lines.n, sizeof(char *), compare_lines))
			rc = insert_change(idx, seq, 0, "board.conf", "", new_lines.v[i], err);
	free(old_sorted);
	free(new_sorted);
	if (rc == 0 && fc->new_text) {
		if (board_parse(&parsed, fc->new_text, fc->new_len, &perr) == 0) {
			rc = write_meta(idx, "board", fc->new_text, err);
			if (rc == 0)
				rc = write_meta(idx, "board_problem", "", err);
		} else {
			char message[700];
			snprintf(message, sizeof(message), "board.conf: %s", perr.msg);
			rc = write_meta(idx, "board_problem", message, err);
		}
		board_free(&parsed);
	}
	sv_free(&old_lines);
	sv_free(&new_lines);
	return rc;
}

/* Where a merge's other parent keeps card id: at its own path, or, for a card the merge
 * brought in under a new id ("Renumbered: #102 #202"), at the id it had there. */
static void other_parent_path(const struct commit_info *info, const char *path, int id,
			      char out[32])
{
	snprintf(out, 32, "%s", path);
	for (const char *p = info->message; p && (p = strstr(p, "\nRenumbered: #")); p++) {
		int was = 0, now = 0;
		if (sscanf(p, "\nRenumbered: #%d #%d", &was, &now) == 2 && now == id) {
			card_path(was, out);
		}
	}
}

/* Applies the files of one change to the current state; seq > 0 also records history. */
static int index_files(struct index *idx, sqlite3_int64 seq, const struct commit_info *info,
		       enum take take, struct cb_error *err)
{
	for (size_t i = 0; i < info->nchanges; i++) {
		const struct file_change *fc = &info->changes[i];
		int id = card_id_from_path(fc->path);
		int rc = 0;

		if (id > 0) {
			struct merge_side sides[COMMIT_OTHER_PARENTS_MAX];
			size_t loaded = 0;
			char there[32];

			if (info->merge)
				other_parent_path(info, fc->path, id, there);
			for (; info->merge && loaded < info->nother_parents && rc == 0; loaded++)
				rc = index_merge_side(idx, info, loaded, there, id, &sides[loaded], err);
			if (rc == 0)
				rc = index_card_change(idx, seq, fc, id, take, info->merge, sides, loaded,
						       err);
			for (size_t k = 0; k < loaded; k++)
				index_merge_side_free(&sides[k]);
		} else if (strcmp(fc->path, "board.conf") == 0 && take != TAKE_HISTORY_ONLY) {
			rc = index_board_change(idx, seq, fc, err);
		} else if (strcmp(fc->path, MEETING_OPEN_PATH) == 0 && take != TAKE_HISTORY_ONLY) {
			rc = write_meta(idx, "meeting", fc->new_text ? fc->new_text : "", err);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int index_one_commit(struct index *idx, const struct commit_info *info, bool side,
			    struct cb_error *err)
{
	const char *nl = strchr(info->message, '\n');
	char *subject = xstrndup(info->message, nl ? (size_t)(nl - info->message)
						    : strlen(info->message));
	char *op = history_trailer(info->message, "Op");
	char *reason = history_trailer(info->message, "Reason");
	char *member = history_trailer(info->message, "Member");
	/* Which office a sync merge came from (index_arrivals reads it of merges only). */
	char *site = info->merge ? history_trailer(info->message, "Site") : xstrdup("");
	char *merged_from = info->merge ? history_trailer(info->message, "Merged-From") : xstrdup("");
	char *minutes = strcmp(op, "meeting-end") == 0 ? history_trailer(info->message, "Minutes")
						       : xstrdup("");
	sqlite3_stmt *st;
	int rc = -1;

	/* The office by name: the first word ("Merged-From: astana URL"). */
	site[strcspn(site, " ")] = '\0';
	merged_from[strcspn(merged_from, " ")] = '\0';
	st = db_stmt(
		idx,
		"INSERT INTO commits(oid, time, at, author, email, subject, op, reason, member,"
		" side, merge, site, merged_from, minutes) VALUES (?1, ?2, max(?2,"
		" coalesce((SELECT max(at) FROM commits), 0)), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12, ?13)",
		err);
	if (!st)
		goto out;
	bind_text(st, 1, info->oid);
	sqlite3_bind_int64(st, 2, info->time);
	bind_text(st, 3, info->author_name);
	bind_text(st, 4, info->author_email);
	bind_text(st, 5, subject);
	bind_text(st, 6, op);
	bind_text(st, 7, reason);
	bind_text(st, 8, member);
	sqlite3_bind_int(st, 9, side);
	sqlite3_bind_int(st, 10, info->merge);
	bind_text(st, 11, site);
	bind_text(st, 12, merged_from);
	bind_text(st, 13, minutes);
	if (step_done(idx, st, err) < 0)
		goto out;
	rc = index_files(idx, sqlite3_last_insert_rowid(idx->db), info,
			 side ? TAKE_HISTORY_ONLY : TAKE_APPLY, err);
out:
	free(subject);
	free(op);
	free(reason);
	free(member);
	free(site);
	free(merged_from);
	free(minutes);
	return rc;
}

static int clear_all(struct index *idx, struct cb_error *err)
{
	idx->tip[0] = '\0';
	return db_exec(idx,
		       "DELETE FROM meta; DELETE FROM cards; DELETE FROM card_agencies; DELETE FROM requests;"
		       "DELETE FROM broken; DELETE FROM commits; DELETE FROM changes;"
		       "DELETE FROM cards_fts;",
		       err);
}

/* The seq of commit hex in the index, 0 when it is not there. */
/* The seq of commit hex on the indexed main line, 0 when it is not there. */
static sqlite3_int64 commit_seq(struct index *idx, const char *hex)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT seq FROM commits WHERE oid = ? AND side = 0", NULL);
	sqlite3_int64 seq = 0;

	if (!st)
		return 0;
	bind_text(st, 1, hex);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return seq;
}

static bool is_indexed(const git_oid *commit, void *ctx)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), commit);
	return commit_seq(ctx, hex) > 0;
}

/* The branch no longer runs through the indexed tip (a forced push, or a merge that took
 * the indexed tip as a side parent): forget the history after base, the last commit the
 * index and the branch share, and set the current state back to base's tree. */
static int rewind_to(struct index *idx, const git_oid *base, struct cb_error *err)
{
	struct commit_info diff;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid old_tip;
	sqlite3_stmt *st;
	int rc;

	git_oid_tostr(hex, sizeof(hex), base);
	if (git_oid_fromstr(&old_tip, idx->tip) < 0)
		return 1;
	if (repo_tree_changes(idx->repo, &old_tip, base, &diff, err) < 0) {
		/* The old tip is gone (pruned after a forced push): start over. */
		commit_info_free(&diff);
		cb_error_clear(err);
		return 1;
	}
	rc = index_files(idx, 0, &diff, TAKE_APPLY, err);
	commit_info_free(&diff);
	if (rc < 0)
		return -1;
	st = db_stmt(idx,
		     "DELETE FROM changes WHERE seq > (SELECT seq FROM commits WHERE oid = ?1)", err);
	if (!st)
		return -1;
	bind_text(st, 1, hex);
	if (step_done(idx, st, err) < 0)
		return -1;
	st = db_stmt(idx,
		     "DELETE FROM commits WHERE seq > (SELECT seq FROM commits WHERE oid = ?1)", err);
	if (!st)
		return -1;
	bind_text(st, 1, hex);
	return step_done(idx, st, err);
}

/* A merge that brought the other office's card in under a new id (model/storage/merge_tree.h) says
 * so in its message ("Renumbered: #102 #202"): that card's history is the new id's. */
static void follow_renumbered(const char *merge_message, struct commit_info *info)
{
	for (const char *p = merge_message; p && (p = strstr(p, "\nRenumbered: #")); p++) {
		int was = 0, now = 0;
		if (sscanf(p, "\nRenumbered: #%d #%d", &was, &now) != 2)
			continue;
		for (size_t i = 0; i < info->nchanges; i++) {
			if (card_id_from_path(info->changes[i].path) != was)
				continue;
			char home[32];
			card_path(now, home);
			free(info->changes[i].path);
			info->changes[i].path = xstrdup(home);
		}
	}
}

/* The commits a merge brought in, each recorded as the change it was, by its author. */
static int index_side_commits(struct index *idx, const git_oid *merge, const char *message,
			      struct cb_error *err)
{
	git_oid *ids;
	size_t n;
	int rc = 0;

	if (repo_side_commits(idx->repo, merge, &ids, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct commit_info info;
		rc = repo_commit_info(idx->repo, &ids[i], &info, err);
		if (rc == 0)
			follow_renumbered(message, &info);
		if (rc == 0)
			rc = index_one_commit(idx, &info, true, err);
		commit_info_free(&info);
	}
	free(ids);
	return rc;
}

/* The branch no longer holds the commit the index reflected: someone took history away
 * (a forced push, a reset). The index follows the branch, but the fact is kept for fsck. */
static void note_if_rewound(struct index *idx, const git_oid *tip)
{
	git_oid had;
	char tip_hex[GIT_OID_HEXSZ + 1];

	if (git_oid_fromstr(&had, idx->tip) < 0 || repo_descends_from(idx->repo, tip, &had))
		return;
	git_oid_tostr(tip_hex, sizeof(tip_hex), tip);
	repo_note_rewound(idx->repo, idx->tip, tip_hex);
}

int index_sync(struct index *idx, progress_fn progress, void *pctx, struct cb_error *err)
{
	char hex[GIT_OID_HEXSZ + 1], base_hex[GIT_OID_HEXSZ + 1];
	git_oid tip, base, *chain = NULL;
	size_t n = 0;
	bool has_base;
	int rc = -1;

	if (repo_tip(idx->repo, &tip, err) < 0)
		return -1;
	git_oid_tostr(hex, sizeof(hex), &tip);
	if (strcmp(hex, idx->tip) == 0)
		return 0;
	if (repo_first_parents(idx->repo, &tip, is_indexed, idx, &chain, &n, &base, &has_base,
			       err) < 0)
		return -1;
	bool walked_to_root = !has_base;
	if (*idx->tip && (!has_base || strcmp((git_oid_tostr(base_hex, sizeof(base_hex), &base),
					       base_hex), idx->tip) != 0))
		note_if_rewound(idx, &tip);
	if (has_base) {
		git_oid_tostr(base_hex, sizeof(base_hex), &base);
		if (strcmp(base_hex, idx->tip) != 0) {
			int r = rewind_to(idx, &base, err);
			if (r < 0)
				goto out;
			if (r > 0)
				has_base = false;
		}
	}
	if (!has_base) {
		if (clear_all(idx, err) < 0)
			goto out;
		/* A walk that met no indexed commit already holds the whole history; one that
		 * stopped at a base the index could not go back to is walked again to the root. */
		if (!walked_to_root) {
			free(chain);
			chain = NULL;
			if (repo_first_parents(idx->repo, &tip, is_indexed, idx, &chain, &n, &base,
					       &has_base, err) < 0)
				goto out;
		}
	}
	idx->fts_deferred = n > FTS_DEFER_COMMITS;
	use_catch_up_cache(idx, idx->fts_deferred);
	for (size_t i = n; i-- > 0;) {
		struct commit_info info;

		if (repo_commit_info(idx->repo, &chain[i], &info, err) < 0 ||
		    (info.merge && index_side_commits(idx, &chain[i], info.message, err) < 0) ||
		    index_one_commit(idx, &info, false, err) < 0) {
			commit_info_free(&info);
			goto out;
		}
		commit_info_free(&info);
		if (progress)
			progress(n - i, n, pctx);
	}
	if ((idx->fts_deferred && rewrite_search_text(idx, err) < 0) ||
	    write_meta(idx, "tip", hex, err) < 0)
		goto out;
	snprintf(idx->tip, sizeof(idx->tip), "%s", hex);
	rc = 0;
out:
	if (idx->fts_deferred)
		use_catch_up_cache(idx, false);
	idx->fts_deferred = false;
	free(chain);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct file_change *)a)->path, ((const struct file_change *)b)->path);
}

int index_own_commit(struct index *idx, const struct own_commit *c, struct cb_error *err)
{
	struct commit_info info = {0};
	int rc = -1;

	if (strcmp(idx->tip, c->parent) != 0)
		return 1;
	for (size_t i = 0; i < c->nfiles; i++)
		if (card_id_from_path(c->files[i].path) <= 0 || !c->files[i].content)
			return 1; /* only cards written: anything else is read from git */
	snprintf(info.oid, sizeof(info.oid), "%s", c->oid);
	info.time = c->time;
	info.author_name = (char *)c->author_name;
	info.author_email = (char *)c->author_email;
	info.message = (char *)c->message;
	if (git_oid_fromstr(&info.first_parent, c->parent) < 0)
		return 1;
	info.changes = xcalloc(c->nfiles, sizeof(*info.changes));
	for (size_t i = 0; i < c->nfiles; i++) {
		const struct file_update *f = &c->files[i];
		struct file_change *fc = &info.changes[info.nchanges++];
		fc->path = xstrdup(f->path);
		fc->new_text = xstrndup(f->content, f->len);
		fc->new_len = f->len;
		/* The old text as git has it at the indexed tip; none for a new card. */
		if (index_card_text(idx, card_id_from_path(f->path), &fc->old_text, &fc->old_len,
				    err) < 0)
			goto out;
	}
	/* In the order a read from git gives them (tree order: card files sit at one depth). */
	qsort(info.changes, info.nchanges, sizeof(*info.changes), by_path);
	if (index_one_commit(idx, &info, false, err) < 0 || write_meta(idx, "tip", c->oid, err) < 0)
		goto out;
	snprintf(idx->tip, sizeof(idx->tip), "%s", c->oid);
	rc = 0;
out:
	commit_info_free(&info);
	return rc;
}

static int refresh(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err)
{
	if (index_begin_write(idx, err) < 0)
		return -1;
	if (index_sync(idx, progress, ctx, err) < 0) {
		index_rollback(idx);
		return -1;
	}
	return index_commit(idx, err);
}

int index_refresh(struct index *idx, struct cb_error *err)
{
	return index_refresh_showing(idx, NULL, NULL, err);
}

int index_refresh_showing(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err)
{
	if (!index_behind(idx))
		return 0;
	if (refresh(idx, progress, ctx, err) == 0)
		return 0;
	int code = sqlite3_errcode(idx->db);
	if (idx->in_memory || (code != SQLITE_READONLY && code != SQLITE_FULL &&
			       code != SQLITE_IOERR && code != SQLITE_CANTOPEN))
		return -1;
	/* The index cannot be brought up to date on disk: read the board from git. */
	char why[600];
	snprintf(why, sizeof(why), "%s", err->msg);
	cb_error_clear(err);
	if (fall_back_to_memory(idx, why, err) < 0)
		return -1;
	return refresh(idx, progress, ctx, err);
}

int index_rebuild(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err)
{
	if (index_begin_write(idx, err) < 0)
		return -1;
	if (clear_all(idx, err) < 0 && !idx->in_memory &&
	    (sqlite3_errcode(idx->db) == SQLITE_CORRUPT || sqlite3_errcode(idx->db) == SQLITE_NOTADB)) {
		/* Too damaged to empty: the file holds nothing git does not, so make it anew. */
		index_rollback(idx);
		close_db(idx);
		remove_index_files(idx->path);
		cb_error_clear(err);
		if (open_db(idx, err) != 0 || index_begin_write(idx, err) < 0)
			return cb_fail(err, CB_ECORRUPT, "the index %s cannot be recreated", idx->path);
	}
	if (err->code || index_sync(idx, progress, ctx, err) < 0) {
		index_rollback(idx);
		return -1;
	}
	if (index_commit(idx, err) < 0)
		return -1;
	/* A rebuild writes the whole index through the WAL: fold it back and shrink it now,
	 * or every later command would reread it. */
	sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return 0;
}
