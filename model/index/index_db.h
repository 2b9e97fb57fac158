/* Inside the index (index.c: the SQLite plumbing; index_write.c and index_commits.c:
 * commits into rows; index_merge.c: merges; index_query.c: the queries). Nothing outside
 * the index_*.c files includes this. */
#ifndef COBOARD_INDEX_DB_H
#define COBOARD_INDEX_DB_H

#ifdef COBOARD_FRONT_END
#error "index_db.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include <sqlite3.h>

#include "index.h"
#include "repo.h"

struct cached_stmt {
	const char *sql; /* compared by address: callers pass string literals */
	sqlite3_stmt *stmt;
};

struct index {
	sqlite3 *db;
	int lock_timeout_ms;
	long long busy_since_ms;
	struct repo *repo;
	char *path;
	char tip[GIT_OID_HEXSZ + 1];
	int wal_frames; /* frames in the WAL after this connection's last commit */
	/* The file cannot be written (a read-only mount, a full disk, no permission): the
	 * index lives in memory for this process, built from git. */
	bool in_memory;
	char *unwritable; /* why, for the user */
	struct cached_stmt *cache;
	size_t ncached;
	bool fts_deferred; /* a long catch-up: the search text is written at its end */
};

/* An error from the last SQLite call, worded for the user (busy, full disk, corrupt ...). */
int db_fail(struct index *idx, struct cb_error *err, const char *what);
/* A prepared statement for sql, reset and unbound, kept for the life of the connection. */
sqlite3_stmt *db_stmt(struct index *idx, const char *sql, struct cb_error *err);
void bind_text(sqlite3_stmt *st, int i, const char *s);
/* One step of a query: 1 with a row, 0 at the end, -1 (reset, err set) when SQLite failed,
 * so a busy or corrupt index is an error and never a short answer. */
int step_row(struct index *idx, sqlite3_stmt *st, struct cb_error *err);
int step_done(struct index *idx, sqlite3_stmt *st, struct cb_error *err);
/* Every row of a query, its first ncols columns as text appended to out in turn; st is
 * reset. -1 (err set) when SQLite failed. */
int step_texts(struct index *idx, sqlite3_stmt *st, int ncols, struct strvec *out,
	       struct cb_error *err);
/* A card's text as the index holds it (*text, caller frees): 1, or 0 when the board has no
 * such card; -1 (err set) when SQLite failed. */
int index_card_text(struct index *idx, int id, char **text, size_t *len, struct cb_error *err);
int db_exec(struct index *idx, const char *sql, struct cb_error *err);
const char *col_text(sqlite3_stmt *st, int i);
void close_db(struct index *idx);
/* SQLite's page cache: small for what a command reads once, larger for a long catch-up. */
void use_catch_up_cache(struct index *idx, bool on);
int read_meta(struct index *idx, const char *key, struct strbuf *out, struct cb_error *err);
int write_meta(struct index *idx, const char *key, const char *value, struct cb_error *err);
/* Reads the commit the index reflects into idx->tip. */
int load_tip(struct index *idx, struct cb_error *err);
/* Opens the SQLite file (or memory); 1 when it must be recreated (corrupt, older schema). */
int open_db(struct index *idx, struct cb_error *err);
void remove_index_files(const char *path);
/* Goes on with a fresh index in memory, filled from git by the next sync. */
int fall_back_to_memory(struct index *idx, const char *why, struct cb_error *err);

/* index_merge.c: one other parent of a merge (the second, or any later one of an octopus)
 * and the card at a path there; the card where it met the first parent is read only when a
 * list's change needs it. */
struct merge_side {
	struct index *idx;
	const struct commit_info *info;
	size_t which; /* index into info->other_parents */
	char path[32];
	struct card card;
	bool present; /* the card is there */
	struct card base;
	bool base_read, base_present;
};
int index_merge_side(struct index *idx, const struct commit_info *info, size_t which,
		     const char *path, int id, struct merge_side *side, struct cb_error *err);
void index_merge_side_free(struct merge_side *side);
/* Keeps in changes (a merge's, against its first parent) only what the merge did itself
 * beside what side brought (called once per other parent of an octopus). */
struct change_list;
void index_keep_merge_own(struct change_list *changes, struct merge_side *side,
			  const struct card *merged);

#endif
