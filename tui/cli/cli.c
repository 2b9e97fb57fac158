#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "ops.h"
#include "session.h"
#include "command.h"
#include "print.h"
#include "text.h"

/* --- the driver ----------------------------------------------------------------------- */

/* The index of option name in the command's option list, -1 when it has none such. */
static int option_index(const struct command *def, const char *name, bool *takes_value)
{
	const char *p = def->options;
	size_t len = strlen(name);

	for (int i = 0; *p; i++) {
		size_t n = strcspn(p, " ");
		bool value = n && p[n - 1] == '=';

		if (n - value == len && strncmp(p, name, len) == 0) {
			if (takes_value)
				*takes_value = value;
			return i;
		}
		p += n;
		p += strspn(p, " ");
	}
	return -1;
}

static int option_slot(const struct cmd *c, const char *name, bool value)
{
	bool takes_value = false;
	int i = option_index(c->def, name, &takes_value);

	/* Asking for an option the table does not give the command is a slip in this program. */
	if (i < 0 || takes_value != value) {
		fprintf(stderr, UNTRANSLATED("coboard: internal error: '%s' has no %s '%s'\n"),
			c->def->name, value ? "option" : "flag", name);
		abort();
	}
	return i;
}

const char *opt(const struct cmd *c, const char *name)
{
	return c->value[option_slot(c, name, true)];
}

bool flag(const struct cmd *c, const char *name)
{
	return c->flag[option_slot(c, name, false)];
}

void join_args(const struct cmd *c, int first, struct strbuf *out)
{
	for (int i = first; i < c->a.npos; i++)
		sb_printf(out, "%s%s", i > first ? " " : "", c->a.pos[i]);
}

int usage_fail(struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof(c->err.msg), gettext(fmt), ap);
	va_end(ap);
	c->err.code = CB_EINVALID;
	c->usage = true;
	return -1;
}

static const char *const format_names[] = {
	[FORMAT_TEXT] = "text", [FORMAT_MD] = "md", [FORMAT_CSV] = "csv", [FORMAT_JSON] = "json",
	[FORMAT_HTML] = "html"};

/* "text, csv or json": the formats a command accepts, in the order people know them. */
static void format_choices(unsigned allowed, struct strbuf *out)
{
	static const enum format order[] = {FORMAT_TEXT, FORMAT_MD, FORMAT_CSV, FORMAT_JSON,
					    FORMAT_HTML};
	int total = __builtin_popcount(allowed), shown = 0;

	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		if (!(allowed & (1u << order[i])))
			continue;
		/* TRANSLATORS: before the last of a list of formats: "text, csv or json". */
		sb_puts(out, shown == 0 ? "" : shown + 1 == total ? _(" or ") : ", ");
		sb_puts(out, format_names[order[i]]);
		shown++;
	}
}

/* Options, positional arguments, the card id and the format, as the table describes them. */
static int parse_arguments(struct cmd *c, int argc, char **argv)
{
	const struct command *def = c->def;
	struct opt opts[CMD_MAX_OPTIONS + 2] = {{0}};
	const char *format_name = NULL;
	char names[CMD_MAX_OPTIONS][32];
	const char *p = def->options;
	int n = 0;

	while (*p && n < CMD_MAX_OPTIONS) {
		size_t len = strcspn(p, " ");
		bool value = len && p[len - 1] == '=';

		snprintf(names[n], sizeof(names[n]), "%.*s", (int)(len - value), p);
		opts[n] = value ? (struct opt){names[n], &c->value[n], NULL}
				: (struct opt){names[n], NULL, &c->flag[n]};
		n++;
		p += len;
		p += strspn(p, " ");
	}
	if (def->formats)
		opts[n++] = (struct opt){"format", &format_name, NULL};
	if (args_parse(argc - 1, argv + 1, opts, def->min_args, def->max_args, &c->a, &c->err) < 0) {
		c->usage = true;
		return -1;
	}
	if (c->a.help)
		return 0;
	if ((def->flags & CMD_CARD) && c->a.npos && args_card_id(c->a.pos[0], &c->id, &c->err) < 0) {
		c->usage = true;
		return -1;
	}
	if (def->formats) {
		enum format f = def->formats & (1u << FORMAT_TEXT) ? FORMAT_TEXT : FORMAT_MD;

		if (format_name && format_parse(format_name, def->formats, &f) < 0) {
			struct strbuf choices = {0};

			format_choices(def->formats, &choices);
			usage_fail(c, "unknown format '%s' (%s)", format_name, sb_str(&choices));
			sb_free(&choices);
			return -1;
		}
		c->format = f;
	}
	return 0;
}

static int open_for_command(struct cmd *c)
{
	struct board_choice opened = *c->cli;

	if (c->def->flags & CMD_NO_SYNC)
		opened.no_sync = true;
	if (open_board(&opened, &c->s) < 0) {
		c->s = NULL;
		return -1;
	}
	if ((c->def->flags & CMD_BOARD) && index_board(c->s->index, &c->board, &c->err) < 0)
		return -1;
	return 0;
}

/* Parse, check, open, run, print, free: every command's life, written once. */
static int run_command(const struct board_choice *cli, const struct command *def, int argc, char **argv)
{
	struct cmd c = {.cli = cli, .def = def};
	bool opened = def->flags & (CMD_SESSION | CMD_BOARD);
	int rc, status;

	if (cli->restricted && (def->flags & CMD_LOCAL)) {
		say_error("'%s' is not available over this connection", def->name);
		return EXIT_FAIL;
	}
	/* Titles are cut to fit a screen; in a file or a pipe nothing is cut, unless COLUMNS
	 * says how wide the reader is. */
	print_cut_titles(isatty(STDOUT_FILENO) || getenv("COLUMNS"));
	rc = parse_arguments(&c, argc, argv);
	if (rc == 0 && c.a.help) {
		printf(_("usage: coboard %s\n\n%s\n"), def->usage, _(def->summary));
		return EXIT_OK;
	}
	if (rc == 0 && def->check)
		rc = def->check(&c);
	if (rc < 0) {
		c.usage = true;
	} else if (opened && open_for_command(&c) < 0) {
		rc = -1;
	} else {
		rc = def->run(&c);
	}
	if (rc == 0)
		fwrite(sb_str(&c.out), 1, c.out.len, stdout);
	else if (c.usage)
		say_error("%s: %s", def->name, c.err.msg);
	else if (c.err.code)
		say_error("%s", c.err.msg);
	if (rc < 0 && c.usage)
		fprintf(stderr, _("usage: coboard %s\n"), def->usage);
	status = rc < 0 ? (c.usage ? EXIT_USAGE : EXIT_FAIL) : c.status;
	sb_free(&c.out);
	board_free(&c.board);
	if (c.s)
		session_close(c.s);
	return status;
}

bool cli_is_read_command(const char *name)
{
	const struct command *cmd = find_command(name);

	return cmd && (cmd->flags & CMD_READS) && !(cmd->flags & CMD_LOCAL);
}

void cli_read_commands(struct strbuf *out)
{
	for (size_t i = 0; i < command_count; i++)
		if (cli_is_read_command(command_table[i].name))
			sb_printf(out, "%s%s", out->len ? ", " : "", command_table[i].name);
}

void cli_usage(void)
{
	printf(_("usage: coboard [--board PATH] [--user NAME] [COMMAND [ARGS]]\n\n"
		 "Without a command, opens the board full-screen.\n\nCommands:\n"));
	for (size_t i = 0; i < command_count; i++)
		printf("  %s\n", command_table[i].usage);
	fputs(_("\n`coboard COMMAND --help` describes a command. Exit status: 0 success, 1 failure,\n"
		"2 usage error. The board defaults to $COBOARD_BOARD, else\n"
		"$XDG_DATA_HOME/coboard/default.git (~/.local/share/coboard/default.git).\n"),
	      stdout);
}

int cli_run(const struct board_choice *cli, int argc, char **argv)
{
	const struct command *cmd = find_command(argv[0]);

	if (!cmd) {
		say_error("unknown command '%s'; `coboard --help` lists them", argv[0]);
		return EXIT_USAGE;
	}
	return run_command(cli, cmd, argc, argv);
}
