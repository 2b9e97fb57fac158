/* coboard(1), written from the tables the program itself runs on (the commands, the keys of
 * each view, the environment it reads), so the manual cannot drift from the program. */
#include "man.h"

#include <string.h>

#include "command.h"
#include "keymap.h"

#ifndef COBOARD_VERSION
#define COBOARD_VERSION "dev"
#endif

const struct man_variable man_environment[] = {
	{"COBOARD_BOARD", "The board used when --board is not given."},
	{"COBOARD_LOCK_TIMEOUT", "Milliseconds a writer waits for another (default 10000)."},
	{"COBOARD_TODAY", "A YYYY-MM-DD taken as today for due dates (tests, demonstrations)."},
	{"COBOARD_FAULT", "Fault injection for tests: after-commit dies between the git commit and "
			  "the index update, before-tag between the minutes' commit and their tag."},
	{"COBOARD_NO_PACK", "Set to 1: never start the background packer."},
	{"COBOARD_SCREEN, COBOARD_KEYS", "Tests: draw on a screen of COLSxLINES that no terminal "
					 "shows, read the keys from COBOARD_KEYS and print the "
					 "screen as text when they run out."},
	{"GIT_SSH_COMMAND", "How sync reaches another office's server (default: ssh -o "
			    "BatchMode=yes, so a missing key is an error, never a prompt)."},
	{"NO_COLOR", "No colours in the app."},
	{"VISUAL, EDITOR", "The editor Ctrl-E hands a description, note or report to; the app's own editor needs neither."},
	{"XDG_DATA_HOME", "Where the default board lives (default ~/.local/share)."},
};
const size_t man_environment_count = sizeof(man_environment) / sizeof(*man_environment);

/* Text as roff reads it literally: backslashes and hyphens escaped, no line starting a
 * request. */
static void roff(const char *text, struct strbuf *out)
{
	bool line_start = out->len == 0 || out->buf[out->len - 1] == '\n';

	for (const char *p = text; *p; p++) {
		if (line_start && (*p == '.' || *p == '\''))
			sb_puts(out, "\\&");
		line_start = *p == '\n';
		if (*p == '\\')
			sb_puts(out, "\\e");
		else if (*p == '-')
			sb_puts(out, "\\-");
		else
			sb_putc(out, *p);
	}
}

static void section(const char *name, struct strbuf *out)
{
	sb_printf(out, ".SH %s\n", name);
}

static void paragraph(const char *text, struct strbuf *out)
{
	sb_puts(out, ".PP\n");
	roff(text, out);
	sb_putc(out, '\n');
}

static void item(const char *term, const char *text, struct strbuf *out)
{
	sb_puts(out, ".TP\n.B ");
	roff(term, out);
	sb_putc(out, '\n');
	roff(text, out);
	sb_putc(out, '\n');
}

static void commands(struct strbuf *out)
{
	section("COMMANDS", out);
	for (size_t i = 0; i < command_count; i++) {
		const struct command *c = &command_table[i];
		struct strbuf summary = {0};

		/* The --help text is wrapped for a terminal; the manual wraps itself. */
		for (const char *p = c->summary; *p; p++)
			sb_putc(&summary, *p == '\n' ? ' ' : *p);
		item(c->usage, sb_str(&summary), out);
		sb_free(&summary);
	}
}

static void keys(struct strbuf *out)
{
	section("KEYS", out);
	paragraph("coboard with no command opens the board full-screen. Each view has its own "
		  "keys, in front of the ones that work everywhere.", out);
	for (unsigned m = 0; m < keymap_count; m++) {
		const struct keymap *map = keymaps[m];

		sb_puts(out, ".SS ");
		roff(map->title, out);
		sb_putc(out, '\n');
		for (unsigned i = 0; i < map->n; i++) {
			char names[96];

			keymap_describe(&map->v[i], names, sizeof(names));
			if (names[0])
				item(names, map->v[i].help, out);
		}
	}
}

static void files(struct strbuf *out)
{
	section("FILES", out);
	item("BOARD/", "A bare git repository: refs/heads/main holds board.conf, cards/ID.card, the "
	     "minutes in meetings/ and .gitattributes. Every change is one commit by the member "
	     "who made it.", out);
	item("BOARD/board.conf", "The title, the columns, the agencies (each with its Russian and "
	     "Kazakh names where given: title-ru, column-kk, agency-ru, ...), the members with "
	     "their roles and keys, and the sites of a board shared between offices.", out);
	item("BOARD/coboard/index.sqlite", "The index (SQLite, WAL): nothing git does not hold; "
	     "deleted, it is rebuilt by the next command.", out);
	item("BOARD/coboard-sync/NAME", "When the board last synced with the remote NAME.", out);
	item("~/.local/share/coboard/default.git", "The default board, made from the shipped "
	     "Children of Kazakhstan board on first use.", out);
}

/* A block shown as typed (a file's lines, a shell session), each line roff-escaped. */
static void example(const char *lines, struct strbuf *out)
{
	sb_puts(out, ".PP\n.nf\n.RS 4\n");
	roff(lines, out);
	sb_puts(out, "\n.RE\n.fi\n");
}

static void card_file(struct strbuf *out)
{
	section("CARD FILE", out);
	paragraph("Each card is a text file, cards/FOLDER/ID.card, in the branch main: header lines "
		  "\"field: value\", a blank line, the description, then each note after a line "
		  "\"--- note TIME AUTHOR\". Steps of execution control (reports, requests, decisions) "
		  "and values a merge set aside follow in sections of their own. Plain git reads and "
		  "diffs it; a push is checked by the same rules as a command.", out);
	example("title: Form the register of facilities\n"
		"column: todo\n"
		"rank: V\n"
		"lead: MOH\n"
		"co: MOE, MIA\n"
		"due: 2026-01-30\n"
		"labels: safety\n"
		"archived: no\n"
		"\n"
		"The register covers schools and camps.\n"
		"\n"
		"--- note 2026-01-12T09:30:00Z sec\n"
		"Asked MOE for the list of camps.",
		out);
}

static void roles(struct strbuf *out)
{
	section("ROLES", out);
	paragraph("Roles are given in board.conf and accepted by this office's admins "
		  "(coboard authority); the model enforces them, so every front end refuses the same "
		  "things with the same words.", out);
	item("viewer", "Reads the board and its history; a login not listed gets the board's "
	     "default-role.", out);
	item("member", "Works on the cards its agency leads or co-executes and adds cards its agency "
	     "leads; reports and asks (submit, extend, dispute), never moves an item into review or "
	     "Done, sets a deadline or changes the lead or co-executors.", out);
	item("secretary", "The coordinator's office: edits every card, decides reports and "
	     "requests (accept, return, grant, refuse), runs meetings.", out);
	item("admin", "Also changes board.conf: members, roles, agencies, sites.", out);
	item("sync", "Another office's server: its key fetches and pushes the board and nothing "
	     "else.", out);
}

static void languages_and_dates(struct strbuf *out)
{
	section("LANGUAGES", out);
	paragraph("Messages, the app, --help, the minutes and the reports speak English, Russian or "
		  "Kazakh, chosen by the locale (LANG, LC_ALL, LC_MESSAGES) or by the member's own "
		  "language in board.conf (coboard member set LOGIN --language en|ru|kk), which wins "
		  "over the server's locale over SSH. CSV headers, JSON keys, commit messages and card "
		  "files stay the same in every language.", out);
	section("DATES", out);
	paragraph("A date is typed as YYYY-MM-DD or DD.MM.YYYY and shown as the language writes it "
		  "(31.12.2026 in Russian and Kazakh); CSV, JSON and git keep YYYY-MM-DD. A deadline "
		  "may be relative: +10d (days), +5wd (working days), +2m (months), urgent (3 days) or "
		  "operational (10 days), counted from today or, during a meeting, from the meeting's "
		  "day. A deadline that falls on a day off (board.conf day-off lines, and weekends "
		  "unless listed as work-day) moves to the working day before, and the command says "
		  "so. none clears a deadline.", out);
}

static void examples(struct strbuf *out)
{
	section("EXAMPLES", out);
	paragraph("Add an instruction with a lead, a co-executor and a deadline two months out:", out);
	example("coboard add --title \"Form the register\" --lead MOH --co MOE --due +2m", out);
	paragraph("The lead agency reports; the coordinator accepts the report, which takes the item "
		  "off control:", out);
	example("coboard submit 12 \"The register is formed\"\n"
		"coboard requests\n"
		"coboard accept 12", out);
	paragraph("A meeting, its minutes committed and tagged at the end:", out);
	example("coboard meeting start \"Weekly coordination\"\n"
		"coboard move 7 \"In progress\"\n"
		"coboard meeting end", out);
	paragraph("What changed since last week, the board as it stood before the last meeting, and "
		  "a report page to print:", out);
	example("coboard changes --since 2026-01-05\n"
		"coboard board --at before-last-meeting\n"
		"coboard report --format html > report.html", out);
}

void man_page(struct strbuf *out)
{
	sb_printf(out, ".TH COBOARD 1 \"\" \"coboard %s\" \"User Commands\"\n", COBOARD_VERSION);
	section("NAME", out);
	sb_puts(out, "coboard \\- a terminal kanban board for interagency coordination, kept in git\n");
	section("SYNOPSIS", out);
	sb_puts(out, ".B coboard\n[\\fB\\-\\-board\\fR \\fIPATH\\fR] [\\fB\\-\\-user\\fR \\fINAME\\fR] "
		     "[\\fICOMMAND\\fR [\\fIARGS\\fR]]\n");
	section("DESCRIPTION", out);
	paragraph("coboard keeps a board of instructions (cards) in columns by the state of work, with "
		  "the lead agency, the co-executors and the deadline of each. The board lives in a "
		  "git repository: every change is one commit by the person who made it. A SQLite "
		  "index beside it makes every view instant and is rebuilt from git at any time. "
		  "Without a command, coboard opens the board full-screen; with one, it runs it and "
		  "exits.", out);
	section("OPTIONS", out);
	item("--board PATH", "The board (default: $COBOARD_BOARD, else the default board).", out);
	item("--user NAME", "Act as the member NAME: believed only from the board's owner and "
	     "root.", out);
	item("--restricted", "For a forced SSH command: no shell, no editor, no path from the "
	     "user; the app, the read commands, or git's transport for a sync key.", out);
	item("--help", "The commands; COMMAND --help describes one.", out);
	item("--version", "The version.", out);
	commands(out);
	keys(out);
	card_file(out);
	roles(out);
	languages_and_dates(out);
	files(out);
	section("ENVIRONMENT", out);
	for (size_t i = 0; i < man_environment_count; i++)
		item(man_environment[i].name, man_environment[i].meaning, out);
	section("EXIT STATUS", out);
	paragraph("0 success, 1 failure, 2 usage error.", out);
	examples(out);
	section("SEE ALSO", out);
	sb_puts(out, ".BR git (1),\n.BR ssh (1),\n.BR sshd (8)\n");
}
