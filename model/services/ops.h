/* The one write path. Every change to a board goes through here, from the CLI and from the
 * app alike, and makes exactly one commit, or none. Two locks:
 * - the index's write lock (SQLite's BEGIN IMMEDIATE on PATH/coboard/index.sqlite:
 *   index_begin_write in model/index/index.h), held while the change is decided: the index
 *   brought up to the branch, the acting member's role checked, the op applied and
 *   validated, the new card texts written to the object database;
 * - the commit lock (PATH/coboard-commit.lock: repo_lock_commits in model/storage/repo.h),
 *   held only while the commit is made with a compare-and-swap of the branch. A card op lets
 *   the index lock go first; a change whose card or board.conf moved meanwhile is decided
 *   again. File ops, and a card op that keeps losing that race, hold both, always taken
 *   index first, so no two writers wait for each other.
 * Then the index lock again, to index the commit from what the writer holds
 * (index_own_commit). */
#ifndef COBOARD_OPS_H
#define COBOARD_OPS_H

#include <stdbool.h>

#include "card.h"
#include "error.h"
#include "file_update.h"
#include "session.h"

struct op_result {
	bool changed;      /* false when the op found nothing to change (no commit) */
	int card;          /* the card the op touched (the new id for add) */
	char commit[41];   /* the new commit */
	char note[200];    /* what the user should know beside it ("" when nothing): a deadline
			      moved off a day off */
};

struct add_args {
	const char *title, *lead, *co, *column, *due, *labels, *description;
	const char *every; /* month[:DAY], quarter[:DAY] or none (model/rules/card.h) */
};

/* NULL fields are left as they are. due "none" or "" clears the date; a due date is a date
 * or a relative deadline (model/rules/calendar.h), from today or the open meeting's day. */
struct edit_args {
	const char *title, *due, *labels, *description;
	const char *item, *source; /* where the instruction comes from */
	const char *every;         /* month[:DAY], quarter[:DAY] or none: a periodic item */
};

int ops_add(struct session *s, const struct add_args *args, struct op_result *res,
	    struct cb_error *err);

/* Moves card id to column; before/after (0 = none) place it next to another card of that
 * column, else it goes to the bottom. */
int ops_move(struct session *s, int id, const char *column, int before, int after,
	     const char *reason, struct op_result *res, struct cb_error *err);

/* lead and co NULL mean unchanged; co is a comma list ("" clears it). */
int ops_assign(struct session *s, int id, const char *lead, const char *co, const char *reason,
	       struct op_result *res, struct cb_error *err);

int ops_edit(struct session *s, int id, const struct edit_args *args, const char *reason,
	     struct op_result *res, struct cb_error *err);

int ops_note(struct session *s, int id, const char *text, struct op_result *res,
	     struct cb_error *err);

int ops_archive(struct session *s, int id, const char *reason, struct op_result *res,
		struct cb_error *err);

/* Saves a card edited from base (the card as the user saw it): fields the user did not
 * touch keep what the board has now, so another person's change meanwhile is merged.
 * A field both changed differently fails with CB_ECONFLICT, naming the fields in the
 * message; to overwrite, call again with base set to the card as it is now. Notes are not
 * edited here (ops_note adds them). op names the kind of change ("edit", "assign", "move")
 * for the commit's Op: trailer. */
int ops_save_card(struct session *s, const struct card *base, const struct card *edited,
		  const char *op, const char *reason, struct op_result *res, struct cb_error *err);

/* board.conf changes (admins only). subject is the commit subject. */
typedef int (*board_edit_fn)(struct board *board, void *arg, struct cb_error *err);
int ops_edit_board(struct session *s, board_edit_fn fn, void *arg, const char *subject,
		   const char *op_name, struct op_result *res, struct cb_error *err);

/* Decides a field for which a merge set values aside (secretaries and admins): keeps the
 * card's value, or (take) sets the field to the value set aside, value naming it when there
 * are several (NULL: the only one). Either way every value of that field set aside is
 * dropped. */
int ops_resolve_conflict(struct session *s, int id, const char *field, bool take,
			 const char *value, const char *reason, struct op_result *res,
			 struct cb_error *err);

/* Undoes commit (a card change): a new commit restoring the fields it changed. Refuses with
 * CB_ECONFLICT, naming the change in the way, when a later commit changed one of those
 * fields, unless force. */
int ops_revert(struct session *s, const char *commit, bool force, struct op_result *res,
	       struct cb_error *err);

/* Creates a board repository at path from files (board.conf and cards/<id>.card), with the
 * acting login made the first admin. Every file is checked before anything is written. */
int ops_init(const char *path, const struct file_update *files, size_t nfiles,
	     const char *login, bool shared_group, struct cb_error *err);

#endif
