#include "index.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "history.h"

enum { SCHEMA_VERSION = 3, DEFAULT_LOCK_TIMEOUT_MS = 10000, WAL_CHECKPOINT_FRAMES = 256 };

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE cards(id INTEGER PRIMARY KEY, text TEXT NOT NULL, title TEXT NOT NULL,"
	" col TEXT NOT NULL, rank TEXT NOT NULL, lead TEXT NOT NULL, due TEXT NOT NULL,"
	" labels TEXT NOT NULL, archived INTEGER NOT NULL);"
	"CREATE INDEX cards_col ON cards(col, rank, id);"
	"CREATE TABLE card_agencies(card INTEGER NOT NULL, agency TEXT NOT NULL);"
	"CREATE UNIQUE INDEX card_agencies_by_agency ON card_agencies(agency, card);"
	"CREATE INDEX card_agencies_by_card ON card_agencies(card);"
	/* last_good: the card's last text that parsed, so the fix of a malformed card shows as
	 * the change it is, not as a card created anew. */
	"CREATE TABLE broken(path TEXT PRIMARY KEY, message TEXT NOT NULL, last_good TEXT);"
	/* time is the commit time; at is the running maximum of time along the first-parent
	 * order, so date queries stay monotone whatever one commit's clock said. */
	"CREATE TABLE commits(seq INTEGER PRIMARY KEY, oid TEXT NOT NULL UNIQUE,"
	" time INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT NOT NULL, email TEXT NOT NULL,"
	" member TEXT NOT NULL, subject TEXT NOT NULL, op TEXT NOT NULL, reason TEXT NOT NULL);"
	"CREATE INDEX commits_at ON commits(at);"
	"CREATE INDEX commits_op ON commits(op, seq);"
	"CREATE TABLE changes(id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, card INTEGER NOT NULL,"
	" field TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL);"
	"CREATE INDEX changes_card ON changes(card, id);"
	"CREATE INDEX changes_seq ON changes(seq DESC, id);"
	"CREATE VIRTUAL TABLE cards_fts USING fts5(title, description, notes,"
	" tokenize = 'unicode61 remove_diacritics 2');";

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
};

static int db_fail(struct index *idx, struct cb_error *err, const char *what)
{
	int code = sqlite3_errcode(idx->db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return cb_fail(err, CB_ELOCKED,
			       "another writer holds the board and did not finish in time; try "
			       "again (a stuck process can be found with `fuser %s`)",
			       idx->path);
	if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
	    code == SQLITE_CANTOPEN)
		return cb_fail(err, CB_EFAIL,
			       "cannot write the index %s: %s; check that the disk has room and the "
			       "board is writable, then try again",
			       idx->path, sqlite3_errmsg(idx->db));
	return cb_fail(err, code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? CB_ECORRUPT : CB_EFAIL,
		       "index %s: %s (run `coboard reindex` if this persists)", what,
		       sqlite3_errmsg(idx->db));
}

/* A prepared statement for sql, reset and unbound, kept for the life of the connection. */
static sqlite3_stmt *db_stmt(struct index *idx, const char *sql, struct cb_error *err)
{
	for (size_t i = 0; i < idx->ncached; i++) {
		if (idx->cache[i].sql == sql) {
			sqlite3_reset(idx->cache[i].stmt);
			sqlite3_clear_bindings(idx->cache[i].stmt);
			return idx->cache[i].stmt;
		}
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(idx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
	    SQLITE_OK) {
		db_fail(idx, err, "query");
		return NULL;
	}
	idx->cache = xrealloc(idx->cache, (idx->ncached + 1) * sizeof(*idx->cache));
	idx->cache[idx->ncached++] = (struct cached_stmt){sql, stmt};
	return stmt;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* One step of a query: 1 with a row, 0 at the end, -1 (reset, err set) when SQLite failed,
 * so a busy or corrupt index is an error and never a short answer. */
static int step_row(struct index *idx, sqlite3_stmt *st, struct cb_error *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fail(idx, err, "read");
	sqlite3_reset(st);
	return -1;
}

static int step_done(struct index *idx, sqlite3_stmt *st, struct cb_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(idx, err, "write");
	return 0;
}

static int db_exec(struct index *idx, const char *sql, struct cb_error *err)
{
	if (sqlite3_exec(idx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(idx, err, "statement");
	return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

static void close_db(struct index *idx)
{
	for (size_t i = 0; i < idx->ncached; i++)
		sqlite3_finalize(idx->cache[i].stmt);
	free(idx->cache);
	idx->cache = NULL;
	idx->ncached = 0;
	sqlite3_close(idx->db);
	idx->db = NULL;
}

static int lock_timeout_ms(void)
{
	const char *s = getenv("COBOARD_LOCK_TIMEOUT");
	int ms = s ? atoi(s) : 0;

	return ms > 0 ? ms : DEFAULT_LOCK_TIMEOUT_MS;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's own busy handler backs off to 100 ms sleeps, so with several writers waiting the
 * lock sits free most of the time; short jittered sleeps hand it over promptly. */
static int busy_wait(void *ctx, int count)
{
	struct index *idx = ctx;
	struct timespec pause = {0, (1 + rand() % 3) * 1000 * 1000};

	if (count == 0)
		idx->busy_since_ms = now_ms();
	if (now_ms() - idx->busy_since_ms >= idx->lock_timeout_ms)
		return 0;
	nanosleep(&pause, NULL);
	return 1;
}

static int read_meta(struct index *idx, const char *key, struct strbuf *out, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT value FROM meta WHERE key = ?", err);

	if (!st)
		return -1;
	bind_text(st, 1, key);
	int rc = step_row(idx, st, err);
	if (rc > 0)
		sb_puts(out, col_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

static int write_meta(struct index *idx, const char *key, const char *value, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);

	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return step_done(idx, st, err);
}

static int load_tip(struct index *idx, struct cb_error *err)
{
	struct strbuf tip = {0};
	int rc = read_meta(idx, "tip", &tip, err);

	snprintf(idx->tip, sizeof(idx->tip), "%s", sb_str(&tip));
	sb_free(&tip);
	return rc;
}

static bool db_is_empty(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	bool empty = false;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	return empty;
}

static int note_wal_size(void *ctx, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	((struct index *)ctx)->wal_frames = frames;
	return SQLITE_OK;
}

/* Opens the SQLite file; returns 1 when it must be recreated (corrupt or older schema). */
static int open_db(struct index *idx, struct cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	if (sqlite3_open_v2(idx->in_memory ? ":memory:" : idx->path, &idx->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return db_fail(idx, err, "open");
	idx->lock_timeout_ms = lock_timeout_ms();
	sqlite3_busy_handler(idx->db, busy_wait, idx);
	/* Every CLI command is a short-lived connection: keep the WAL file and skip the
	 * checkpoint on close, or each command pays for recreating and syncing them. SQLite
	 * still checkpoints as the WAL grows. */
	int persist = 1;
	sqlite3_file_control(idx->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	sqlite3_db_config(idx->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* A process that opens the WAL rebuilds its index and forgets what was checkpointed,
	 * so SQLite's own checkpoints never let the WAL start over and it grows without end
	 * across short-lived processes. index_commit truncates it itself past 1 MiB. */
	sqlite3_wal_hook(idx->db, note_wal_size, idx);
	if (sqlite3_exec(idx->db,
			 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			 " PRAGMA journal_size_limit = 1048576;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		int code = sqlite3_errcode(idx->db);
		if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
			return 1;
		return db_fail(idx, err, "set-up");
	}
	if (sqlite3_prepare_v2(idx->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		int code = sqlite3_errcode(idx->db);
		sqlite3_finalize(st);
		if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
			return 1;
		return db_fail(idx, err, "open");
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == SCHEMA_VERSION)
		return 0;
	if (version != 0 || !db_is_empty(idx->db))
		return 1;
	/* A new file: create the schema under the writer lock, unless another process did. */
	if (sqlite3_exec(idx->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(idx, err, "create");
	if (sqlite3_prepare_v2(idx->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == 0 && db_is_empty(idx->db)) {
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", SCHEMA_VERSION);
		if (sqlite3_exec(idx->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(idx->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			db_fail(idx, err, "create");
			sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	if (sqlite3_exec(idx->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(idx, err, "create");
	return 0;
}

static void remove_index_files(const char *path)
{
	char aux[4096];

	unlink(path);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", path);
	unlink(aux);
}

/* SQLite makes its files 0644 whatever the umask; on a board shared by a group (its
 * directory setgid, as `init --shared` makes it) each member must be able to write them. */
static void share_index_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	char name[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		snprintf(name, sizeof(name), "%s%s", path, suffixes[i]);
		if (stat(name, &st) == 0 && st.st_uid == geteuid() && !(st.st_mode & S_IWGRP))
			chmod(name, (st.st_mode & 07777) | S_IRGRP | S_IWGRP);
	}
}

/* Reads go on where the index cannot be written: a fresh index in memory, filled from git
 * by the next sync. */
static int fall_back_to_memory(struct index *idx, const char *why, struct cb_error *err)
{
	close_db(idx);
	idx->in_memory = true;
	idx->tip[0] = '\0';
	if (!idx->unwritable)
		idx->unwritable = xstrdup(why);
	return open_db(idx, err) == 0 ? 0 : -1;
}

int index_open(struct index **out, struct repo *repo, struct cb_error *err)
{
	struct index *idx = xcalloc(1, sizeof(*idx));
	struct strbuf dir = {0}, why = {0};
	struct stat dir_st;
	int rc;

	*out = NULL;
	idx->repo = repo;
	sb_printf(&dir, "%scoboard", repo->gitdir);
	if (mkdir(sb_str(&dir), 02775) < 0 && errno != EEXIST)
		sb_printf(&why, "cannot create %s: %s", sb_str(&dir), strerror(errno));
	else if (access(sb_str(&dir), W_OK) < 0)
		sb_printf(&why, "%s is not writable: %s", sb_str(&dir), strerror(errno));
	bool shared = stat(sb_str(&dir), &dir_st) == 0 && (dir_st.st_mode & S_ISGID);
	sb_puts(&dir, "/index.sqlite");
	idx->path = sb_detach(&dir);
	if (!why.len && access(idx->path, F_OK) == 0 && access(idx->path, W_OK) < 0)
		sb_printf(&why, "%s is not writable: %s", idx->path, strerror(errno));
	if (why.len) {
		rc = fall_back_to_memory(idx, sb_str(&why), err);
	} else {
		rc = open_db(idx, err);
		if (rc == 0 && shared)
			share_index_files(idx->path);
		if (rc == 1) {
			/* Corrupt or from another schema: it holds nothing git does not, so start
			 * over. */
			close_db(idx);
			remove_index_files(idx->path);
			rc = open_db(idx, err);
		}
	}
	sb_free(&why);
	if (rc != 0 || load_tip(idx, err) < 0) {
		if (rc == 1)
			cb_fail(err, CB_ECORRUPT, "the index %s cannot be recreated", idx->path);
		index_close(idx);
		return -1;
	}
	*out = idx;
	return 0;
}

const char *index_unwritable(struct index *idx)
{
	return idx->unwritable;
}

void index_close(struct index *idx)
{
	if (!idx)
		return;
	close_db(idx);
	free(idx->path);
	free(idx->unwritable);
	free(idx);
}

int index_begin_write(struct index *idx, struct cb_error *err)
{
	if (db_exec(idx, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	/* Another process may have moved the index on since we last looked. */
	if (load_tip(idx, err) < 0) {
		index_rollback(idx);
		return -1;
	}
	return 0;
}

int index_commit(struct index *idx, struct cb_error *err)
{
	if (db_exec(idx, "COMMIT", err) < 0)
		return -1;
	if (idx->wal_frames >= WAL_CHECKPOINT_FRAMES) {
		/* Best effort: a reader in another process may hold it up; the next one tries. */
		sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		idx->wal_frames = 0;
	}
	return 0;
}

void index_rollback(struct index *idx)
{
	sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
	struct cb_error ignored = {0};
	load_tip(idx, &ignored);
}

const char *index_tip(struct index *idx)
{
	return idx->tip;
}

int index_data_version(struct index *idx, long long *version)
{
	sqlite3_stmt *st = db_stmt(idx, "PRAGMA data_version", NULL);

	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

bool index_behind(struct index *idx)
{
	struct cb_error ignored = {0};
	char hex[GIT_OID_HEXSZ + 1];
	git_oid tip;

	if (load_tip(idx, &ignored) < 0 || repo_tip(idx->repo, &tip, &ignored) < 0)
		return false;
	git_oid_tostr(hex, sizeof(hex), &tip);
	return strcmp(hex, idx->tip) != 0;
}

/* --- writing rows ------------------------------------------------------------------- */

static char *trailer(const char *message, const char *key)
{
	size_t klen = strlen(key);
	const char *p = message;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen + 1 && strncmp(p, key, klen) == 0 && p[klen] == ':') {
			const char *v = p + klen + 1;
			while (*v == ' ')
				v++;
			return xstrndup(v, (size_t)(p + len - v));
		}
		p = nl ? nl + 1 : NULL;
	}
	return xstrdup("");
}

static int delete_card_rows(struct index *idx, int id, struct cb_error *err)
{
	static const char *const sqls[] = {
		"DELETE FROM cards WHERE id = ?",
		"DELETE FROM card_agencies WHERE card = ?",
		"DELETE FROM cards_fts WHERE rowid = ?",
	};

	for (size_t i = 0; i < sizeof(sqls) / sizeof(*sqls); i++) {
		sqlite3_stmt *st = db_stmt(idx, sqls[i], err);
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, id);
		if (step_done(idx, st, err) < 0)
			return -1;
	}
	return 0;
}

static int insert_card_rows(struct index *idx, const struct card *c, const char *text,
			    struct cb_error *err)
{
	struct strbuf labels = {0}, notes = {0};
	sqlite3_stmt *st;
	int rc = -1;

	if (delete_card_rows(idx, c->id, err) < 0)
		return -1;
	sv_join(&c->labels, ",", &labels);
	st = db_stmt(idx,
		     "INSERT INTO cards(id, text, title, col, rank, lead, due, labels, archived)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
	for (size_t i = 0; i < c->nnotes; i++)
		sb_printf(&notes, "%s\n", c->notes[i].text);
	st = db_stmt(idx, "INSERT INTO cards_fts(rowid, title, description, notes) VALUES (?, ?, ?, ?)",
		     err);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, c->id);
	bind_text(st, 2, c->title);
	bind_text(st, 3, c->description);
	bind_text(st, 4, sb_str(&notes));
	rc = step_done(idx, st, err);
out:
	sb_free(&labels);
	sb_free(&notes);
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

/* Indexes one card file's change: the card row, and (seq > 0) one history row per field.
 * A version that does not parse is recorded as broken and left out of the board; the change
 * that fixes it is measured against the last version that parsed. */
static int index_card_change(struct index *idx, sqlite3_int64 seq, const struct file_change *fc,
			     int id, struct cb_error *err)
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
	if (!fc->new_text && !fc->too_big) {
		if (delete_card_rows(idx, id, err) < 0 || set_broken(idx, fc->path, NULL, NULL, err) < 0)
			goto out;
		history_diff(old_ok ? &old_card : NULL, NULL, &changes);
	} else if (!new_ok) {
		char message[600];

		if (fc->too_big)
			snprintf(message, sizeof(message),
				 "%s: %zu bytes, over the limit of %d KiB for a card with its notes; "
				 "it is left out of the board until it is cut down",
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
	for (size_t i = 0; i < old_lines.n && rc == 0; i++)
		if (!sv_contains(&new_lines, old_lines.v[i]))
			rc = insert_change(idx, seq, 0, "board.conf", old_lines.v[i], "", err);
	for (size_t i = 0; i < new_lines.n && rc == 0; i++)
		if (!sv_contains(&old_lines, new_lines.v[i]))
			rc = insert_change(idx, seq, 0, "board.conf", "", new_lines.v[i], err);
	if (rc == 0 && fc->new_text) {
		if (board_parse(&parsed, fc->new_text, fc->new_len, &perr) == 0 &&
		    board_validate(&parsed, &perr) == 0) {
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

/* Applies the files of one change to the current state; seq > 0 also records history. */
static int index_files(struct index *idx, sqlite3_int64 seq, const struct commit_info *info,
		       struct cb_error *err)
{
	for (size_t i = 0; i < info->nchanges; i++) {
		const struct file_change *fc = &info->changes[i];
		int id = card_id_from_path(fc->path);

		if (id > 0 && index_card_change(idx, seq, fc, id, err) < 0)
			return -1;
		if (strcmp(fc->path, "board.conf") == 0 && index_board_change(idx, seq, fc, err) < 0)
			return -1;
	}
	return 0;
}

static int index_one_commit(struct index *idx, const struct commit_info *info,
			    struct cb_error *err)
{
	const char *nl = strchr(info->message, '\n');
	char *subject = xstrndup(info->message, nl ? (size_t)(nl - info->message)
						    : strlen(info->message));
	char *op = trailer(info->message, "Op");
	char *reason = trailer(info->message, "Reason");
	char *member = trailer(info->message, "Member");
	sqlite3_stmt *st;
	int rc = -1;

	st = db_stmt(idx,
		     "INSERT INTO commits(oid, time, at, author, email, subject, op, reason, member)"
		     " VALUES (?1, ?2, max(?2, coalesce((SELECT max(at) FROM commits), 0)),"
		     " ?3, ?4, ?5, ?6, ?7, ?8)",
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
	if (step_done(idx, st, err) < 0)
		goto out;
	rc = index_files(idx, sqlite3_last_insert_rowid(idx->db), info, err);
out:
	free(subject);
	free(op);
	free(reason);
	free(member);
	return rc;
}

static int clear_all(struct index *idx, struct cb_error *err)
{
	idx->tip[0] = '\0';
	return db_exec(idx,
		       "DELETE FROM meta; DELETE FROM cards; DELETE FROM card_agencies;"
		       "DELETE FROM broken; DELETE FROM commits; DELETE FROM changes;"
		       "DELETE FROM cards_fts;",
		       err);
}

/* The seq of commit hex in the index, 0 when it is not there. */
static sqlite3_int64 commit_seq(struct index *idx, const char *hex)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT seq FROM commits WHERE oid = ?", NULL);
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
	rc = index_files(idx, 0, &diff, err);
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
		free(chain);
		chain = NULL;
		if (clear_all(idx, err) < 0 ||
		    repo_first_parents(idx->repo, &tip, is_indexed, idx, &chain, &n, &base,
				       &has_base, err) < 0)
			goto out;
	}
	for (size_t i = n; i-- > 0;) {
		struct commit_info info;

		if (repo_commit_info(idx->repo, &chain[i], &info, err) < 0 ||
		    index_one_commit(idx, &info, err) < 0) {
			commit_info_free(&info);
			goto out;
		}
		commit_info_free(&info);
		if (progress)
			progress(n - i, n, pctx);
	}
	if (write_meta(idx, "tip", hex, err) < 0)
		goto out;
	snprintf(idx->tip, sizeof(idx->tip), "%s", hex);
	rc = 0;
out:
	free(chain);
	return rc;
}

static int refresh(struct index *idx, struct cb_error *err)
{
	if (index_begin_write(idx, err) < 0)
		return -1;
	if (index_sync(idx, NULL, NULL, err) < 0) {
		index_rollback(idx);
		return -1;
	}
	return index_commit(idx, err);
}

int index_refresh(struct index *idx, struct cb_error *err)
{
	if (!index_behind(idx))
		return 0;
	if (refresh(idx, err) == 0)
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
	return refresh(idx, err);
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

/* --- reading ------------------------------------------------------------------------ */

int index_board(struct index *idx, struct board *board, struct cb_error *err)
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
	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	out->v[out->n++] = card;
}

int index_cards(struct index *idx, const struct board *board, const struct card_filter *f,
		struct card_list *out, struct cb_error *err)
{
	char today[11];
	const char *done_column = board->ncolumns ? board->columns[board->ncolumns - 1].key : "";
	struct strbuf label = {0};
	int rc;
	sqlite3_stmt *st = db_stmt(
		idx,
		"SELECT id, text FROM cards WHERE (?1 = '' OR col = ?1)"
		" AND (?2 = '' OR id IN (SELECT card FROM card_agencies WHERE agency = ?2))"
		" AND (?3 = 0 OR (due <> '' AND due < ?4 AND col <> ?5))"
		" AND (?6 = 1 OR archived = 0)"
		" AND (?7 = '' OR labels LIKE ?7 ESCAPE '\\')",
		err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
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
	while ((rc = step_row(idx, st, err)) > 0)
		list_push_parsed(out, sqlite3_column_int(st, 0), col_text(st, 1));
	sqlite3_reset(st);
	sb_free(&label);
	if (rc < 0) {
		card_list_free(out);
		return -1;
	}
	card_list_sort(out, board);
	return 0;
}

int index_card(struct index *idx, int id, struct card *out, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "SELECT text FROM cards WHERE id = ?", err);
	int rc;

	card_init(out);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, id);
	if ((rc = step_row(idx, st, err)) <= 0) {
		sqlite3_reset(st);
		return rc < 0 ? -1 : cb_fail(err, CB_ENOTFOUND, "no card #%d on this board", id);
	}
	card_free(out);
	rc = card_parse(out, col_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), err);
	out->id = id;
	sqlite3_reset(st);
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
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(e));
		out->v[out->n++] = e;
	}
	sqlite3_reset(st);
	if (rc < 0)
		log_list_free(out);
	return rc < 0 ? -1 : 0;
}

/* Runs a LOG_COLUMNS query whose parameters are among :oid, :card and :field. */
static int log_query(struct index *idx, const char *sql, const char *oid, int card,
		     const char *field, struct log_list *out, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	bind_text(st, sqlite3_bind_parameter_index(st, ":oid"), oid);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":card"), card);
	bind_text(st, sqlite3_bind_parameter_index(st, ":field"), field);
	return read_log_rows(idx, st, out, err);
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
				     " (SELECT seq FROM commits WHERE oid = :oid) ORDER BY ch.id LIMIT 1",
			 oid, card, field, out, err);
}

int index_field_origin(struct index *idx, int card, const char *field, struct log_list *out,
		       struct cb_error *err)
{
	return log_query(idx,
			 LOG_COLUMNS " WHERE ch.card = :card AND (ch.field = :field OR ch.field ="
				     " 'created') ORDER BY ch.field = :field DESC, ch.id DESC LIMIT 1",
			 NULL, card, field, out, err);
}

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

static int to_oid(const char hex[41], git_oid *out, const char *missing, struct cb_error *err)
{
	if (!hex[0])
		return cb_fail(err, CB_ENOTFOUND, "%s", missing);
	if (git_oid_fromstr(out, hex) < 0)
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
			    "SELECT oid FROM commits WHERE op = 'meeting-end' ORDER BY seq DESC LIMIT 1",
			    0, NULL, out, err);
}

int index_commit_before(struct index *idx, long long epoch, git_oid *out, struct cb_error *err)
{
	char hex[41];

	if (query_commit(idx, "SELECT oid FROM commits WHERE at < :n ORDER BY seq DESC LIMIT 1",
			 epoch, NULL, hex, err) < 0)
		return -1;
	return to_oid(hex, out, "the board has no commit on or before that date", err);
}

int index_commit_back(struct index *idx, int n, git_oid *out, struct cb_error *err)
{
	char hex[41];

	if (query_commit(idx, "SELECT oid FROM commits ORDER BY seq DESC LIMIT 1 OFFSET :n", n, NULL,
			 hex, err) < 0)
		return -1;
	return to_oid(hex, out, "that is the board's first change", err);
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

long long index_card_created(struct index *idx, int card)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT m.time FROM changes ch JOIN commits m ON m.seq = ch.seq"
				   " WHERE ch.card = ? ORDER BY ch.id LIMIT 1",
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
	int rc;
	while ((rc = step_row(idx, st, err)) > 0)
		sv_push(messages, col_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
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
		sv_push(problems, "the full-text index does not match the cards");
	return 0;
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

int index_meeting_ends(struct index *idx, bool last_only, struct strvec *oids,
		       struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx,
				   "SELECT oid FROM commits WHERE op = 'meeting-end' ORDER BY seq DESC"
				   " LIMIT CASE WHEN ? THEN 1 ELSE -1 END",
				   err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, last_only);
	while ((rc = step_row(idx, st, err)) > 0)
		sv_push(oids, col_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int index_board_problem(struct index *idx, struct strbuf *out, struct cb_error *err)
{
	return read_meta(idx, "board_problem", out, err);
}
