/* Who may do what: the member changes of board.conf, each one commit by an admin. */
#ifndef COBOARD_MEMBERS_H
#define COBOARD_MEMBERS_H

#include "authority.h"
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

/* What board.conf in git proposes that this office has not accepted (model/storage/authority.h). */
int members_proposals(struct session *s, struct proposals *out, struct cb_error *err);
/* Who proposed p, and when ("Aigerim Astana (ast), 2026-03-01") into out; -1 when the index
 * does not know. */
int members_proposal_origin(struct session *s, const struct proposal *p, struct strbuf *out);
/* An admin accepts or refuses the proposal key names (a login, "site:NAME", "default-role")
 * or "all" of them: one commit that records the decision (board.conf does not change), and
 * what is in force here changes with an accept. *decided: how many. */
int members_decide(struct session *s, const char *key, bool accept, const char *reason,
		   size_t *decided, struct op_result *res, struct cb_error *err);

#endif
