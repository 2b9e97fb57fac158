/* The board's git hooks: pushes made with plain git pass coboard's own checks at the door. */
#ifndef COBOARD_HOOK_H
#define COBOARD_HOOK_H

#include "error.h"
#include "strbuf.h"

/* Installs hooks/pre-receive in the board at path, running `program hook pre-receive` (the
 * absolute path of coboard; "" or a path holding a quote falls back to coboard on $PATH), and
 * names `program merge-card` as git's merge driver in the board's config (model/merge.h). */
int hook_install(const char *path, const char *program, struct cb_error *err);

/* The pre-receive check of a push to the board at path: updates holds git's lines
 * "OLD NEW REF". An update of main may not delete it, nor add a problem to the board's tree
 * (check_tree): each new problem is appended to problems, naming the file and the line. A
 * problem the board already had does not block a push. */
int hook_check_push(const char *path, const struct strvec *updates, struct strvec *problems,
		    struct cb_error *err);

#endif
