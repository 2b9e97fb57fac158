/* Running git itself, for what libgit2 leaves to it here: talking to other servers (fetch and
 * push go through the user's ssh, its keys and known_hosts, exactly as `git fetch` does) and
 * the remotes in the board's config. */
#ifndef COBOARD_GIT_RUN_H
#define COBOARD_GIT_RUN_H

#ifdef COBOARD_FRONT_END
#error "git_run.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "strbuf.h"

/* Runs `git ARGS...` (argv NULL-terminated, without "git") on the repository gitdir, never
 * asking at a terminal and never running hooks or programs named in the repository's config.
 * Its output is appended to out and its errors to errors (either may be NULL: dropped).
 * Returns git's exit status, -1 when git cannot be started, GIT_TIMED_OUT when it said
 * nothing for git_timeout_seconds() (ssh gets the same connect and keep-alive limits). */
enum { GIT_TIMED_OUT = 124, GIT_TIMEOUT_DEFAULT = 60 };
int git_timeout_seconds(void);
int git_run(const char *gitdir, const char *const argv[], struct strbuf *out,
	    struct strbuf *errors);

/* The line of git's errors that says what failed: the first "fatal: " or "error: " line
 * without that word, after the line before it that says why (ssh's "Connection refused"),
 * else the last non-empty line. Cuts errors into lines. */
const char *git_error_line(struct strbuf *errors);

#endif
