/* Words for shell completion, from the command table and from the board itself. */
#ifndef COBOARD_COMPLETE_H
#define COBOARD_COMPLETE_H

#include "cli.h"

/* Prints the words of kind, one per line: commands, options COMMAND, cards, columns,
 * agencies, members, remotes. Nothing (and status 0) when the board does not exist yet:
 * completion never creates one. */
int complete_run(const struct board_choice *cli, const char *kind, const char *command);

#endif
