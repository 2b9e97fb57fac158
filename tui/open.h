/* What both front ends (the CLI and the app) share before either runs: the board the user
 * named, opened as who they are, and the one way an error reaches the terminal. */
#ifndef COBOARD_OPEN_H
#define COBOARD_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "file_update.h"
#include "session.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The board and member asked for on the command line. */
struct board_choice {
	const char *board_path; /* NULL: the default board, created on first use */
	const char *user;       /* NULL: the Unix login */
	bool restricted;        /* under a forced SSH command: no paths, no shell, no editor */
	bool no_sync;           /* open without bringing the index up to date (reindex) */
};

/* Resolves the board path and acting login and opens the board, creating the default board
 * from the shipped definition on first use. Prints the error itself. */
int open_board(const struct board_choice *choice, struct session **out);

/* The path of the default board when open_board has just created it, else NULL. */
const char *created_default_board(void);

/* The acting login for the board at board_path (see session_acting_login); NULL, with the
 * reason printed, when --user is refused. Caller frees. */
char *acting_login(const struct board_choice *choice, const char *board_path);

/* The shipped board's files, for init and the default board. */
const struct file_update *shipped_files(size_t *n);

/* Shows indexing on stderr as "indexing the board [####    ] 1200/60000"; ctx, when given,
 * points to the number of commits (a size_t) below which nothing is shown. */
void show_index_progress(size_t done, size_t total, void *ctx);

/* Prints an error message, translated and sanitized, as "coboard: ..." on stderr. */
void say_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
