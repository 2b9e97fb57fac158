/* What the subcommand files share: the command table entry and the helpers every command
 * uses to parse its options, open the board and report. */
#ifndef COBOARD_CLI_UTIL_H
#define COBOARD_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "../model/board.h"
#include "../model/session.h"
#include "../model/strbuf.h"
#include "args.h"
#include "cli.h"

struct command {
	const char *name;
	int (*run)(const struct cli *cli, int argc, char **argv);
	const char *usage;
	const char *summary;
	bool reads_only;
};

const struct command *find_command(const char *name);

/* Writes out to stdout and empties it. */
void emit(struct strbuf *out);
/* Prints a usage error with the command's usage; returns EXIT_USAGE. */
int usage_error(const struct command *cmd, const struct cb_error *err);
/* Prints err; returns EXIT_FAIL. */
int fail(const struct cb_error *err);
/* Parses options; returns -1 when the command must stop (help shown or a usage error), with
 * *status set. */
int parse(const struct command *cmd, int argc, char **argv, const struct opt *opts, int min_pos,
	  int max_pos, struct args *a, int *status);
/* Options and arguments of a command whose first positional argument is a card id (npos
 * positional arguments in all); -1 with *status set when the command must stop. */
int parse_card_args(const struct command *cmd, int argc, char **argv, const struct opt *opts,
		    int npos, struct args *a, int *id, int *status);
/* --format among the allowed formats (a mask of 1 << FORMAT_*); -1 with a usage error. */
enum format;
int parse_format(const struct command *cmd, const char *name, unsigned allowed,
		 enum format *format, int *status);
/* Opens the board and reads board.conf; prints the error itself. */
int with_board(const struct cli *cli, struct session **s, struct board *board);

/* The commands, one file per family (cli_read.c, cli_write.c, cli_admin.c, cli_history.c,
 * cli_report.c), gathered in the table in cli.c. */
int cmd_init(const struct cli *cli, int argc, char **argv);
int cmd_board(const struct cli *cli, int argc, char **argv);
int cmd_list(const struct cli *cli, int argc, char **argv);
int cmd_show(const struct cli *cli, int argc, char **argv);
int cmd_log(const struct cli *cli, int argc, char **argv);
int cmd_history(const struct cli *cli, int argc, char **argv);
int cmd_search(const struct cli *cli, int argc, char **argv);
int cmd_add(const struct cli *cli, int argc, char **argv);
int cmd_move(const struct cli *cli, int argc, char **argv);
int cmd_assign(const struct cli *cli, int argc, char **argv);
int cmd_edit(const struct cli *cli, int argc, char **argv);
int cmd_note(const struct cli *cli, int argc, char **argv);
int cmd_archive(const struct cli *cli, int argc, char **argv);
int cmd_member(const struct cli *cli, int argc, char **argv);
int cmd_admin(const struct cli *cli, int argc, char **argv);
int cmd_fsck(const struct cli *cli, int argc, char **argv);
int cmd_reindex(const struct cli *cli, int argc, char **argv);
int cmd_hook(const struct cli *cli, int argc, char **argv);

/* The acting login for the board at board_path (see session_acting_login); NULL, with the
 * reason printed, when --user is refused. Caller frees. */
char *acting_login(const struct cli *cli, const char *board_path);

/* The shipped board's files, for init and the default board. */
struct file_update;
const struct file_update *shipped_files(size_t *n);

/* The history and meeting commands (cli_history.c), spliced into the table. */
int cmd_blame(const struct cli *cli, int argc, char **argv);
int cmd_revert(const struct cli *cli, int argc, char **argv);
int cmd_meeting(const struct cli *cli, int argc, char **argv);
int cmd_changes(const struct cli *cli, int argc, char **argv);
int cmd_report(const struct cli *cli, int argc, char **argv);

#define HISTORY_COMMANDS                                                                        \
	{"blame", cmd_blame, "blame ID [--format text|json]",                                  \
	 "For each field of a card, the change that set its current value: who, when, commit.", \
	 true},                                                                                 \
	{"revert", cmd_revert, "revert COMMIT [--force]",                                      \
	 "A new commit restoring the fields COMMIT changed. Refuses when a later change\n"      \
	 "touched one of them (naming it), unless --force.",                                    \
	 false},                                                                                \
	{"meeting", cmd_meeting, "meeting start [TITLE] | meeting end | meeting status",       \
	 "Mark a meeting. Ending it commits minutes to meetings/YYYY-MM-DD[-N].md (every\n"     \
	 "change during it, grouped by agency, and the secretary's notes as decisions) and\n"  \
	 "tags that commit meeting/YYYY-MM-DD[-N].",                                            \
	 false},                                                                                \
	{"changes", cmd_changes,                                                               \
	 "changes --since last-meeting|YYYY-MM-DD|COMMIT [--format text|json]",                \
	 "What changed since then, grouped by agency: new cards, moves, reassignments,\n"      \
	 "deadlines changed, now overdue.",                                                     \
	 true},                                                                                 \
	{"report", cmd_report,                                                                 \
	 "report [--agency CODE] [--since YYYY-MM-DD] [--format md|csv|json]",                 \
	 "Per agency: cards by column, overdue items, deadlines in the next two weeks,\n"      \
	 "deadline slippage and responsibility changes since --since (default: 30 days ago).",  \
	 true},
#endif
