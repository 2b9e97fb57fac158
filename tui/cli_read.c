/* The commands that read: board, list, show, log, history, search. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/asof.h"
#include "../model/date.h"
#include "../model/ops.h"
#include "../model/session.h"
#include "../model/slippage.h"
#include "args.h"
#include "cli_util.h"
#include "print.h"
#include "text.h"

/* --- reading ----------------------------------------------------------------------- */


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

int cmd_board(const struct cli *cli, int argc, char **argv)
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

int cmd_list(const struct cli *cli, int argc, char **argv)
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
	if (parse_format(cmd, format_name, 7, &format, &status) < 0)
		return status;
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

int cmd_show(const struct cli *cli, int argc, char **argv)
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

	if (parse_card_args(cmd, argc, argv, opts, 1, &a, &id, &status) < 0 ||
	    parse_format(cmd, format_name, 5, &format, &status) < 0)
		return status;
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
			print_slippage(&sl, &out);
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
	if (!date_valid(s))
		return cb_fail(err, CB_EINVALID, "'%s' is not a real date; write it as YYYY-MM-DD", s);
	*epoch = date_day_start(s);
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

int cmd_log(const struct cli *cli, int argc, char **argv)
{
	return run_log(cli, find_command("log"), argc, argv, false);
}

int cmd_history(const struct cli *cli, int argc, char **argv)
{
	return run_log(cli, find_command("history"), argc, argv, true);
}

int cmd_search(const struct cli *cli, int argc, char **argv)
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
	if (parse_format(cmd, format_name, 7, &format, &status) < 0)
		return status;
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
