#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/asof.h"
#include "../model/date.h"
#include "../model/ops.h"
#include "../model/slippage.h"
#include "../model/session.h"
#include "args.h"
#include "print.h"
#include "shipped_board.h"
#include "text.h"

#include "cli_util.h"

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

static const struct file_update *shipped_files(size_t *n)
{
	static struct file_update files[512];

	*n = shipped_board_count < 512 ? shipped_board_count : 512;
	for (size_t i = 0; i < *n; i++)
		files[i] = (struct file_update){shipped_board[i].path, shipped_board[i].text,
						strlen(shipped_board[i].text)};
	return files;
}

static char *acting_login(const struct cli *cli)
{
	return cli->user ? xstrdup(cli->user) : session_unix_login();
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

int cli_open_session(const struct cli *cli, struct session **out)
{
	char *path = cli->board_path ? xstrdup(cli->board_path) : session_default_board_path();
	char *login = acting_login(cli);
	struct cb_error err = {0};
	struct stat st;
	int rc = 0;

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
	if (rc < 0)
		cli_error("%s", err.msg);
	free(path);
	free(login);
	return rc;
}

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

static int cmd_init(const struct cli *cli, int argc, char **argv)
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
	login = acting_login(cli);
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
		if (session_open(&s, a.pos[0], login, true, &err) == 0)
			printf("created %s\n", a.pos[0]);
		else
			rc = -1;
		session_close(s);
	}
	free(login);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

/* --- reading ----------------------------------------------------------------------- */

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

static void warn_broken(struct session *s)
{
	struct strvec broken = {0};
	struct cb_error err = {0};

	if (index_broken(s->index, &broken, &err) == 0)
		for (size_t i = 0; i < broken.n; i++)
			cli_error("warning: %s (not listed; see `coboard fsck`)", broken.v[i]);
	sv_free(&broken);
}

static int check_filters(const struct board *board, const char *column, const char *agency,
			 struct cb_error *err)
{
	if (column && !board_column(board, column))
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s", column,
			       board_column_keys(board));
	if (agency && !board_agency(board, agency))
		return cb_fail(err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s", agency,
			       board_agency_codes(board));
	return 0;
}

/* The cards to show: from the index, or with --at from git as the board stood then. The
 * board printed with them is the one of that time too. */
static int load_cards(struct session *s, struct board *board, const struct card_filter *filter,
		      const char *at, struct card_list *cards, struct strbuf *heading,
		      struct cb_error *err)
{
	struct board_state state;
	git_oid oid;

	if (!at)
		return index_cards(s->index, board, filter, cards, err);
	if (asof_resolve(s, at, &oid, err) < 0 || asof_load(s, &oid, &state, err) < 0)
		return -1;
	board_free(board);
	*board = state.board;
	*cards = state.cards;
	/* Overdue as judged on that day. */
	date_set_today(state.day);
	card_list_filter(cards, filter, board);
	sb_printf(heading, "As it stood at %.7s (", state.oid);
	print_time(state.time, heading);
	sb_puts(heading, "); read-only, from git\n");
	return 0;
}

static int cmd_board(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("board");
	const char *at = NULL;
	struct opt opts[] = {{"at", &at, NULL}, {0}};
	struct card_filter filter = {0};
	struct card_list cards = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct session *s;
	struct board board;
	struct args a;
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (!at)
		warn_broken(s);
	if (load_cards(s, &board, &filter, at, &cards, &out, &err) == 0) {
		print_board_text(&board, &cards, &out);
		emit(&out);
	}
	sb_free(&out);
	card_list_free(&cards);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}

static int cmd_list(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("list");
	const char *column = NULL, *agency = NULL, *label = NULL, *format_name = "text", *at = NULL;
	bool overdue = false, archived = false;
	struct opt opts[] = {{"column", &column, NULL},   {"agency", &agency, NULL},
			     {"label", &label, NULL},     {"overdue", NULL, &overdue},
			     {"archived", NULL, &archived}, {"format", &format_name, NULL},
			     {"at", &at, NULL},           {0}};
	struct card_list cards = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct session *s;
	struct board board;
	enum format format;
	struct args a;
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (format_parse(format_name, 7, &format) < 0) {
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (text, csv or json)", format_name);
		return usage_error(cmd, &err);
	}
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (!at)
		warn_broken(s);
	struct card_filter filter = {column, agency, overdue, archived, label};
	struct strbuf heading = {0};
	if (check_filters(&board, column, agency, &err) == 0 &&
	    load_cards(s, &board, &filter, at, &cards, &heading, &err) == 0) {
		if (format == FORMAT_TEXT)
			sb_puts(&out, sb_str(&heading));
		print_cards(&cards, &board, format, &out);
		emit(&out);
	}
	sb_free(&heading);
	card_list_free(&cards);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}

static int cmd_show(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("show");
	const char *format_name = "text";
	struct opt opts[] = {{"format", &format_name, NULL}, {0}};
	struct log_filter lf = {.limit = 10};
	struct log_list recent = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct session *s;
	struct board board;
	struct card card;
	enum format format;
	struct args a;
	int status, id;

	if (parse(cmd, argc, argv, opts, 1, 1, &a, &status) < 0)
		return status;
	if (format_parse(format_name, 5, &format) < 0) {
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (text or json)", format_name);
		return usage_error(cmd, &err);
	}
	if (args_card_id(a.pos[0], &id, &err) < 0)
		return usage_error(cmd, &err);
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	lf.card = id;
	if (index_card(s->index, id, &card, &err) == 0 &&
	    index_log(s->index, &lf, &recent, &err) == 0) {
		print_card(&card, &board, &recent, format, &out);
		struct slippage sl;
		if (format == FORMAT_TEXT && slippage_of(s->index, &card, &board, &sl, &err) == 0 &&
		    (sl.moves || sl.meetings)) {
			sb_puts(&out, "\nSlippage      ");
			if (sl.moves)
				sb_printf(&out, "deadline moved %d time%s, %+ld days", sl.moves,
					  sl.moves == 1 ? "" : "s", sl.days);
			if (sl.meetings)
				sb_printf(&out, "%sopen for %d meeting%s", sl.moves ? "; " : "",
					  sl.meetings, sl.meetings == 1 ? "" : "s");
			sb_putc(&out, '\n');
		}
		emit(&out);
	}
	card_free(&card);
	log_list_free(&recent);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}

static int parse_day(const char *s, long long *epoch, struct cb_error *err)
{
	struct tm tm = {0};

	if (!date_valid(s))
		return cb_fail(err, CB_EINVALID, "'%s' is not a real date; write it as YYYY-MM-DD", s);
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_isdst = -1;
	*epoch = (long long)mktime(&tm);
	return 0;
}

static int run_log(const struct cli *cli, const struct command *cmd, int argc, char **argv,
		   bool need_card)
{
	const char *since = NULL, *until = NULL, *agency = NULL, *author = NULL, *field = NULL;
	const char *format_name = "text", *limit = NULL;
	struct opt opts[] = {{"since", &since, NULL},   {"until", &until, NULL},
			     {"agency", &agency, NULL}, {"author", &author, NULL},
			     {"field", &field, NULL},   {"format", &format_name, NULL},
			     {"limit", &limit, NULL},   {0}};
	struct log_filter filter = {0};
	struct log_list log = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct session *s;
	struct board board;
	enum format format;
	struct args a;
	int status;

	if (parse(cmd, argc, argv, opts, need_card ? 1 : 0, 1, &a, &status) < 0)
		return status;
	if (format_parse(format_name, 7, &format) < 0)
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (text, csv or json)", format_name);
	if (a.npos)
		args_card_id(a.pos[0], &filter.card, &err);
	if (since)
		parse_day(since, &filter.since, &err);
	if (until && parse_day(until, &filter.until, &err) == 0)
		filter.until += 24 * 3600; /* through the end of that day */
	if (limit) {
		char *end;
		long n = strtol(limit, &end, 10);
		if (*end || n <= 0)
			cb_fail(&err, CB_EINVALID, "--limit takes a number of rows above 0");
		filter.limit = n > 0 ? (size_t)n : 0;
	}
	if (field && strcmp(field, "responsibility") != 0)
		cb_fail(&err, CB_EINVALID, "--field takes 'responsibility' (lead and co-executors)");
	if (err.code)
		return usage_error(cmd, &err);
	filter.agency = agency;
	filter.author = author;
	filter.responsibility_only = field != NULL;
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (check_filters(&board, NULL, agency, &err) == 0 &&
	    index_log(s->index, &filter, &log, &err) == 0) {
		struct card c;

		/* A removed or broken card keeps its history; only an id never used is an error. */
		if (filter.card && log.n == 0 && index_card(s->index, filter.card, &c, &err) < 0) {
			card_free(&c);
		} else {
			if (filter.card && log.n == 0)
				card_free(&c);
			print_log(&log, format, &out);
			emit(&out);
		}
	}
	log_list_free(&log);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}

static int cmd_log(const struct cli *cli, int argc, char **argv)
{
	return run_log(cli, find_command("log"), argc, argv, false);
}

static int cmd_history(const struct cli *cli, int argc, char **argv)
{
	return run_log(cli, find_command("history"), argc, argv, true);
}

static int cmd_search(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("search");
	const char *format_name = "text";
	struct opt opts[] = {{"format", &format_name, NULL}, {0}};
	struct card_list cards = {0};
	struct cb_error err = {0};
	struct strbuf out = {0}, query = {0};
	struct session *s;
	struct board board;
	enum format format;
	struct args a;
	int status;

	if (parse(cmd, argc, argv, opts, 1, ARGS_MAX_POSITIONAL, &a, &status) < 0)
		return status;
	if (format_parse(format_name, 7, &format) < 0) {
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (text, csv or json)", format_name);
		return usage_error(cmd, &err);
	}
	for (int i = 0; i < a.npos; i++)
		sb_printf(&query, "%s%s", i ? " " : "", a.pos[i]);
	if (with_board(cli, &s, &board) < 0) {
		sb_free(&query);
		return EXIT_FAIL;
	}
	if (index_search(s->index, sb_str(&query), &cards, &err) == 0) {
		print_cards(&cards, &board, format, &out);
		emit(&out);
	}
	card_list_free(&cards);
	board_free(&board);
	session_close(s);
	sb_free(&query);
	return err.code ? fail(&err) : EXIT_OK;
}

/* --- writing ----------------------------------------------------------------------- */

/* Options and arguments of a command whose first argument is a card id. */
static int parse_card_args(const struct command *cmd, int argc, char **argv, const struct opt *opts,
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

static int report_write(struct session *s, int rc, const struct op_result *res,
			const struct cb_error *err, bool print_id)
{
	session_close(s);
	if (rc < 0)
		return fail(err);
	if (print_id)
		printf("%d\n", res->card);
	else if (!res->changed)
		fprintf(stderr, "coboard: nothing to change on #%d\n", res->card);
	return EXIT_OK;
}

static int cmd_add(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("add");
	struct add_args add = {0};
	struct opt opts[] = {{"title", &add.title, NULL},     {"lead", &add.lead, NULL},
			     {"co", &add.co, NULL},           {"column", &add.column, NULL},
			     {"due", &add.due, NULL},         {"label", &add.labels, NULL},
			     {"description", &add.description, NULL},
			     {0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (!add.title)
		cb_fail(&err, CB_EINVALID, "--title is required");
	else if (!add.lead)
		cb_fail(&err, CB_EINVALID, "--lead is required (the agency code that leads)");
	if (err.code)
		return usage_error(cmd, &err);
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_add(s, &add, &res, &err);
	return report_write(s, rc, &res, &err, true);
}

static int cmd_move(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("move");
	const char *before = NULL, *after = NULL, *reason = NULL;
	struct opt opts[] = {{"before", &before, NULL},
			     {"after", &after, NULL},
			     {"reason", &reason, NULL},
			     {0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc, id, before_id = 0, after_id = 0;

	if (parse(cmd, argc, argv, opts, 2, 2, &a, &status) < 0)
		return status;
	if (args_card_id(a.pos[0], &id, &err) < 0 ||
	    (before && args_card_id(before, &before_id, &err) < 0) ||
	    (after && args_card_id(after, &after_id, &err) < 0))
		return usage_error(cmd, &err);
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_move(s, id, a.pos[1], before_id, after_id, reason, &res, &err);
	return report_write(s, rc, &res, &err, false);
}

static int cmd_assign(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("assign");
	const char *lead = NULL, *co = NULL, *reason = NULL;
	struct opt opts[] = {{"lead", &lead, NULL}, {"co", &co, NULL}, {"reason", &reason, NULL}, {0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc, id;

	if (parse_card_args(cmd, argc, argv, opts, 1, &a, &id, &status) < 0)
		return status;
	if (!lead && !co) {
		cb_fail(&err, CB_EINVALID, "give --lead CODE, --co CODE,.. or both");
		return usage_error(cmd, &err);
	}
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_assign(s, id, lead, co, reason, &res, &err);
	return report_write(s, rc, &res, &err, false);
}

static int cmd_edit(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("edit");
	struct edit_args e = {0};
	const char *reason = NULL;
	struct opt opts[] = {{"title", &e.title, NULL},
			     {"due", &e.due, NULL},
			     {"label", &e.labels, NULL},
			     {"description", &e.description, NULL},
			     {"reason", &reason, NULL},
			     {0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc, id;

	if (parse_card_args(cmd, argc, argv, opts, 1, &a, &id, &status) < 0)
		return status;
	if (!e.title && !e.due && !e.labels && !e.description) {
		cb_fail(&err, CB_EINVALID, "give at least one of --title, --due, --label, --description");
		return usage_error(cmd, &err);
	}
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_edit(s, id, &e, reason, &res, &err);
	return report_write(s, rc, &res, &err, false);
}

static int cmd_note(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("note");
	struct opt opts[] = {{0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc, id;

	if (parse_card_args(cmd, argc, argv, opts, 2, &a, &id, &status) < 0)
		return status;
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_note(s, id, a.pos[1], &res, &err);
	return report_write(s, rc, &res, &err, false);
}

static int cmd_archive(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("archive");
	const char *reason = NULL;
	struct opt opts[] = {{"reason", &reason, NULL}, {0}};
	struct op_result res;
	struct cb_error err = {0};
	struct session *s;
	struct args a;
	int status, rc, id;

	if (parse_card_args(cmd, argc, argv, opts, 1, &a, &id, &status) < 0)
		return status;
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_archive(s, id, reason, &res, &err);
	return report_write(s, rc, &res, &err, false);
}

/* --- maintenance ------------------------------------------------------------------- */

/* Compares every card file at the tip with the index and the board's rules. */
static void fsck_cards(struct session *s, const struct board *board, struct strvec *problems,
		       size_t *ncards)
{
	struct cb_error err = {0};
	struct strvec paths = {0};
	struct strbuf text = {0};
	git_oid tip;

	if (repo_tip(s->repo, &tip, &err) < 0 || repo_list_cards(s->repo, &tip, &paths, &err) < 0) {
		sv_push(problems, err.msg);
		return;
	}
	*ncards = 0;
	for (size_t i = 0; i < paths.n; i++) {
		struct card from_git, from_index;
		struct cb_error perr = {0}, ierr = {0};
		struct strbuf msg = {0}, canonical = {0};
		int id = card_id_from_path(paths.v[i]);
		bool found;

		if (!id) {
			sb_printf(&msg, "%s: not a card file name (cards/<id>.card)", paths.v[i]);
			sv_push(problems, sb_str(&msg));
			sb_free(&msg);
			continue;
		}
		sb_reset(&text);
		if (repo_read(s->repo, &tip, paths.v[i], &text, &found, &perr) < 0 ||
		    card_parse(&from_git, sb_str(&text), text.len, &perr) < 0 ||
		    card_validate(&from_git, board, &perr) < 0) {
			sb_printf(&msg, "%s: %s", paths.v[i], perr.msg);
			sv_push(problems, sb_str(&msg));
		} else {
			(*ncards)++;
			card_format(&from_git, &canonical);
			if (strcmp(sb_str(&canonical), sb_str(&text)) != 0) {
				sb_printf(&msg, "%s: not in canonical form (the next change rewrites it)",
					  paths.v[i]);
				sv_push(problems, sb_str(&msg));
			} else if (index_card(s->index, id, &from_index, &ierr) < 0) {
				sb_printf(&msg, "%s: missing from the index; run `coboard reindex`",
					  paths.v[i]);
				sv_push(problems, sb_str(&msg));
				card_free(&from_index);
			} else {
				struct strbuf indexed = {0};
				card_format(&from_index, &indexed);
				if (strcmp(sb_str(&indexed), sb_str(&text)) != 0) {
					sb_printf(&msg, "%s: the index differs from git; run `coboard "
						  "reindex`", paths.v[i]);
					sv_push(problems, sb_str(&msg));
				}
				sb_free(&indexed);
				card_free(&from_index);
			}
		}
		card_free(&from_git);
		sb_free(&msg);
		sb_free(&canonical);
	}
	sv_free(&paths);
	sb_free(&text);
}

static int cmd_fsck(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("fsck");
	struct opt opts[] = {{0}};
	struct strvec problems = {0};
	struct card_list cards = {0};
	struct card_filter all = {.archived = true};
	struct cb_error err = {0};
	struct strbuf conf = {0};
	struct session *s;
	struct board board = {0};
	struct args a;
	size_t ncards = 0;
	git_oid tip;
	bool found = false;
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	/* Under the writer lock, so a write in progress elsewhere cannot make git and the
	 * index look apart. */
	if (index_begin_write(s->index, &err) < 0 || index_sync(s->index, NULL, NULL, &err) < 0) {
		fail(&err);
		session_close(s);
		return EXIT_FAIL;
	}
	if (index_check(s->index, &problems, &err) < 0)
		sv_push(&problems, err.msg);
	cb_error_clear(&err);
	if (repo_tip(s->repo, &tip, &err) < 0 ||
	    repo_read(s->repo, &tip, "board.conf", &conf, &found, &err) < 0 || !found ||
	    board_parse(&board, sb_str(&conf), conf.len, &err) < 0) {
		struct strbuf msg = {0};
		sb_printf(&msg, "board.conf: %s", found ? err.msg : "missing");
		sv_push(&problems, sb_str(&msg));
		sb_free(&msg);
	} else {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &tip);
		if (strcmp(hex, index_tip(s->index)) != 0)
			sv_push(&problems, "the index is behind the branch; run `coboard reindex`");
		fsck_cards(s, &board, &problems, &ncards);
		if (index_cards(s->index, &board, &all, &cards, &err) == 0 && cards.n != ncards) {
			struct strbuf msg = {0};
			sb_printf(&msg, "the index lists %zu cards, git holds %zu valid ones", cards.n,
				  ncards);
			sv_push(&problems, sb_str(&msg));
			sb_free(&msg);
		}
	}
	for (size_t i = 0; i < problems.n; i++)
		cli_error("fsck: %s", problems.v[i]);
	if (problems.n == 0)
		printf("fsck: ok, %zu cards at %.7s\n", ncards, index_tip(s->index));
	status = problems.n ? EXIT_FAIL : EXIT_OK;
	index_commit(s->index, &err); /* keeps the sync made above */
	sv_free(&problems);
	card_list_free(&cards);
	board_free(&board);
	sb_free(&conf);
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

static int cmd_reindex(const struct cli *cli, int argc, char **argv)
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

struct member_change {
	const char *login, *role, *agency, *name, *email, *key;
	bool must_exist, must_be_new;
};

static int apply_member(struct board *board, void *arg, struct cb_error *err)
{
	const struct member_change *c = arg;
	const struct member *old = board_member(board, c->login);
	struct member m = {0};

	if (c->must_be_new && old)
		return cb_fail(err, CB_EINVALID, "%s is already a member; use `coboard member set`",
			       c->login);
	if (c->must_exist && !old)
		return cb_fail(err, CB_ENOTFOUND, "%s is not a member; use `coboard member add`",
			       c->login);
	m.login = (char *)c->login;
	m.role = old ? old->role : ROLE_VIEWER;
	if (c->role && role_parse(c->role, &m.role) < 0)
		return cb_fail(err, CB_EINVALID,
			       "unknown role '%s' (viewer, member, secretary, admin)", c->role);
	m.agency = (char *)(c->agency ? c->agency : old ? old->agency : "");
	m.name = (char *)(c->name ? c->name : old ? old->name : c->login);
	m.email = (char *)(c->email ? c->email : old ? old->email : "");
	m.key = (char *)(c->key ? c->key : old ? old->key : "");
	if (m.role == ROLE_MEMBER && str_empty(m.agency))
		return cb_fail(err, CB_EINVALID,
			       "a member with the role 'member' needs --agency: it edits that agency's "
			       "cards");
	board_set_member(board, &m);
	return 0;
}

static int apply_member_remove(struct board *board, void *arg, struct cb_error *err)
{
	const char *login = arg;

	if (!board_remove_member(board, login))
		return cb_fail(err, CB_ENOTFOUND, "%s is not a member", login);
	for (size_t i = 0; i < board->nmembers; i++)
		if (board->members[i].role == ROLE_ADMIN)
			return 0;
	return cb_fail(err, CB_EINVALID, "%s is the last admin; make someone else admin first",
		       login);
}

static int cmd_member(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("member");
	struct member_change c = {0};
	struct opt opts[] = {{"role", &c.role, NULL},   {"agency", &c.agency, NULL},
			     {"name", &c.name, NULL},   {"email", &c.email, NULL},
			     {"key", &c.key, NULL},     {0}};
	struct cb_error err = {0};
	struct strbuf subject = {0};
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
	if (strcmp(verb, "add") == 0) {
		if (!c.role) {
			cb_fail(&err, CB_EINVALID, "--role is required for member add");
			return usage_error(cmd, &err);
		}
		c.must_be_new = true;
		sb_printf(&subject, "Add member %s as %s", c.login, c.role);
	} else if (strcmp(verb, "set") == 0) {
		c.must_exist = true;
		sb_printf(&subject, "Change member %s%s%s", c.login, c.role ? " to " : "",
			  c.role ? c.role : "");
	} else if (strcmp(verb, "remove") == 0) {
		sb_printf(&subject, "Remove member %s", c.login);
	} else {
		cb_fail(&err, CB_EINVALID, "unknown member command '%s' (add, set, remove, list)", verb);
		return usage_error(cmd, &err);
	}
	if (cli_open_session(cli, &s) < 0) {
		sb_free(&subject);
		return EXIT_FAIL;
	}
	if (strcmp(verb, "remove") == 0)
		rc = ops_edit_board(s, apply_member_remove, (void *)c.login, sb_str(&subject),
				    "member", &res, &err);
	else
		rc = ops_edit_board(s, apply_member, &c, sb_str(&subject), "member", &res, &err);
	sb_free(&subject);
	session_close(s);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

/* --- serving over SSH ------------------------------------------------------------ */

static bool safe_for_authorized_keys(const char *s)
{
	return !strpbrk(s, "\"\\\n");
}

static int cmd_admin(const struct cli *cli, int argc, char **argv)
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
	ssize_t n;

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
	if (!command_path) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		exe[n > 0 ? n : 0] = '\0';
		command_path = exe;
	}
	if (!realpath(s->board_path, board_path))
		snprintf(board_path, sizeof(board_path), "%s", s->board_path);
	if (!safe_for_authorized_keys(command_path) || !safe_for_authorized_keys(board_path)) {
		cli_error("the program or board path contains a quote or backslash; move it");
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
		printf("restrict,pty,command=\"%s --board %s --user %s --restricted\" %s\n",
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
