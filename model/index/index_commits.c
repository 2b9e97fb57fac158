/* The index's queries about commits: which commit stood when, meetings, who changed what
 * last, a commit's summary. */
#include "i18n.h"
#include "index_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first column of the first row of sql as a commit id in out[41] ("" when no row);
 * the parameter :n or :text is bound when the statement has it. */
static int query_commit(struct index *idx, const char *sql, long long n, const char *text,
			char out[41], struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, sql, err);

	out[0] = '\0';
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":n"), n);
	bind_text(st, sqlite3_bind_parameter_index(st, ":text"), text);
	int rc = step_row(idx, st, err);
	if (rc > 0)
		snprintf(out, 41, "%s", col_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

static int to_oid(const char hex[41], struct cb_oid *out, const char *missing, struct cb_error *err)
{
	if (!hex[0])
		return cb_fail(err, CB_ENOTFOUND, "%s", gettext(missing));
	if (cb_oid_fromstr(out, hex) < 0)
		return cb_fail(err, CB_ECORRUPT, "bad commit id '%s' in the index; run `coboard reindex`",
			       hex);
	return 0;
}

int index_last_card_commit_by(struct index *idx, const char *member, char out[41],
			      struct cb_error *err)
{
	return query_commit(idx,
			    "SELECT oid FROM commits WHERE member = :text AND op IN ('add', 'move',"
			    " 'assign', 'edit', 'note', 'archive', 'revert') ORDER BY seq DESC LIMIT 1",
			    0, member, out, err);
}

int index_last_meeting(struct index *idx, char out[41], struct cb_error *err)
{
	return query_commit(idx,
			    "SELECT oid FROM commits WHERE op = 'meeting-end' AND side = 0"
			    " ORDER BY seq DESC LIMIT 1",
			    0, NULL, out, err);
}

int index_before_last_meeting(struct index *idx, char out[41], struct cb_error *err)
{
	return query_commit(idx,
			    "SELECT oid FROM commits WHERE side = 0 AND seq < (SELECT seq FROM commits"
			    " WHERE op = 'meeting-start' AND side = 0 ORDER BY seq DESC LIMIT 1)"
			    " ORDER BY seq DESC LIMIT 1",
			    0, NULL, out, err);
}

int index_commit_before(struct index *idx, long long epoch, struct cb_oid *out,
			struct cb_error *err)
{
	char hex[41];

	if (query_commit(idx, "SELECT oid FROM commits WHERE at < :n AND side = 0 ORDER BY seq DESC"
			 " LIMIT 1",
			 epoch, NULL, hex, err) < 0)
		return -1;
	return to_oid(hex, out, N_("the board has no commit on or before that date"), err);
}

int index_commit_back(struct index *idx, int n, struct cb_oid *out, struct cb_error *err)
{
	char hex[41];

	if (query_commit(idx, "SELECT oid FROM commits WHERE side = 0 ORDER BY seq DESC LIMIT 1 OFFSET :n", n, NULL,
			 hex, err) < 0)
		return -1;
	return to_oid(hex, out, N_("that is the board's first change"), err);
}

int index_arrivals(struct index *idx, const char *since, struct index_arrivals *out,
		   struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(
		idx,
		"WITH since AS (SELECT seq FROM commits WHERE oid = ?1 AND side = 0),"
		" later AS (SELECT * FROM commits WHERE seq > (SELECT seq FROM since))"
		" SELECT (SELECT count(*) FROM later WHERE merge = 0), n.author, n.subject, m.op,"
		" m.site, m.merged_from, EXISTS (SELECT 1 FROM since) FROM (SELECT 1) LEFT JOIN"
		" (SELECT author, subject FROM later WHERE merge = 0 ORDER BY seq DESC LIMIT 1) n"
		" LEFT JOIN (SELECT op, site, merged_from FROM later WHERE merge = 1"
		" ORDER BY seq DESC LIMIT 1) m",
		err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	bind_text(st, 1, since);
	rc = step_row(idx, st, err);
	if (rc > 0) {
		out->count = (size_t)sqlite3_column_int64(st, 0);
		sb_puts(&out->author, col_text(st, 1));
		sb_puts(&out->subject, col_text(st, 2));
		sb_puts(&out->merge_op, col_text(st, 3));
		sb_puts(&out->site, col_text(st, 4));
		sb_puts(&out->merged_from, col_text(st, 5));
		out->on_main_line = sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

void index_arrivals_free(struct index_arrivals *a)
{
	sb_free(&a->author);
	sb_free(&a->subject);
	sb_free(&a->merge_op);
	sb_free(&a->site);
	sb_free(&a->merged_from);
}

int index_changes_since_commit(struct index *idx, const char *oid, int *n, struct cb_error *err)
{
	char seq[41], count[41];

	if (query_commit(idx, "SELECT seq FROM commits WHERE oid = :text AND side = 0", 0, oid,
			 seq, err) < 0)
		return -1;
	if (!seq[0])
		return cb_fail(err, CB_ENOTFOUND,
			       "%.7s is not on the board's main line (a merged side branch?)", oid);
	if (query_commit(idx, "SELECT count(*) FROM commits WHERE seq > :n AND side = 0", atoll(seq), NULL,
			 count, err) < 0)
		return -1;
	*n = atoi(count);
	return 0;
}

int index_meetings_since(struct index *idx, long long since, int *count, struct cb_error *err)
{
	sqlite3_stmt *st =
		db_stmt(idx, "SELECT count(*) FROM commits WHERE op = 'meeting-end' AND at >= ?", err);

	*count = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	int rc = step_row(idx, st, err);
	if (rc > 0)
		*count = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_last_change(struct index *idx, char **author, long long *time, char **subject,
		      struct cb_error *err)
{
	sqlite3_stmt *st =
		db_stmt(idx, "SELECT author, time, subject FROM commits ORDER BY seq DESC LIMIT 1", err);

	*author = *subject = NULL;
	*time = 0;
	if (!st)
		return -1;
	int rc = step_row(idx, st, err);
	if (rc > 0) {
		*author = xstrdup(col_text(st, 0));
		*time = sqlite3_column_int64(st, 1);
		*subject = xstrdup(col_text(st, 2));
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_commit_summary(struct index *idx, const char *oid, char **subject, char **member,
			 struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT subject, member FROM commits WHERE oid = ?", err);
	int rc;

	*subject = *member = NULL;
	if (!st)
		return -1;
	bind_text(st, 1, oid);
	rc = step_row(idx, st, err);
	if (rc > 0) {
		*subject = xstrdup(col_text(st, 0));
		*member = xstrdup(col_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == 0)
		return cb_fail(err, CB_ENOTFOUND,
			       "%.7s is not a change on the board's main line of history", oid);
	return rc < 0 ? -1 : 0;
}

int index_meeting_ends(struct index *idx, bool last_only, struct strvec *ends,
		       struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT oid, minutes FROM commits WHERE op = 'meeting-end'"
				   " ORDER BY seq DESC LIMIT CASE WHEN ? THEN 1 ELSE -1 END",
				   err);

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, last_only);
	return step_texts(idx, st, 2, ends, err);
}
