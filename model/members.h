/* Who may do what: the member changes of board.conf, each one commit by an admin. */
#ifndef COBOARD_MEMBERS_H
#define COBOARD_MEMBERS_H

#include "ops.h"

/* NULL fields are left as they are (set) or take their defaults (add: viewer, the login as
 * the name). */
struct member_change {
	const char *login, *role, *agency, *name, *email, *key, *language;
};

/* The rules, whatever the change: a role 'member' needs an agency (it edits that agency's
 * cards), and a board always keeps an admin, so the last one cannot demote or remove
 * themselves. */
int members_add(struct session *s, const struct member_change *c, struct op_result *res,
		struct cb_error *err);
int members_set(struct session *s, const struct member_change *c, struct op_result *res,
		struct cb_error *err);
int members_remove(struct session *s, const char *login, struct op_result *res,
		   struct cb_error *err);

#endif
