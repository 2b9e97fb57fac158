#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/ops.h"
#include "../model/session.h"
#include "args.h"
#include "shipped_board.h"
#include "cli_util.h"
#include "print.h"
#include "text.h"

void cli_error(const char *fmt, ...)
{
	struct strbuf raw = {0}, clean = {0};
	va_list ap;

	va_start(ap, fmt);
	{
		char buf[2048];
		vsnprintf(buf, sizeof(buf), fmt, ap);
		sb_puts(&raw, buf);
	}
	va_end(ap);
	text_sanitize(sb_str(&raw), &clean);
	fprintf(stderr, "coboard: %s\n", sb_str(&clean));
	sb_free(&raw);
	sb_free(&clean);
}

void emit(struct strbuf *out)
{
	fwrite(sb_str(out), 1, out->len, stdout);
	sb_free(out);
}

int usage_error(const struct command *cmd, const struct cb_error *err)
{
	cli_error("%s: %s", cmd->name, err->msg);
	fprintf(stderr, "usage: coboard %s\n", cmd->usage);
	return EXIT_USAGE;
}

int fail(const struct cb_error *err)
{
	cli_error("%s", err->msg);
	return err->code == CB_EINVALID && strstr(err->msg, "usage") ? EXIT_USAGE : EXIT_FAIL;
}

static void command_help(const struct command *cmd)
{
	printf("usage: coboard %s\n\n%s\n", cmd->usage, cmd->summary);
}

/* Parses options, printing help or a usage error; returns -1 when the command must stop,
 * with *status set. */
int parse(const struct command *cmd, int argc, char **argv, const struct opt *opts,
		 int min_pos, int max_pos, struct args *a, int *status)
{
	struct cb_error err = {0};

	if (args_parse(argc - 1, argv + 1, opts, min_pos, max_pos, a, &err) < 0) {
		*status = usage_error(cmd, &err);
		return -1;
	}
	if (a->help) {
		command_help(cmd);
		*status = EXIT_OK;
		return -1;
	}
	return 0;
}

const struct file_update *shipped_files(size_t *n)
{
	static struct file_update files[512];

	*n = shipped_board_count < 512 ? shipped_board_count : 512;
	for (size_t i = 0; i < *n; i++)
		files[i] = (struct file_update){shipped_board[i].path, shipped_board[i].text,
						strlen(shipped_board[i].text)};
	return files;
}

char *acting_login(const struct cli *cli, const char *board_path)
{
	struct cb_error err = {0};
	char *login;

	if (session_acting_login(board_path, cli->user, &login, &err) < 0)
		cli_error("%s", err.msg);
	return login;
}

static int make_parent_dirs(const char *path)
{
	char *copy = xstrdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0775) < 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* A board.conf pushed broken: the board goes on with the last one that parsed, and every
 * command says so until it is fixed. */
static void warn_board_problem(struct session *s)
{
	struct strbuf problem = {0};
	struct cb_error ignored = {0};

	if (index_board_problem(s->index, &problem, &ignored) == 0 && problem.len)
		cli_error("warning: %s; the board goes on with the last board.conf that was valid "
			  "until this one is fixed (`coboard fsck` names the line)",
			  sb_str(&problem));
	sb_free(&problem);
}

int cli_open_session(const struct cli *cli, struct session **out)
{
	char *path = cli->board_path ? xstrdup(cli->board_path) : session_default_board_path();
	char *login = acting_login(cli, path);
	struct cb_error err = {0};
	struct stat st;
	int rc = 0;

	if (!login) {
		free(path);
		return -1;
	}
	if (!cli->board_path && stat(path, &st) < 0) {
		size_t n;
		const struct file_update *files = shipped_files(&n);

		if (make_parent_dirs(path) < 0 || ops_init(path, files, n, login, false, &err) < 0) {
			if (!err.code)
				cb_fail(&err, CB_EFAIL, "cannot create %s: %s", path, strerror(errno));
			rc = -1;
		} else {
			fprintf(stderr, "coboard: created the default board at %s\n", path);
		}
	}
	if (rc == 0 && session_open(out, path, login, !cli->no_sync, &err) < 0)
		rc = -1;
	if (rc == 0)
		warn_board_problem(*out);
	if (rc < 0)
		cli_error("%s", err.msg);
	free(path);
	free(login);
	return rc;
}

/* Options and arguments of a command whose first argument is a card id. */
int parse_card_args(const struct command *cmd, int argc, char **argv, const struct opt *opts,
			   int npos, struct args *a, int *id, int *status)
{
	struct cb_error err = {0};

	if (parse(cmd, argc, argv, opts, npos, npos, a, status) < 0)
		return -1;
	if (args_card_id(a->pos[0], id, &err) < 0) {
		*status = usage_error(cmd, &err);
		return -1;
	}
	return 0;
}

/* The --format of a command, among the allowed ones (a mask of 1 << FORMAT_*). */
int parse_format(const struct command *cmd, const char *name, unsigned allowed,
		 enum format *format, int *status)
{
	struct cb_error err = {0};

	if (format_parse(name, allowed, format) == 0)
		return 0;
	cb_fail(&err, CB_EINVALID, "unknown format '%s' (%s)", name,
		allowed & (1u << FORMAT_CSV) ? "text, csv or json" : "text or json");
	*status = usage_error(cmd, &err);
	return -1;
}

int with_board(const struct cli *cli, struct session **s, struct board *board)
{
	struct cb_error err = {0};

	memset(board, 0, sizeof(*board));
	if (cli_open_session(cli, s) < 0)
		return -1;
	if (index_board((*s)->index, board, &err) < 0) {
		cli_error("%s", err.msg);
		board_free(board);
		session_close(*s);
		return -1;
	}
	return 0;
}


/* --- the table ------------------------------------------------------------------------ */

static const struct command commands[] = {
	{"init", cmd_init, "init PATH [--from DIR] [--shared]",
	 "Create a new bare board repository at PATH, seeded from a board definition directory\n"
	 "(board.conf and cards/<id>.card) or, without --from, from the shipped Children of\n"
	 "Kazakhstan board. The acting member becomes the first admin. --shared makes the\n"
	 "repository writable by its group.",
	 false},
	{"board", cmd_board, "board [--at YYYY-MM-DD|COMMIT|last-meeting]",
	 "Print the whole board as text, column by column; with --at, as it stood then.", true},
	{"list", cmd_list,
	 "list [--column K] [--agency CODE] [--label L] [--overdue] [--archived] "
	 "[--at YYYY-MM-DD|COMMIT|last-meeting] [--format text|csv|json]",
	 "List cards, in board order. --agency matches the lead and the co-executors.", true},
	{"show", cmd_show, "show ID [--format text|json]",
	 "Show every field of a card, its description, notes and latest changes.", true},
	{"add", cmd_add,
	 "add --title T --lead CODE [--co CODE,..] [--column K] [--due YYYY-MM-DD] [--label L,..] "
	 "[--description TEXT]",
	 "Add a card and print its id.", false},
	{"move", cmd_move, "move ID COLUMN [--before ID|--after ID] [--reason TEXT]",
	 "Move a card to a column (to its bottom, or next to another card).", false},
	{"assign", cmd_assign, "assign ID [--lead CODE] [--co CODE,..] [--reason TEXT]",
	 "Change the lead agency or the co-executors of a card (--co \"\" clears them).", false},
	{"edit", cmd_edit,
	 "edit ID [--title T] [--due YYYY-MM-DD|none] [--label L,..] [--description TEXT] "
	 "[--reason TEXT]",
	 "Change a card's title, due date, labels or description.", false},
	{"note", cmd_note, "note ID TEXT", "Add a note to a card.", false},
	{"archive", cmd_archive, "archive ID [--reason TEXT]",
	 "Withdraw a card from the board; its history stays.", false},
	{"log", cmd_log,
	 "log [ID] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--agency CODE] [--author NAME] "
	 "[--field responsibility] [--limit N] [--format text|csv|json]",
	 "The change log, field by field (when, who, card, field, old -> new, commit), newest\n"
	 "first.",
	 true},
	{"history", cmd_history,
	 "history ID [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--author NAME] "
	 "[--field responsibility] [--format text|csv|json]",
	 "Every change of one card, field by field, newest first.", true},
	HISTORY_COMMANDS
	{"search", cmd_search, "search QUERY [--format text|csv|json]",
	 "Full-text search over titles, descriptions and notes (each word matches as a prefix).",
	 true},
	{"member", cmd_member,
	 "member add|set|remove|list [LOGIN] [--role viewer|member|secretary|admin] "
	 "[--agency CODE] [--name NAME] [--email EMAIL] [--key PUBKEY]",
	 "Manage who may do what (admins only; each change is a commit).", false},
	{"admin", cmd_admin, "admin authorized-keys [--command PATH]",
	 "Print authorized_keys lines for the members' SSH keys: each key opens this board as\n"
	 "that member in restricted mode (admins only). Append them to the shared account's\n"
	 "~/.ssh/authorized_keys.",
	 false},
	{"fsck", cmd_fsck, "fsck",
	 "Check that git and the index agree and that every card and board.conf parse.", false},
	{"reindex", cmd_reindex, "reindex", "Rebuild the index from git.", false},
	{"hook", cmd_hook, "hook pre-receive | hook install",
	 "pre-receive: check a push made with plain git (run by the board's pre-receive hook,\n"
	 "which `init` installs): a push may not add a card or board.conf that breaks the\n"
	 "board's rules. install: put that hook into a board made before it existed.",
	 false},
};

const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

bool cli_is_read_command(const char *name)
{
	const struct command *cmd = find_command(name);

	return cmd && cmd->reads_only;
}

void cli_usage(void)
{
	printf("usage: coboard [--board PATH] [--user NAME] [COMMAND [ARGS]]\n\n"
	       "Without a command, opens the board full-screen.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		printf("  %s\n", commands[i].usage);
	printf("\n`coboard COMMAND --help` describes a command. Exit status: 0 success, 1 failure,\n"
	       "2 usage error. The board defaults to $COBOARD_BOARD, else\n"
	       "$XDG_DATA_HOME/coboard/default.git (~/.local/share/coboard/default.git).\n");
}

int cli_run(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command(argv[0]);

	if (!cmd) {
		cli_error("unknown command '%s'; `coboard --help` lists them", argv[0]);
		return EXIT_USAGE;
	}
	if (cli->restricted && !cmd->reads_only) {
		/* Writes are allowed in restricted mode: they go through the same role checks.
		 * What is refused is taking a path from the user. */
		if (strcmp(cmd->name, "init") == 0) {
			cli_error("'init' is not available over this connection");
			return EXIT_FAIL;
		}
	}
	return cmd->run(cli, argc, argv);
}
