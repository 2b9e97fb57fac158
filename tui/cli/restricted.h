/* Restricted mode, for a forced SSH command (the gitolite pattern): the administrator fixes
 * the board and the member in authorized_keys; the person at the other end gets the app, or
 * the read commands named in SSH_ORIGINAL_COMMAND, and nothing else: no shell, no $EDITOR,
 * no --board or --user, no path of their choosing. */
#ifndef COBOARD_RESTRICTED_H
#define COBOARD_RESTRICTED_H

#include <stdbool.h>

#include "cli.h"

/* True when coboard runs under a forced SSH command: --restricted was given, or --user was
 * given inside an SSH session. */
bool restricted_wanted(bool flag, const struct board_choice *cli);

/* Runs what the SSH client asked for; returns the exit status. */
int restricted_run(const struct board_choice *cli);

#endif
