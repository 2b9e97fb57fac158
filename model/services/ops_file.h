/* The write path for files other than cards (board.conf, meeting minutes) and for commits
 * made elsewhere (a merge, another board's tip): the model's services use it; a front end
 * asks those services instead. */
#ifndef COBOARD_OPS_FILE_H
#define COBOARD_OPS_FILE_H

#ifdef COBOARD_FRONT_END
#error "ops_file.h is the model's own: a front end asks the services (ops.h, meeting.h, ...)"
#endif

#include "ops.h"
#include "repo.h"

/* Ops on files other than cards (board.conf, meeting minutes): fn runs under the writer lock
 * with the index at the tip, checks the role itself, and fills op with the files, the
 * message (subject and body; coboard adds the Op: and Member: trailers) and optionally a
 * tag to put on the commit. */
struct file_op {
	struct file_update *updates;
	size_t nupdates;
	char **paths, **contents;
	struct strbuf message;
	const char *op;
	char *tag;
	/* board.conf with the members and sites now in force here, saved as this office's
	 * authority once the commit is made (model/storage/authority.h); NULL: unchanged. */
	char *authority;
	struct strvec authority_refused; /* proposals refused, kept with it */
};
typedef int (*file_op_fn)(struct session *s, struct board *board, const git_oid *tip, void *arg,
			  struct file_op *op, struct cb_error *err);
int ops_file_op(struct session *s, file_op_fn fn, void *arg, struct op_result *res,
		struct cb_error *err);
/* Adds a file to write (content NULL: remove it). */
void file_op_add(struct file_op *op, const char *path, const char *content, size_t len);
void file_op_free(struct file_op *op);

/* Moves the branch from from to to, a commit already written (a merge, or another board's
 * tip that holds from), under the writer lock, and indexes it. CB_ECONFLICT when the branch
 * is no longer at from. */
int ops_advance(struct session *s, const git_oid *from, const git_oid *to, struct op_result *res,
		struct cb_error *err);

#endif
