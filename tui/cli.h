/* The subcommands for scripts and people at a shell prompt. */
#ifndef COBOARD_CLI_H
#define COBOARD_CLI_H

#include <stdbool.h>
#include "../model/strbuf.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *board_path; /* NULL: the default board, created on first use */
	const char *user;       /* NULL: the Unix login */
	bool restricted;        /* under a forced SSH command: no paths, no shell, no editor */
	bool no_sync;           /* open without bringing the index up to date (reindex) */
};

/* Runs argv[0] (a command name) with its arguments; returns the exit status. */
int cli_run(const struct cli *cli, int argc, char **argv);

/* True when name is a command that only reads (allowed in SSH_ORIGINAL_COMMAND). */
bool cli_is_read_command(const char *name);
/* The commands served over a restricted SSH connection, "board, list, ...", appended. */
void cli_read_commands(struct strbuf *out);

/* Prints the program's usage to stdout. */
void cli_usage(void);

/* Resolves the board path and acting login and opens the board, creating the default board
 * from the shipped definition on first use. Prints the error itself. */
struct session;
int cli_open_session(const struct cli *cli, struct session **out);

/* The path of the default board when cli_open_session has just created it, else NULL. */
const char *cli_created_default_board(void);

/* Prints an error message, sanitized, as "coboard: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
