/* board.conf: the board's title, columns, agencies and members with their roles.
 *
 * One entity per line, fields separated by " | ":
 *   title: Children of Kazakhstan
 *   default-role: viewer
 *   column: todo | To do | 0            key, name, WIP limit (0 = none), and a kind:
 *   column: done | Done | 0 | done      "blocked" (moving there asks why), "review" (reports
 *                                       wait there for the coordinator) or "done" (work
 *                                       ends there: nothing in it is overdue)
 *   dispute-days: 3                     days after an assignment the lead may dispute it
 *   reminder-days: 7, 1                 working days before a deadline to remind at
 *   mail-from: control@gov.kz           the From address of reminders
 *   day-off: 2026-03-23 | Nauryz         a day not worked (besides Saturday and Sunday)
 *   work-day: 2026-01-03 | moved          a Saturday or Sunday that is worked
 *   agency: MOE | Ministry of Education code, full name
 *   column-ru: todo | К исполнению      a column's or an agency's name in Russian or Kazakh
 *   agency-kk: MOE | Оқу-ағарту министрлігі   (column-kk, agency-ru likewise) of an
 *                                       entity defined by its own line; shown to readers of
 *                                       that language, the English name to everyone else
 *   member: alice | Alice A. | alice@example.kz | secretary | MOE | ssh-ed25519 AAAA... | kk
 *           login, name, email, role, agency (may be empty), public key (optional), the
 *           language the member reads (optional: en, ru or kk)
 *   site: astana | 1                    an office that keeps its own copy of the board
 *                                       (sync); cards it adds get ids ending in its number
 *                                       (01..99): 101, 201, ... so offices never clash
 * Lines starting with '#' and blank lines are ignored. */
#ifndef COBOARD_BOARD_H
#define COBOARD_BOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

struct card;

/* sync: another office's server, which may fetch and push the board and nothing else. */
enum role { ROLE_VIEWER, ROLE_SYNC, ROLE_MEMBER, ROLE_SECRETARY, ROLE_ADMIN };

/* review: reports of execution wait there for the coordinator (model/services/control.h). */
enum column_kind { COLUMN_WORK, COLUMN_BLOCKED, COLUMN_DONE, COLUMN_REVIEW };

/* A name in the board's other languages; NULL where none is given. */
struct local_names {
	char *ru, *kk;
};

struct column_def {
	char *key, *name;
	struct local_names local;
	int limit;
	enum column_kind kind;
	bool kind_given; /* written in board.conf, not inferred for a board.conf without kinds */
};

struct agency {
	char *code, *name;
	struct local_names local;
};

struct member {
	char *login, *name, *email, *agency, *key;
	char *language; /* "" (the locale's), "en", "ru" or "kk" */
	enum role role;
};

enum { BOARD_SITE_MAX = 99 };
enum { BOARD_COLUMNS_MAX = 64, BOARD_AGENCIES_MAX = 2000, BOARD_MEMBERS_MAX = 50000,
       BOARD_CALENDAR_MAX = 5000 };
/* board.conf lines a merge set aside start so (model/rules/merge.c writes them). */
#define BOARD_CONFLICT_PREFIX "# conflict: "

/* A day of the working calendar (day-off: 2026-03-23 | Nauryz; work-day: ...). */
struct calendar_day {
	char date[11];
	char *name;
};

struct site {
	char *name;
	int number; /* 1..99: the last two digits of the ids of cards added there */
};

struct board {
	char *title;
	struct local_names title_local; /* title-ru, title-kk */
	enum role default_role;
	/* How long after an assignment the lead may dispute it (dispute-days: N, default 3). */
	int dispute_days;
	bool dispute_days_given;
	/* Reminders (model/services/remind.h): working days before a deadline to remind at
	 * (reminder-days: 7, 1), and the From address (mail-from: ...); 0 and NULL: defaults. */
	int reminder_days[4];
	size_t nreminder_days;
	char *mail_from;
	struct column_def *columns;
	size_t ncolumns;
	struct agency *agencies;
	size_t nagencies;
	struct member *members;
	size_t nmembers;
	struct site *sites;
	size_t nsites;
	/* The working calendar (model/rules/calendar.h): days off beside the weekend, and weekend days
	 * worked. A board with neither counts plain calendar days. */
	struct calendar_day *days_off, *work_days;
	size_t ndays_off, nwork_days;
	/* Lines a merge set aside ("# conflict: member: ..."), kept until an admin decides. */
	char *conflicts;
	/* "todo, in-progress, ..." and "MOE, MOH, ..." for messages, built at parse time. */
	char *column_keys, *agency_codes;
};

/* Parses and validates (board_validate): a board that parses keeps the rules. */
int board_parse(struct board *board, const char *text, size_t len, struct cb_error *err);
void board_format(const struct board *board, struct strbuf *out);
/* One member's line, "member: login | name | ...", without the newline. */
void board_format_member(const struct member *m, struct strbuf *out);
void board_free(struct board *board);

const struct column_def *board_column(const struct board *board, const char *key);
int board_column_index(const struct board *board, const char *key); /* -1 if unknown */
/* A column as a person names it: its key or its name, in any case ("To do", "todo",
 * "TODO"); an agency by its code in any case ("moe"). NULL when none is. */
const struct column_def *board_column_find(const struct board *board, const char *text);
const struct agency *board_agency_find(const struct board *board, const char *text);
/* The key or code text names, or text itself when it names none (for the error message). */
const char *board_column_key_of(const struct board *board, const char *text);
const char *board_agency_code_of(const struct board *board, const char *text);

/* The first column of a kind, NULL when there is none. Without kinds in board.conf the last
 * column is the done one and a column keyed "blocked" the blocked one. */
const struct column_def *board_column_of_kind(const struct board *board, enum column_kind kind);
bool board_column_is_done(const struct board *board, const char *key);
const struct agency *board_agency(const struct board *board, const char *code);
/* The name in the language of the messages (model/rules/i18n.h), else the English one. For
 * what people read; commit messages, CSV and JSON keep the English name. board_title: the
 * board's own, from title-ru and title-kk. */
const char *board_title(const struct board *board);
const char *board_column_name(const struct column_def *column);
const char *board_agency_name(const struct agency *agency);
const struct member *board_member(const struct board *board, const char *login);
const char *board_column_keys(const struct board *board);
const struct site *board_site(const struct board *board, const char *name);
/* The languages a member may choose: en, ru, kk. */
bool board_language_known(const char *language);
/* "" when no line was set aside. */
const char *board_conflicts(const struct board *board);
const char *board_agency_codes(const struct board *board);
/* Whether the board has a working calendar (any day-off or work-day line). */
bool board_has_calendar(const struct board *board);

const char *role_name(enum role role);
int role_parse(const char *name, enum role *role);

/* The role of login: its member entry, else the board's default role. */
enum role board_role(const struct board *board, const char *login);

/* Access rules (rules_control.c), enforced by ops: NULL when allowed, else the reason,
 * written for the user. */
const char *board_may_edit_card(const struct board *board, const char *login,
				const struct card *card);
/* lead NULL: whether the member may add any card at all. */
const char *board_may_add_card(const struct board *board, const char *login, const char *lead);
const char *board_may_admin(const struct board *board, const char *login);
const char *board_may_run_meeting(const struct board *board, const char *login);
/* Execution control (rules_control.c): whether login may make the change before -> after
 * (before NULL: a new card) by op, given reason. Members report and ask, never move an item
 * into review or Done, set a deadline, or change the lead or co-executors; secretaries and
 * admins do, with a reason for a move into review or Done and for moving a deadline.
 * Requests and decisions come only from the control ops (board_op_is_control) or an undo. */
bool board_op_is_control(const char *op);
const char *board_may_change_card(const struct board *board, const char *login, const char *op,
				  const char *reason, const struct card *before,
				  const struct card *after);
/* Merging another office's board in (sync): secretaries and admins; fetching and pushing the
 * board over SSH (git's own transport): admins and the sync role. */
const char *board_may_sync(const struct board *board, const char *login);
const char *board_may_transport(const struct board *board, const char *login);

/* Adds, replaces (same login) or removes members; used by member commands and by init. */
void board_set_member(struct board *board, const struct member *member);
bool board_remove_member(struct board *board, const char *login);
/* Makes dst's members, sites and default role copies of src's (who may do what). */
void board_copy_authority(struct board *dst, const struct board *src);

/* A login is a name, as Unix logins are: 1-64 of letters, digits, '.', '_', '-', not
 * starting with '-'. */
bool login_valid(const char *login);

/* Checks codes, keys and logins are well formed and unique. */
int board_validate(const struct board *board, struct cb_error *err);

#endif
