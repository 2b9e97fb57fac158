#include "index_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "file_lock.h"
#include "history.h"
#include "i18n.h"

enum { SCHEMA_VERSION = 8, WAL_CHECKPOINT_FRAMES = 256 };

/* SQLite's page cache in KiB. A command reads each page about once, so a cache bigger than
 * a few hundred pages only hands it fresh memory to fault in, a page at a time: at 10,000
 * cards, a card's history took 25 ms with SQLite's default 2 MB and 15 ms with this. A long
 * catch-up, which comes back to the same pages, gets the default while it runs. */
enum { READ_CACHE_KIB = 256, CATCH_UP_CACHE_KIB = 2000 };

void use_catch_up_cache(struct index *idx, bool on)
{
	char pragma[48];

	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%d",
		 on ? CATCH_UP_CACHE_KIB : READ_CACHE_KIB);
	sqlite3_exec(idx->db, pragma, NULL, NULL, NULL);
}

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE cards(id INTEGER PRIMARY KEY, text TEXT NOT NULL, title TEXT NOT NULL,"
	" col TEXT NOT NULL, rank TEXT NOT NULL, lead TEXT NOT NULL, co TEXT NOT NULL,"
	" due TEXT NOT NULL,"
	" labels TEXT NOT NULL, archived INTEGER NOT NULL, set_aside INTEGER NOT NULL,"
	" item TEXT NOT NULL, source TEXT NOT NULL);"
	"CREATE INDEX cards_item ON cards(item) WHERE item != '';"
	"CREATE INDEX cards_col ON cards(col, rank, id);"
	/* Requests of execution control on the cards (model/services/control.h), with the latest
	 * decision on each ("" while it waits): the coordinator's queue and the figures. */
	"CREATE TABLE requests(number INTEGER NOT NULL, card INTEGER NOT NULL, kind TEXT NOT NULL,"
	" time TEXT NOT NULL, author TEXT NOT NULL, agency TEXT NOT NULL, value TEXT NOT NULL,"
	" text TEXT NOT NULL, decision TEXT NOT NULL, decided_by TEXT NOT NULL,"
	" decided_at TEXT NOT NULL, decided_value TEXT NOT NULL);"
	"CREATE INDEX requests_by_card ON requests(card);"
	"CREATE INDEX requests_by_number ON requests(number);"
	"CREATE TABLE card_agencies(card INTEGER NOT NULL, agency TEXT NOT NULL);"
	"CREATE UNIQUE INDEX card_agencies_by_agency ON card_agencies(agency, card);"
	"CREATE INDEX card_agencies_by_card ON card_agencies(card);"
	/* last_good: the card's last text that parsed, so the fix of a malformed card shows as
	 * the change it is, not as a card created anew. */
	"CREATE TABLE broken(path TEXT PRIMARY KEY, message TEXT NOT NULL, last_good TEXT);"
	/* time is the commit time; at is the running maximum of time along the first-parent
	 * order, so date queries stay monotone whatever one commit's clock said. */
	/* side: a commit a merge brought in (another office's change): its changes are history,
	 * but the board never stood at its tree. */
	"CREATE TABLE commits(seq INTEGER PRIMARY KEY, oid TEXT NOT NULL UNIQUE,"
	" time INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT NOT NULL, email TEXT NOT NULL,"
	" member TEXT NOT NULL, subject TEXT NOT NULL, op TEXT NOT NULL, reason TEXT NOT NULL,"
	" side INTEGER NOT NULL DEFAULT 0, merge INTEGER NOT NULL DEFAULT 0,"
	" site TEXT NOT NULL DEFAULT '', merged_from TEXT NOT NULL DEFAULT '',"
	" minutes TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX commits_at ON commits(at);"
	"CREATE INDEX commits_op ON commits(op, seq);"
	"CREATE TABLE changes(id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, card INTEGER NOT NULL,"
	" field TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL);"
	/* A card's history is read from this index alone: its changes lie scattered over the
	 * whole table, one page each, and reading those pages was most of `history`'s time. */
	"CREATE INDEX changes_card ON changes(card, seq, id, field, old, new);"
	"CREATE INDEX changes_seq ON changes(seq DESC, id);"
	"CREATE VIRTUAL TABLE cards_fts USING fts5(title, description, notes,"
	" tokenize = 'unicode61 remove_diacritics 2');";

int db_fail(struct index *idx, struct cb_error *err, const char *what)
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
		       "index %s: %s (run `coboard reindex` if this persists)", gettext(what),
		       sqlite3_errmsg(idx->db));
}

/* A prepared statement for sql, reset and unbound, kept for the life of the connection. */
sqlite3_stmt *db_stmt(struct index *idx, const char *sql, struct cb_error *err)
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

void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* One step of a query: 1 with a row, 0 at the end, -1 (reset, err set) when SQLite failed,
 * so a busy or corrupt index is an error and never a short answer. */
int step_row(struct index *idx, sqlite3_stmt *st, struct cb_error *err)
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

int step_texts(struct index *idx, sqlite3_stmt *st, int ncols, struct strvec *out,
	       struct cb_error *err)
{
	int rc;

	while ((rc = step_row(idx, st, err)) > 0)
		for (int i = 0; i < ncols; i++)
			sv_push(out, col_text(st, i));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int step_done(struct index *idx, sqlite3_stmt *st, struct cb_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(idx, err, "write");
	return 0;
}

int db_exec(struct index *idx, const char *sql, struct cb_error *err)
{
	if (sqlite3_exec(idx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(idx, err, "statement");
	return 0;
}

const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

void close_db(struct index *idx)
{
	for (size_t i = 0; i < idx->ncached; i++)
		sqlite3_finalize(idx->cache[i].stmt);
	free(idx->cache);
	idx->cache = NULL;
	idx->ncached = 0;
	sqlite3_close(idx->db);
	idx->db = NULL;
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

int read_meta(struct index *idx, const char *key, struct strbuf *out, struct cb_error *err)
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

int write_meta(struct index *idx, const char *key, const char *value, struct cb_error *err)
{
	sqlite3_stmt *st = db_stmt(idx, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);

	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return step_done(idx, st, err);
}

int load_tip(struct index *idx, struct cb_error *err)
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
int open_db(struct index *idx, struct cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	if (sqlite3_open_v2(idx->in_memory ? ":memory:" : idx->path, &idx->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return db_fail(idx, err, "open");
	idx->lock_timeout_ms = file_lock_timeout_ms();
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
	use_catch_up_cache(idx, false);
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

void remove_index_files(const char *path)
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
int fall_back_to_memory(struct index *idx, const char *why, struct cb_error *err)
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
	sb_printf(&dir, "%scoboard", repo_gitdir(repo));
	if (access(sb_str(&dir), F_OK) < 0)
		repo_prepare_writes(repo);
	if (mkdir(sb_str(&dir), 02775) < 0 && errno != EEXIST)
		sb_printf(&why, _("cannot create %s: %s"), sb_str(&dir), strerror(errno));
	else if (access(sb_str(&dir), W_OK) < 0)
		sb_printf(&why, _("%s is not writable: %s"), sb_str(&dir), strerror(errno));
	bool shared = stat(sb_str(&dir), &dir_st) == 0 && (dir_st.st_mode & S_ISGID);
	sb_puts(&dir, "/index.sqlite");
	idx->path = sb_detach(&dir);
	if (!why.len && access(idx->path, F_OK) == 0 && access(idx->path, W_OK) < 0)
		sb_printf(&why, _("%s is not writable: %s"), idx->path, strerror(errno));
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
