/* An open board: the repository, its index, and who is acting. Both front ends (the CLI and
 * the full-screen app) start by opening one. */
#ifndef COBOARD_SESSION_H
#define COBOARD_SESSION_H

#include "board.h"
#include "error.h"
#include "index.h"

struct repo;

struct session {
	struct repo *repo;
	struct index *index;
	char *login, *name, *email; /* the acting member */
	char *language;             /* the member's own language from board.conf, "" for none */
	char *board_path;
};

/* Once per process, before and after any board is opened (libgit2's global state).
 * git_missing is what the front end does when a command reaches for git and libgit2 will not
 * load: it says why and ends the process; it does not return. */
void session_global_init(void (*git_missing)(const char *why));
void session_global_shutdown(void);

/* The board path used when none is given: $COBOARD_BOARD, else
 * $XDG_DATA_HOME/coboard/default.git (XDG_DATA_HOME defaulting to ~/.local/share). */
char *session_default_board_path(void);

/* The acting login when --user is not given: the Unix login. Caller frees. */
char *session_unix_login(void);

/* Who acts on the board at board_path: the Unix login, or requested (--user) where it cannot
 * lie: for the board's owner (its service account) and root. Anyone else naming another
 * member is refused with CB_EDENIED; a requested name that is not a login, CB_EINVALID.
 * Caller frees *login. */
int session_acting_login(const char *board_path, const char *requested, char **login,
			 struct cb_error *err);

/* Opens the board at path acting as login, bringing the index up to date unless sync is
 * false (for reindex, which rebuilds it anyway). */
int session_open(struct session **out, const char *path, const char *login, bool sync,
		 struct cb_error *err);
/* The same, bringing the index up to date and reporting each commit indexed to progress. */
int session_open_showing(struct session **out, const char *path, const char *login,
			 progress_fn progress, void *ctx, struct cb_error *err);
void session_close(struct session *s);

/* Loads libgit2 now, for a front end that cannot stop later (the app holds the terminal):
 * 0, or -1 with the reason and the way out. A read the index answers never needs it. */
int session_need_git(struct cb_error *err);

/* The board's git directory, with a trailing slash: where the app watches for writes. */
const char *session_gitdir(const struct session *s);

/* Looks the acting member up in board.conf again (after board.conf changed). */
void session_refresh_identity(struct session *s, const struct board *board);

#endif
