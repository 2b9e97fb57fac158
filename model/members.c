#include "members.h"

#include <string.h>

struct member_edit {
	const struct member_change *change;
	bool must_exist, must_be_new;
};

/* A board always keeps an admin: login, changed or removed, cannot have been the last. */
static int keeps_an_admin(const struct board *board, const char *login, struct cb_error *err)
{
	for (size_t i = 0; i < board->nmembers; i++)
		if (board->members[i].role == ROLE_ADMIN)
			return 0;
	return cb_fail(err, CB_EINVALID, "%s is the last admin; make someone else admin first",
		       login);
}

static int apply_member(struct board *board, void *arg, struct cb_error *err)
{
	const struct member_edit *e = arg;
	const struct member_change *c = e->change;
	const struct member *old = board_member(board, c->login);
	struct member m = {0};

	if (e->must_be_new && old)
		return cb_fail(err, CB_EINVALID, "%s is already a member; use `coboard member set`",
			       c->login);
	if (e->must_exist && !old)
		return cb_fail(err, CB_ENOTFOUND, "%s is not a member; use `coboard member add`",
			       c->login);
	m.login = (char *)c->login;
	m.role = old ? old->role : ROLE_VIEWER;
	if (c->role && role_parse(c->role, &m.role) < 0)
		return cb_fail(err, CB_EINVALID,
			       "unknown role '%s' (viewer, sync, member, secretary, admin)", c->role);
	m.agency = (char *)(c->agency ? c->agency : old ? old->agency : "");
	m.name = (char *)(c->name ? c->name : old ? old->name : c->login);
	m.email = (char *)(c->email ? c->email : old ? old->email : "");
	m.key = (char *)(c->key ? c->key : old ? old->key : "");
	m.language = (char *)(c->language ? c->language : old ? old->language : "");
	if (!board_language_known(m.language) && *m.language)
		return cb_fail(err, CB_EINVALID, "unknown language '%s' (en, ru, kk)", m.language);
	if (m.role == ROLE_MEMBER && str_empty(m.agency))
		return cb_fail(err, CB_EINVALID,
			       "a member with the role 'member' needs --agency: it edits that agency's "
			       "cards");
	board_set_member(board, &m);
	return keeps_an_admin(board, c->login, err);
}

static int apply_member_remove(struct board *board, void *arg, struct cb_error *err)
{
	const char *login = arg;

	if (!board_remove_member(board, login))
		return cb_fail(err, CB_ENOTFOUND, "%s is not a member", login);
	return keeps_an_admin(board, login, err);
}

static int edit_member(struct session *s, struct member_edit *e, const char *subject,
		       struct op_result *res, struct cb_error *err)
{
	return ops_edit_board(s, apply_member, e, subject, "member", res, err);
}

int members_add(struct session *s, const struct member_change *c, struct op_result *res,
		struct cb_error *err)
{
	struct member_edit e = {c, false, true};
	struct strbuf subject = {0};
	int rc;

	sb_printf(&subject, "Add member %s as %s", c->login, c->role ? c->role : "viewer");
	rc = edit_member(s, &e, sb_str(&subject), res, err);
	sb_free(&subject);
	return rc;
}

int members_set(struct session *s, const struct member_change *c, struct op_result *res,
		struct cb_error *err)
{
	struct member_edit e = {c, true, false};
	struct strbuf subject = {0};
	int rc;

	sb_printf(&subject, "Change member %s%s%s", c->login, c->role ? " to " : "",
		  c->role ? c->role : "");
	rc = edit_member(s, &e, sb_str(&subject), res, err);
	sb_free(&subject);
	return rc;
}

int members_remove(struct session *s, const char *login, struct op_result *res,
		   struct cb_error *err)
{
	struct strbuf subject = {0};
	int rc;

	sb_printf(&subject, "Remove member %s", login);
	rc = ops_edit_board(s, apply_member_remove, (void *)login, sb_str(&subject), "member", res,
			    err);
	sb_free(&subject);
	return rc;
}
