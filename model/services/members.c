#include "members.h"

#include <string.h>

#include "authority.h"
#include "i18n.h"
#include "utf8.h"
#include "ops_file.h"

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

/* git (and libgit2) refuse a signature whose name or e-mail holds angle brackets or is
 * nothing but dots and spaces (an empty e-mail is filled in later). */
static bool could_author(const char *text)
{
	return !strpbrk(text, "<>") && (!*text || text[strspn(text, ". ")] != '\0');
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
	if (!could_author(m.name))
		return cb_fail(err, CB_EINVALID, "the name of %s cannot sign a commit: it may not "
			       "contain '<' or '>', and must be more than dots and spaces", c->login);
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

	sb_printf(&subject, UNTRANSLATED("Add member %s as %s"), c->login,
		  c->role ? c->role : "viewer");
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

	sb_printf(&subject, UNTRANSLATED("Change member %s%s%s"), c->login, c->role ? " to " : "",
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

	sb_printf(&subject, UNTRANSLATED("Remove member %s"), login);
	rc = ops_edit_board(s, apply_member_remove, (void *)login, sb_str(&subject), "member", res,
			    err);
	sb_free(&subject);
	return rc;
}

int members_proposals(struct session *s, struct proposals *out, struct cb_error *err)
{
	struct board in_git, accepted;
	struct strvec refused = {0};
	bool found;

	memset(out, 0, sizeof(*out));
	if (index_board_in_git(s->index, &in_git, err) < 0)
		return -1;
	if (authority_read(repo_gitdir(s->repo), &accepted, &refused, &found, err) == 0 && found)
		authority_proposals(&in_git, &accepted, &refused, out);
	board_free(&in_git);
	board_free(&accepted);
	sv_free(&refused);
	return err->code ? -1 : 0;
}

int members_proposal_origin(struct session *s, const struct proposal *p, struct strbuf *out)
{
	struct strvec origin = {0};
	struct cb_error ignored = {0};
	const char *line = *p->proposed ? p->proposed : p->current;

	if (index_board_line_origin(s->index, line, &origin, &ignored) == 0 && origin.n == 3) {
		if (strcmp(origin.v[0], origin.v[1]) == 0 || !*origin.v[0])
			sb_printf(out, "%s, %s", origin.v[1], origin.v[2]);
		else
			sb_printf(out, "%s (%s), %s", origin.v[1], origin.v[0], origin.v[2]);
	}
	sv_free(&origin);
	return out->len ? 0 : -1;
}

struct decision {
	const char *key, *reason;
	bool accept;
	size_t decided;
};

static int apply_decision(struct session *s, struct board *board, const git_oid *tip, void *arg,
			  struct file_op *op, struct cb_error *err)
{
	struct decision *d = arg;
	struct board in_git, accepted;
	struct strvec refused = {0};
	struct proposals props = {0};
	const char *denied;
	bool found, all = strcmp(d->key, "all") == 0;
	int rc = -1;

	(void)tip;
	memset(&accepted, 0, sizeof(accepted));
	if ((denied = board_may_admin(board, s->login)))
		return cb_fail(err, CB_EDENIED, "%s may not decide who may do what here: %s",
			       s->login, denied);
	if (index_board_in_git(s->index, &in_git, err) < 0)
		return -1;
	if (authority_read(repo_gitdir(s->repo), &accepted, &refused, &found, err) < 0)
		goto out;
	if (found)
		authority_proposals(&in_git, &accepted, &refused, &props);
	sb_printf(&op->message, UNTRANSLATED("%s proposed changes of who may do what\n\n"),
		  d->accept ? "Accept" : "Refuse");
	for (size_t i = 0; i < props.n; i++) {
		const struct proposal *p = &props.v[i];
		if (!all && strcmp(p->key, d->key) != 0)
			continue;
		d->decided++;
		sb_printf(&op->message, "- %s\n", p->what);
		if (d->accept)
			authority_accept(&accepted, p);
		else
			sv_push(&refused, *p->proposed ? p->proposed : p->current);
	}
	if (d->decided == 0) {
		cb_fail(err, CB_ENOTFOUND, "nothing proposed for %s (`coboard authority` lists what "
			"waits)", d->key);
		goto out;
	}
	if (d->decided == 1) { /* the subject names the one change */
		struct strbuf subject = {0};
		const char *first = strstr(sb_str(&op->message), "\n- ") + 3;
		sb_printf(&subject, "%s: %.*s\n\n", d->accept ? "Accept" : "Refuse",
			  (int)strcspn(first, "\n"), first);
		sb_reset(&op->message);
		sb_puts(&op->message, sb_str(&subject));
		sb_free(&subject);
	}
	if (d->reason)
		sb_printf(&op->message, "%sReason: %s\n", d->decided == 1 ? "" : "\n", d->reason);
	else if (d->decided > 1)
		sb_putc(&op->message, '\n');
	sb_printf(&op->message, "Decision: %s\n", d->accept ? "accepted" : "refused");
	/* What is in force: git's columns and agencies with this office's members. */
	authority_overlay(&in_git, &accepted);
	if (d->accept && (board_validate(&in_git, err) < 0 ||
			  keeps_an_admin(&in_git, s->login, err) < 0))
		goto out;
	struct strbuf text = {0};
	board_format(&in_git, &text);
	op->authority = sb_detach(&text);
	op->authority_refused = refused;
	memset(&refused, 0, sizeof(refused));
	op->op = "authority";
	rc = 0;
out:
	proposals_free(&props);
	board_free(&in_git);
	board_free(&accepted);
	sv_free(&refused);
	return rc;
}

int members_decide(struct session *s, const char *key, bool accept, const char *reason,
		   size_t *decided, struct op_result *res, struct cb_error *err)
{
	struct decision d = {key, reason, accept, 0};

	if (reason && text_validate("the reason", reason, false, err) < 0)
		return -1;
	int rc = ops_file_op(s, apply_decision, &d, res, err);
	*decided = d.decided;
	return rc;
}
