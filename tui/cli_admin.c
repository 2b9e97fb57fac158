/* The commands for the board itself: init, fsck, reindex, member, admin. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/asof.h"
#include "../model/fsck.h"
#include "../model/hook.h"
#include "../model/date.h"
#include "../model/meeting.h"
#include "../model/members.h"
#include "../model/ops.h"
#include "../model/session.h"
#include "../model/slippage.h"
#include "args.h"
#include "cli_util.h"
#include "print.h"
#include "text.h"
#include "shipped_board.h"

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

int cmd_init(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("init");
	const char *from = NULL;
	bool shared = false;
	struct opt opts[] = {{"from", &from, NULL}, {"shared", NULL, &shared}, {0}};
	struct loaded_files lf = {0};
	struct cb_error err = {0};
	struct args a;
	char *login;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 1, 1, &a, &status) < 0)
		return status;
	if (from && load_definition(from, &lf, &err) < 0) {
		loaded_files_free(&lf);
		return fail(&err);
	}
	login = acting_login(cli, a.pos[0]);
	if (!login) {
		loaded_files_free(&lf);
		return EXIT_FAIL;
	}
	if (from) {
		rc = ops_init(a.pos[0], lf.v, lf.n, login, shared, &err);
	} else {
		size_t n;
		const struct file_update *files = shipped_files(&n);
		rc = ops_init(a.pos[0], files, n, login, shared, &err);
	}
	loaded_files_free(&lf);
	if (rc == 0) {
		struct session *s = NULL;
		/* Build the index now so the first view is instant. */
		char exe[4096];
		if (hook_install(a.pos[0], self_program(exe, sizeof(exe)), &err) == 0 &&
		    session_open(&s, a.pos[0], login, true, &err) == 0)
			printf("created %s\n", a.pos[0]);
		else
			rc = -1;
		session_close(s);
	}
	free(login);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

/* --- maintenance ------------------------------------------------------------------- */

int cmd_fsck(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("fsck");
	struct opt opts[] = {{0}};
	struct strvec problems = {0};
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	size_t ncards = 0;
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	if (fsck_board(s, &problems, &ncards, &err) < 0) {
		session_close(s);
		return fail(&err);
	}
	for (size_t i = 0; i < problems.n; i++)
		cli_error("fsck: %s", problems.v[i]);
	if (problems.n == 0)
		printf("fsck: ok, %zu cards at %.7s\n", ncards, index_tip(s->index));
	status = problems.n ? EXIT_FAIL : EXIT_OK;
	sv_free(&problems);
	session_close(s);
	return status;
}

static void progress_bar(size_t done, size_t total, void *ctx)
{
	enum { WIDTH = 40 };
	int filled = total ? (int)(done * WIDTH / total) : WIDTH;
	(void)ctx;

	if (done != total && done % 64 != 0)
		return;
	fprintf(stderr, "\rindexing [%.*s%*s] %zu/%zu", filled,
		"########################################", WIDTH - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
}

int cmd_reindex(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("reindex");
	struct opt opts[] = {{0}};
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	struct cli lazy = *cli;
	lazy.no_sync = true;
	if (cli_open_session(&lazy, &s) < 0)
		return EXIT_FAIL;
	rc = index_rebuild(s->index, isatty(STDERR_FILENO) ? progress_bar : NULL, NULL, &err);
	if (rc == 0)
		printf("reindexed %.7s\n", index_tip(s->index));
	session_close(s);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

/* --- members ----------------------------------------------------------------------- */

int cmd_member(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("member");
	struct member_change c = {0};
	struct opt opts[] = {{"role", &c.role, NULL},   {"agency", &c.agency, NULL},
			     {"name", &c.name, NULL},   {"email", &c.email, NULL},
			     {"key", &c.key, NULL},     {0}};
	struct cb_error err = {0};
	struct op_result res;
	struct session *s;
	struct args a;
	const char *verb;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 1, 2, &a, &status) < 0)
		return status;
	verb = a.pos[0];
	if (strcmp(verb, "list") == 0) {
		struct board board;
		struct strbuf out = {0};

		if (with_board(cli, &s, &board) < 0)
			return EXIT_FAIL;
		for (size_t i = 0; i < board.nmembers; i++) {
			const struct member *m = &board.members[i];
			text_fit(m->login, 16, true, &out);
			sb_putc(&out, ' ');
			text_fit(role_name(m->role), 10, true, &out);
			sb_putc(&out, ' ');
			text_fit(str_empty(m->agency) ? "-" : m->agency, 6, true, &out);
			sb_putc(&out, ' ');
			text_fit(m->name, 30, true, &out);
			sb_putc(&out, ' ');
			text_sanitize(m->email, &out);
			sb_puts(&out, str_empty(m->key) ? "\n" : "  [key]\n");
		}
		sb_printf(&out, "others: %s\n", role_name(board.default_role));
		emit(&out);
		board_free(&board);
		session_close(s);
		return EXIT_OK;
	}
	if (a.npos != 2) {
		cb_fail(&err, CB_EINVALID, "give a login: member add|set|remove LOGIN");
		return usage_error(cmd, &err);
	}
	c.login = a.pos[1];
	if (strcmp(verb, "add") == 0 && !c.role) {
		cb_fail(&err, CB_EINVALID, "--role is required for member add");
		return usage_error(cmd, &err);
	}
	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 && strcmp(verb, "remove") != 0) {
		cb_fail(&err, CB_EINVALID, "unknown member command '%s' (add, set, remove, list)", verb);
		return usage_error(cmd, &err);
	}
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	if (strcmp(verb, "add") == 0)
		rc = members_add(s, &c, &res, &err);
	else if (strcmp(verb, "set") == 0)
		rc = members_set(s, &c, &res, &err);
	else
		rc = members_remove(s, c.login, &res, &err);
	session_close(s);
	return rc < 0 ? fail(&err) : EXIT_OK;
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

int cmd_admin(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("admin");
	const char *command_path = NULL;
	struct opt opts[] = {{"command", &command_path, NULL}, {0}};
	char exe[4096], board_path[4096];
	struct cb_error err = {0};
	struct session *s;
	struct board board;
	struct args a;
	int status, keys = 0;

	if (parse(cmd, argc, argv, opts, 1, 1, &a, &status) < 0)
		return status;
	if (strcmp(a.pos[0], "authorized-keys") != 0) {
		cb_fail(&err, CB_EINVALID, "unknown admin command '%s' (authorized-keys)", a.pos[0]);
		return usage_error(cmd, &err);
	}
	if (cli->restricted) {
		cli_error("admin commands are not available over this connection");
		return EXIT_FAIL;
	}
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (board_may_admin(&board, s->login)) {
		cli_error("%s: %s", s->login, board_may_admin(&board, s->login));
		board_free(&board);
		session_close(s);
		return EXIT_FAIL;
	}
	if (!command_path)
		command_path = self_program(exe, sizeof(exe));
	if (!realpath(s->board_path, board_path))
		snprintf(board_path, sizeof(board_path), "%s", s->board_path);
	if (!safe_for_authorized_keys(command_path) || !safe_for_authorized_keys(board_path)) {
		cli_error("the program or board path contains a quote, a backslash or a control "
			  "character; move it to a plain path");
		board_free(&board);
		session_close(s);
		return EXIT_FAIL;
	}
	printf("# coboard: one line per member with a key; generated from board.conf of %s\n",
	       board_path);
	for (size_t i = 0; i < board.nmembers; i++) {
		const struct member *m = &board.members[i];

		if (str_empty(m->key))
			continue;
		printf("restrict,pty,command=\"'%s' --board '%s' --user %s --restricted\" %s\n",
		       command_path, board_path, m->login, m->key);
		keys++;
	}
	if (keys == 0)
		cli_error("no member has a key yet; add one with `coboard member set LOGIN --key "
			  "\"$(cat id.pub)\"`");
	board_free(&board);
	session_close(s);
	return EXIT_OK;
}

/* git's pre-receive hook: "OLD NEW REF" lines on stdin, one per ref the push updates. */
int cmd_hook(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("hook");
	struct opt opts[] = {{0}};
	struct strvec problems = {0}, updates = {0};
	struct cb_error err = {0};
	struct args a;
	char line[1024];
	int status;

	if (parse(cmd, argc, argv, opts, 1, 1, &a, &status) < 0)
		return status;
	if (strcmp(a.pos[0], "install") == 0) {
		/* For a board made before `init` installed the hook. */
		char exe[4096], *path = cli->board_path ? xstrdup(cli->board_path)
							 : session_default_board_path();
		status = hook_install(path, self_program(exe, sizeof(exe)), &err) < 0 ? fail(&err)
										      : EXIT_OK;
		if (status == EXIT_OK)
			printf("installed the pre-receive hook in %s\n", path);
		free(path);
		return status;
	}
	if (strcmp(a.pos[0], "pre-receive") != 0) {
		cb_fail(&err, CB_EINVALID, "unknown hook command '%s' (pre-receive, install)", a.pos[0]);
		return usage_error(cmd, &err);
	}
	while (fgets(line, sizeof(line), stdin))
		sv_push(&updates, line);
	if (hook_check_push(cli->board_path ? cli->board_path : ".", &updates, &problems, &err) < 0) {
		sv_free(&updates);
		return fail(&err);
	}
	for (size_t i = 0; i < problems.n; i++)
		cli_error("push refused: %s", problems.v[i]);
	if (problems.n)
		fprintf(stderr, "coboard: fix the files named above and push again; nothing of this "
				"push was taken\n");
	status = problems.n ? EXIT_FAIL : EXIT_OK;
	sv_free(&problems);
	sv_free(&updates);
	return status;
}
