/* The commands for the board itself: init, fsck, reindex, member, admin. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "fsck.h"
#include "hook.h"
#include "members.h"
#include "ops.h"
#include "command.h"
#include "print.h"

/* --- init ------------------------------------------------------------------------- */

static int read_file(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(out, buf, n);
	fclose(f);
	return 0;
}

struct loaded_files {
	struct file_update *v;
	struct strvec paths;
	struct strbuf *texts;
	size_t n;
};

static void loaded_files_free(struct loaded_files *lf)
{
	for (size_t i = 0; i < lf->n; i++)
		sb_free(&lf->texts[i]);
	free(lf->texts);
	free(lf->v);
	sv_free(&lf->paths);
}

static int load_definition(const char *dir, struct loaded_files *lf, struct cb_error *err)
{
	struct strvec names = {0};
	struct strbuf path = {0};
	DIR *d;
	struct dirent *e;

	sv_push(&names, "board.conf");
	sb_printf(&path, "%s/cards", dir);
	d = opendir(sb_str(&path));
	while (d && (e = readdir(d)))
		if (card_id_from_path((sb_reset(&path), sb_printf(&path, "cards/%s", e->d_name),
				       sb_str(&path))))
			sv_push(&names, sb_str(&path));
	if (d)
		closedir(d);
	lf->n = names.n;
	lf->v = xcalloc(names.n, sizeof(*lf->v));
	lf->texts = xcalloc(names.n, sizeof(*lf->texts));
	for (size_t i = 0; i < names.n; i++) {
		sv_push(&lf->paths, names.v[i]);
		sb_reset(&path);
		sb_printf(&path, "%s/%s", dir, names.v[i]);
		if (read_file(sb_str(&path), &lf->texts[i]) < 0) {
			cb_fail(err, CB_ENOTFOUND, "cannot read %s: %s", sb_str(&path), strerror(errno));
			sv_free(&names);
			sb_free(&path);
			return -1;
		}
	}
	for (size_t i = 0; i < names.n; i++)
		lf->v[i] = (struct file_update){lf->paths.v[i], sb_str(&lf->texts[i]),
						lf->texts[i].len};
	sv_free(&names);
	sb_free(&path);
	return 0;
}

/* The absolute path of this program, "" when the system does not say. */
static const char *self_program(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

int cmd_init(struct cmd *c)
{
	const char *path = c->a.pos[0], *from = opt(c, "from");
	struct loaded_files lf = {0};
	const struct file_update *files;
	struct session *s = NULL;
	char exe[4096], *login;
	size_t n;
	int rc;

	if (from && load_definition(from, &lf, &c->err) < 0) {
		loaded_files_free(&lf);
		return -1;
	}
	login = acting_login(c->cli, path);
	if (!login) {
		loaded_files_free(&lf);
		return -1;
	}
	files = from ? lf.v : shipped_files(&n);
	rc = ops_init(path, files, from ? lf.n : n, login, flag(c, "shared"), &c->err);
	loaded_files_free(&lf);
	/* The hook guards plain-git pushes; the index built now makes the first view instant. */
	if (rc == 0)
		rc = hook_install(path, self_program(exe, sizeof(exe)), &c->err);
	if (rc == 0)
		rc = session_open(&s, path, login, true, &c->err);
	if (rc == 0)
		sb_printf(&c->out, _("created %s\n"), path);
	if (s)
		session_close(s);
	free(login);
	return rc;
}

/* --- maintenance ------------------------------------------------------------------- */

int cmd_fsck(struct cmd *c)
{
	struct strvec problems = {0};
	size_t ncards = 0;

	if (fsck_board(c->s, &problems, &ncards, &c->err) < 0)
		return -1;
	for (size_t i = 0; i < problems.n; i++)
		say_error("fsck: %s", problems.v[i]);
	if (problems.n == 0)
		sb_printf(&c->out, _("fsck: ok, %zu cards at %.7s\n"), ncards, index_tip(c->s->index));
	c->status = problems.n ? EXIT_FAIL : EXIT_OK;
	sv_free(&problems);
	return 0;
}

int cmd_reindex(struct cmd *c)
{
	if (index_rebuild(c->s->index, isatty(STDERR_FILENO) ? show_index_progress : NULL, NULL,
			  &c->err) < 0)
		return -1;
	sb_printf(&c->out, _("reindexed %.7s\n"), index_tip(c->s->index));
	return 0;
}

/* --- members ----------------------------------------------------------------------- */

int check_member(struct cmd *c)
{
	const char *verb = c->a.pos[0];

	if (strcmp(verb, "list") == 0)
		return 0;
	if (c->a.npos != 2)
		return usage_fail(c, "give a login: member add|set|remove LOGIN");
	if (strcmp(verb, "add") == 0 && !opt(c, "role"))
		return usage_fail(c, "--role is required for member add");
	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 && strcmp(verb, "remove") != 0)
		return usage_fail(c, "unknown member command '%s' (add, set, remove, list)", verb);
	return 0;
}

int cmd_member(struct cmd *c)
{
	const char *verb = c->a.pos[0];
	struct member_change change = {c->a.pos[1], opt(c, "role"), opt(c, "agency"),
				       opt(c, "name"), opt(c, "email"), opt(c, "key"),
				       opt(c, "language")};
	struct op_result res;

	if (strcmp(verb, "list") == 0) {
		print_members(&c->board, &c->out);
		return 0;
	}
	/* Each says what it did, as every write does: the commit's subject and id. */
	if (strcmp(verb, "add") == 0)
		return report_write(c, members_add(c->s, &change, &res, &c->err), &res);
	if (strcmp(verb, "set") == 0)
		return report_write(c, members_set(c->s, &change, &res, &c->err), &res);
	return report_write(c, members_remove(c->s, change.login, &res, &c->err), &res);
}

/* --- authority: what other offices propose ------------------------------------------ */

int check_authority(struct cmd *c)
{
	const char *verb = c->a.npos ? c->a.pos[0] : "list";

	if (strcmp(verb, "list") == 0)
		return c->a.npos <= 1 ? 0 : usage_fail(c, "authority list takes nothing more");
	if (strcmp(verb, "accept") != 0 && strcmp(verb, "refuse") != 0)
		return usage_fail(c, "unknown authority command '%s' (list, accept, refuse)", verb);
	if (c->a.npos != 2)
		return usage_fail(c, "name what to decide: authority %s LOGIN|site:NAME|default-role|all",
				  verb);
	return 0;
}

int cmd_authority(struct cmd *c)
{
	const char *verb = c->a.npos ? c->a.pos[0] : "list";
	struct proposals props;
	struct op_result res;
	size_t decided = 0;

	if (strcmp(verb, "list") != 0) {
		bool accept = strcmp(verb, "accept") == 0;
		if (members_decide(c->s, c->a.pos[1], accept, opt(c, "reason"), &decided, &res,
				   &c->err) < 0)
			return -1;
		sb_printf(&c->out, accept ? P_("accepted %zu proposed change; it is in force here\n",
					      "accepted %zu proposed changes; they are in force here\n",
					      decided)
					  : P_("refused %zu proposed change; what is in force here stays\n",
					       "refused %zu proposed changes; what is in force here stays\n",
					       decided),
			  decided);
		return 0;
	}
	if (members_proposals(c->s, &props, &c->err) < 0)
		return -1;
	if (props.n == 0)
		sb_puts(&c->out, _("nothing proposed: who may do what here is as this office's admins "
				   "decided\n"));
	for (size_t i = 0; i < props.n; i++) {
		struct strbuf who = {0};
		members_proposal_origin(c->s, &props.v[i], &who);
		print_proposal(&props.v[i], sb_str(&who), &c->out);
		sb_free(&who);
	}
	proposals_free(&props);
	return 0;
}

/* --- serving over SSH ------------------------------------------------------------ */

/* sshd hands the forced command to the account's shell, inside the option's double quotes:
 * each word goes in single quotes (spaces, ;, $(...) stay text), and a path holding a quote,
 * a backslash or a control character is refused rather than escaped twice over. */
static bool safe_for_authorized_keys(const char *s)
{
	for (; *s; s++)
		if (strchr("\"'\\", *s) || (unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

int check_admin(struct cmd *c)
{
	if (strcmp(c->a.pos[0], "authorized-keys") != 0)
		return usage_fail(c, "unknown admin command '%s' (authorized-keys)", c->a.pos[0]);
	return 0;
}

int cmd_admin(struct cmd *c)
{
	const char *command_path = opt(c, "command"), *refusal;
	char exe[4096], board_path[4096];
	int keys = 0;

	refusal = board_may_admin(&c->board, c->s->login);
	if (refusal)
		return cb_fail(&c->err, CB_EDENIED, "%s: %s", c->s->login, refusal);
	if (!command_path)
		command_path = self_program(exe, sizeof(exe));
	if (!realpath(c->s->board_path, board_path))
		snprintf(board_path, sizeof(board_path), "%s", c->s->board_path);
	if (!safe_for_authorized_keys(command_path) || !safe_for_authorized_keys(board_path))
		return cb_fail(&c->err, CB_EINVALID,
			       "the program or board path contains a quote, a backslash or a "
			       "control character; move it to a plain path");
	sb_printf(&c->out,
		  UNTRANSLATED("# coboard: one line per member with a key; generated from "
			       "board.conf of %s\n"),
		  board_path);
	for (size_t i = 0; i < c->board.nmembers; i++) {
		const struct member *m = &c->board.members[i];

		if (str_empty(m->key))
			continue;
		sb_printf(&c->out,
			  "restrict,pty,command=\"'%s' --board '%s' --user %s --restricted\" %s\n",
			  command_path, board_path, m->login, m->key);
		keys++;
	}
	if (keys == 0)
		say_error("no member has a key yet; add one with `coboard member set LOGIN --key "
			  "\"$(cat id.pub)\"`");
	return 0;
}

/* --- git's pre-receive hook ------------------------------------------------------- */

int check_hook(struct cmd *c)
{
	const char *verb = c->a.pos[0];

	if (strcmp(verb, "install") != 0 && strcmp(verb, "pre-receive") != 0)
		return usage_fail(c, "unknown hook command '%s' (pre-receive, install)", verb);
	return 0;
}

/* For a board made before `init` installed the hook. */
static int install_hook(struct cmd *c)
{
	char exe[4096], *path = c->cli->board_path ? xstrdup(c->cli->board_path)
						   : session_default_board_path();
	struct session *s = NULL;
	struct board board;
	char *login = acting_login(c->cli, path);
	int rc = login ? session_open(&s, path, login, true, &c->err) : -1;
	const char *denied = NULL;

	free(login);
	if (rc == 0 && index_board(s->index, &board, &c->err) == 0) {
		denied = board_may_admin(&board, s->login);
		if (denied)
			rc = cb_fail(&c->err, CB_EDENIED, "%s may not install the board's hook: %s",
				     s->login, denied);
		board_free(&board);
	} else {
		rc = -1;
	}
	session_close(s);
	if (rc == 0)
		rc = hook_install(path, self_program(exe, sizeof(exe)), &c->err);

	if (rc == 0)
		sb_printf(&c->out, _("installed the pre-receive hook in %s\n"), path);
	free(path);
	return rc;
}

/* git runs the hook with "OLD NEW REF" lines on stdin, one per ref the push updates. */
int cmd_hook(struct cmd *c)
{
	struct strvec problems = {0}, updates = {0};
	char line[1024];
	int rc;

	if (strcmp(c->a.pos[0], "install") == 0)
		return install_hook(c);
	while (fgets(line, sizeof(line), stdin))
		sv_push(&updates, line);
	/* Over SSH the forced command names the pusher (restricted.c); a local push is by the
	 * Unix login, as every local command is. */
	const char *board = c->cli->board_path ? c->cli->board_path : ".";
	char *login = NULL;
	struct cb_error ignored = {0};
	if (session_acting_login(board, getenv("COBOARD_PUSHER"), &login, &ignored) < 0)
		login = session_unix_login();
	rc = hook_check_push(board, &updates, login, &problems, &c->err);
	free(login);
	for (size_t i = 0; i < problems.n; i++)
		say_error("push refused: %s", problems.v[i]);
	if (problems.n)
		say_error("fix the files named above and push again; nothing of this push was taken");
	c->status = problems.n ? EXIT_FAIL : EXIT_OK;
	sv_free(&problems);
	sv_free(&updates);
	return rc;
}
