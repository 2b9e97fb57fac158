/* The SQLite index beside the board repository, <gitdir>/coboard/index.sqlite: the current
 * cards, one row per field change, the commit it reflects, and full-text search. It holds
 * nothing git does not; index_sync brings it up to the branch tip, and a missing, corrupt or
 * older-schema index is rebuilt from git. */
#ifndef COBOARD_INDEX_H
#define COBOARD_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "card.h"
#include "cardlist.h"
#include "error.h"
#include "file_update.h"
#include "oid.h"
#include "strbuf.h"

struct index;
struct repo;

/* Opens (creating if needed) the index of repo. */
int index_open(struct index **out, struct repo *repo, struct cb_error *err);
void index_close(struct index *idx);

/* Why the index file cannot be written (a read-only mount, a full disk, no permission), NULL
 * when it can. The index then lives in memory, built from git, so reads still answer. */
const char *index_unwritable(struct index *idx);

/* The writer lock across processes: BEGIN IMMEDIATE, waiting up to the busy timeout
 * ($COBOARD_LOCK_TIMEOUT milliseconds, default 10000). The first of the write path's two
 * locks (model/services/ops.h). */
int index_begin_write(struct index *idx, struct cb_error *err);
int index_commit(struct index *idx, struct cb_error *err);
void index_rollback(struct index *idx);

/* Inside a write transaction: brings the index up to the branch tip. progress (optional) is
 * called with (done, total) while commits are indexed. */
typedef void (*progress_fn)(size_t done, size_t total, void *ctx);
int index_sync(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err);

/* The open meeting's file (model/services/meeting.c writes it); the index keeps its text, so
 * that which meeting is open is answered without git. */
#define MEETING_OPEN_PATH "meetings/current"
/* Its text at the indexed tip, "" when no meeting is open. */
int index_meeting_file(struct index *idx, struct strbuf *out, struct cb_error *err);

/* A commit this process has just made of card files on the indexed tip: indexed from what
 * the writer holds (its message, its files' new texts; the old texts are the index's own),
 * not read back from git. Inside a write transaction: 0, or 1 when the index is not at the
 * commit's parent (another commit came between: index_sync reads them all from git). */
struct own_commit {
	char oid[41], parent[41];
	long long time;
	const char *author_name, *author_email, *message;
	const struct file_update *files;
	size_t nfiles;
};
int index_own_commit(struct index *idx, const struct own_commit *c, struct cb_error *err);

/* Takes the lock and syncs only when the branch moved since the index was written;
 * index_refresh_showing reports each commit indexed to progress (a first start after an
 * upgrade may index thousands). */
int index_refresh(struct index *idx, struct cb_error *err);
int index_refresh_showing(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err);

/* Drops everything and indexes the whole history again (takes the lock itself). */
int index_rebuild(struct index *idx, progress_fn progress, void *ctx, struct cb_error *err);

/* A request of execution control as the index holds it (model/services/control.h). */
struct request_row {
	int number, card;
	char *title; /* the card's */
	char *kind, *time, *author, *agency, *value, *text;
	char *decision, *decided_by, *decided_at; /* "" while it waits */
	char *decided_value; /* a granted extension: the deadline it replaced */
};
struct request_list {
	struct request_row *v;
	size_t n;
};
void request_list_free(struct request_list *list);
/* Requests oldest first: those waiting for a decision (open), else all; reports' parts are
 * never waiting (the lead's report is decided). Cards archived are left out. */
int index_requests(struct index *idx, bool open_only, struct request_list *out,
		   struct cb_error *err);
/* The cards that hold a request numbered number (two offices may have numbered one each). */
int index_request_cards(struct index *idx, int number, int **cards, size_t *n,
			struct cb_error *err);
/* The card with item number item (and source, when not ""), 0 when none: an imported row's
 * card (model/services/import.h). */
int index_card_by_item(struct index *idx, const char *item, const char *source, int *id,
		       struct cb_error *err);
/* The number the next request gets: one above every number on the board. */
int index_next_request_number(struct index *idx, int *number, struct cb_error *err);
/* When card's lead was last set (its creation or the last change of lead), seconds since
 * the epoch; 0 when the index has no such change. */
int index_lead_since(struct index *idx, int card, long long *when, struct cb_error *err);

/* The board in force here: board.conf at the indexed commit, parsed, with the members, roles,
 * keys and sites this office accepted (model/storage/authority.h) in place of git's. */
int index_board(struct index *idx, struct board *board, struct cb_error *err);
/* Who last wrote or removed line of board.conf, and when: member login, author name and
 * YYYY-MM-DD appended to out (nothing when no change has it). */
int index_board_line_origin(struct index *idx, const char *line, struct strvec *out,
			    struct cb_error *err);
/* board.conf at the indexed commit as git has it, with the other offices' proposals. */
int index_board_in_git(struct index *idx, struct board *board, struct cb_error *err);

/* The commit id the index reflects ("" when empty), and a cheap change counter that moves
 * whenever another connection commits (PRAGMA data_version). */
const char *index_tip(struct index *idx);
int index_data_version(struct index *idx, long long *version);
/* True when refs/heads/main no longer points at the indexed commit. */
bool index_behind(struct index *idx);

/* Cards matching filter, in board order: by column as board.conf lists them, then rank. */
int index_cards(struct index *idx, const struct board *board, const struct card_filter *filter,
		struct card_list *out, struct cb_error *err);
/* The same cards with what a list or the board shows of them (id, title, column, rank,
 * agencies, due, labels, archived, values set aside), read without parsing a card that has
 * no value set aside: its description and notes are left empty. */
int index_card_rows(struct index *idx, const struct board *board,
		    const struct card_filter *filter, struct card_list *out, struct cb_error *err);
int index_card(struct index *idx, int id, struct card *out, struct cb_error *err);
int index_next_id(struct index *idx, int *id, struct cb_error *err);

/* The cards of a column in rank order (archived ones too), without card exclude: what a
 * move needs to compute a rank, without parsing any card. ids[i] has rank ranks->v[i]. */
int index_column_ranks(struct index *idx, const char *column, int exclude, int **ids,
		       struct strvec *ranks, struct cb_error *err);
/* The rank of the last card of a column (card exclude left out), "" when it has none: all a
 * card put at the bottom needs to know. */
int index_column_last_rank(struct index *idx, const char *column, int exclude,
			   struct strbuf *rank, struct cb_error *err);

/* Full-text search over titles, descriptions and notes; ids in rank order of relevance. */
int index_search(struct index *idx, const char *query, struct card_list *out,
		 struct cb_error *err);

struct log_entry {
	char commit[41];
	long long time;
	char *author, *email, *subject, *op, *reason;
	int card;
	char *field, *old_value, *new_value;
};

struct log_filter {
	int card;           /* 0: every card */
	long long since;    /* epoch seconds, 0: no bound */
	long long until;    /* epoch seconds, 0: no bound */
	const char *agency; /* cards the agency leads or co-executes, or lead/co changes naming it */
	const char *author; /* member login, author name or email */
	bool responsibility_only;
	const char *field; /* one field's changes only ("due"), NULL for all */
	size_t limit; /* 0: no limit */
};

struct log_list {
	struct log_entry *v;
	size_t n;
};
void log_list_free(struct log_list *list);

/* Field changes, newest first. */
int index_log(struct index *idx, const struct log_filter *filter, struct log_list *out,
	      struct cb_error *err);

/* The field changes commit oid made, in order. */
int index_commit_changes(struct index *idx, const char *oid, struct log_list *out,
			 struct cb_error *err);

/* Every field change made after commit oid, oldest first. */
int index_changes_after(struct index *idx, const char *oid, struct log_list *out,
			struct cb_error *err);

/* The first change to card's field made after commit oid (out->n is 0 when none). */
int index_later_change(struct index *idx, const char *oid, int card, const char *field,
		       struct log_list *out, struct cb_error *err);

/* The change that set value, the current value of card's field: its latest change to that
 * value, else its latest change, else the card's creation (out->n is 0 when none is known). */
int index_field_origin(struct index *idx, int card, const char *field, const char *value,
		       struct log_list *out, struct cb_error *err);

/* The newest commit by member (its login) that changed a card: "" when none. */
int index_last_card_commit_by(struct index *idx, const char *member, char out[41],
			      struct cb_error *err);

/* The commits that ended meetings after commit oid ("" for all): how many meetings a card
 * created then has stayed open for. */
int index_meetings_since(struct index *idx, long long since, int *count, struct cb_error *err);

/* When card was created (its first change), 0 when unknown. */
long long index_card_created(struct index *idx, int card);

/* Each change of card's due date after its creation, as (old, new) in pairs: old values at
 * even places of out, new ones at odd. Reads only the card's change rows. */
int index_due_moves(struct index *idx, int card, struct strvec *out, struct cb_error *err);

/* Cards whose file does not parse at the indexed commit: "cards/7.card: line 3: ..." */
int index_broken(struct index *idx, struct strvec *messages, struct cb_error *err);

/* Integrity of the SQLite file and the FTS table; messages appended to problems. */
int index_check(struct index *idx, struct strvec *problems, struct cb_error *err);

/* The newest commit of the first-parent history made before epoch (seconds), by commit time
 * kept monotone along that history; CB_ENOTFOUND when the board is younger. */
int index_commit_before(struct index *idx, long long epoch, struct cb_oid *out,
			struct cb_error *err);

/* The commit n steps before the newest (0: the newest); CB_ENOTFOUND past the first. */
int index_commit_back(struct index *idx, int n, struct cb_oid *out, struct cb_error *err);
/* The reason given when card last moved into column ("" when none was given). */
int index_move_reason(struct index *idx, int card, const char *column, char **reason,
		      struct cb_error *err);
/* The cards (not archived) in each column of board, in board order. */
int index_column_counts(struct index *idx, const struct board *board, int *counts,
			struct cb_error *err);
/* What came onto the branch after commit since: how many commits that are not merges, the
 * newest one's author and subject, and the newest merge's op and its Site and Merged-From
 * trailers (whether a sync brought them, and from which office). on_main_line is false, and
 * nothing else is said, when since is not a commit of the main line any more (the branch
 * moved to another office's merge that holds it on a side): only git can say then. */
struct index_arrivals {
	bool on_main_line;
	size_t count;
	struct strbuf author, subject, merge_op, site, merged_from;
};
int index_arrivals(struct index *idx, const char *since, struct index_arrivals *out,
		   struct cb_error *err);
void index_arrivals_free(struct index_arrivals *a);
/* How many commits of the main line came after oid: the inverse of index_commit_back. */
int index_changes_since_commit(struct index *idx, const char *oid, int *n, struct cb_error *err);

/* The commit that ended the last meeting (hex in out[41]), "" when there was none. */
int index_last_meeting(struct index *idx, char out[41], struct cb_error *err);
/* The commit just before the last meeting started ("" when no meeting has started). */
int index_before_last_meeting(struct index *idx, char out[41], struct cb_error *err);

/* The subject and acting member (Member: trailer) of an indexed commit; CB_ENOTFOUND when
 * the commit is not on the board's first-parent history. Caller frees both. */
int index_commit_summary(struct index *idx, const char *oid, char **subject, char **member,
			 struct cb_error *err);

/* The commits that ended meetings, newest first (only the newest when last_only): each as
 * two strings, the commit and the path of the minutes it wrote. */
int index_meeting_ends(struct index *idx, bool last_only, struct strvec *ends,
		       struct cb_error *err);

/* Why the branch's board.conf was not taken ("" when it was): the board then works with the
 * last board.conf that parsed. */
int index_board_problem(struct index *idx, struct strbuf *out, struct cb_error *err);

/* The last commit's author and time, for the status line. */
int index_last_change(struct index *idx, char **author, long long *time, char **subject,
		      struct cb_error *err);

#endif
