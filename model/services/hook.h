/* The board's git hooks: pushes made with plain git pass coboard's own checks at the door. */
#ifndef COBOARD_HOOK_H
#define COBOARD_HOOK_H

#include "error.h"
#include "strbuf.h"

/* Installs hooks/pre-receive in the board at path, running `program hook pre-receive` (the
 * absolute path of coboard; "" or a path holding a quote falls back to coboard on $PATH), and
 * names `program merge-card` as git's merge driver in the board's config (model/rules/merge.h). */
int hook_install(const char *path, const char *program, struct cb_error *err);

/* The pre-receive check of a push to the board at path: updates holds git's lines
 * "OLD NEW REF". Only main and meeting/ tags may be pushed; main only grows (never deleted,
 * never rewound) and every commit a push brings passes check_commits; a meeting tag is made
 * once, on the commit that wrote its minutes. Each problem is appended to problems. pusher
 * (NULL: unknown) is the member pushing: when it is an admin here, the board.conf it pushes
 * is in force at once (model/storage/authority.h). */
int hook_check_push(const char *path, const struct strvec *updates, const char *pusher,
		    struct strvec *problems, struct cb_error *err);

#endif
