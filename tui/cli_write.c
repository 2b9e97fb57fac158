/* The commands that change cards: add, move, assign, edit, note, archive. */
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

/* --- writing ----------------------------------------------------------------------- */

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

int cmd_add(const struct cli *cli, int argc, char **argv)
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

int cmd_move(const struct cli *cli, int argc, char **argv)
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

int cmd_assign(const struct cli *cli, int argc, char **argv)
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

int cmd_edit(const struct cli *cli, int argc, char **argv)
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

int cmd_note(const struct cli *cli, int argc, char **argv)
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

int cmd_archive(const struct cli *cli, int argc, char **argv)
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
