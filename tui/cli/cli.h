/* The subcommands for scripts and people at a shell prompt. */
#ifndef COBOARD_CLI_H
#define COBOARD_CLI_H

#include <stdbool.h>
#include "strbuf.h"
#include "open.h"

/* Runs argv[0] (a command name) with its arguments; returns the exit status. */
int cli_run(const struct board_choice *cli, int argc, char **argv);

/* True when name is a command that only reads (allowed in SSH_ORIGINAL_COMMAND). */
bool cli_is_read_command(const char *name);
/* The commands served over a restricted SSH connection, "board, list, ...", appended. */
void cli_read_commands(struct strbuf *out);

/* Prints the program's usage to stdout. */
void cli_usage(void);

#endif
