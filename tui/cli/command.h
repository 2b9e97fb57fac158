/* The CLI's commands: one table (command_table.c) says for each what it takes and what it
 * needs, and one driver (cli.c) parses the arguments, opens the board, runs the command,
 * prints its output or its error once, and turns the outcome into the exit status. A
 * command's own function is then the model call and the printer call, nothing else. */
#ifndef COBOARD_COMMAND_H
#define COBOARD_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "session.h"
#include "strbuf.h"
#include "args.h"
#include "open.h"
#include "print.h"

enum command_flags {
	CMD_READS = 1 << 0,     /* only reads: allowed as SSH_ORIGINAL_COMMAND */
	CMD_CARD = 1 << 1,      /* the first argument is a card id, parsed into cmd->id */
	CMD_SESSION = 1 << 2,   /* opens the board before running */
	CMD_BOARD = 1 << 3,     /* ... and reads board.conf into cmd->board */
	CMD_NO_SYNC = 1 << 4,   /* opens the board without bringing the index up to date */
	CMD_LOCAL = 1 << 5,     /* takes paths or prints keys: refused over a restricted SSH key */
};

enum { CMD_MAX_OPTIONS = 12 };

struct cmd;

struct command {
	const char *name;
	/* Checks the arguments before the board is opened: a failure is a usage error. */
	int (*check)(struct cmd *c);
	/* The work: 0, or -1 with c->err set. Output goes to c->out. */
	int (*run)(struct cmd *c);
	const char *usage;
	const char *summary;
	unsigned flags;
	int min_args, max_args;
	/* Option names separated by spaces; a name ending in '=' takes a value. */
	const char *options;
	/* The --format values accepted (a mask of 1 << FORMAT_*), the first being the default;
	 * 0 for a command without --format. */
	unsigned formats;
};

/* One run of one command. */
struct cmd {
	const struct board_choice *cli;
	const struct command *def;
	struct args a;
	const char *value[CMD_MAX_OPTIONS];
	bool flag[CMD_MAX_OPTIONS];
	int id;               /* with CMD_CARD */
	enum format format;   /* with formats */
	struct session *s;    /* with CMD_SESSION or CMD_BOARD */
	struct board board;   /* with CMD_BOARD */
	struct strbuf out;    /* printed to stdout when the command succeeds */
	struct cb_error err;  /* printed once when it fails */
	bool usage;           /* err is a usage error (exit status 2) */
	int status;           /* the exit status of a command that succeeded but reports failure */
};

extern const struct command command_table[];
extern const size_t command_count;

const struct command *find_command(const char *name);

/* The value of option name ("title"), NULL when not given. */
const char *opt(const struct cmd *c, const char *name);
/* Whether flag name ("force") was given. */
bool flag(const struct cmd *c, const char *name);
/* The positional arguments from the first'th on, joined with spaces. */
void join_args(const struct cmd *c, int first, struct strbuf *out);
/* A usage error from check or run: printed with the command's usage, exit status 2. */
int usage_fail(struct cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The commands, one file per family. */
/* cli_read.c */
int cmd_board(struct cmd *c);
int cmd_list(struct cmd *c);
int cmd_show(struct cmd *c);
int check_log(struct cmd *c);
int cmd_log(struct cmd *c);
int cmd_search(struct cmd *c);
/* cli_write.c */
/* What a write says: the commit's subject and id (add: the new id), or that nothing changed. */
struct op_result;
int report_write(struct cmd *c, int rc, const struct op_result *res);
int check_add(struct cmd *c);
int cmd_add(struct cmd *c);
int check_move(struct cmd *c);
int cmd_move(struct cmd *c);
int check_assign(struct cmd *c);
int cmd_assign(struct cmd *c);
int check_edit(struct cmd *c);
int cmd_edit(struct cmd *c);
int cmd_note(struct cmd *c);
int cmd_archive(struct cmd *c);
/* cli_control.c */
int cmd_submit(struct cmd *c);
int cmd_accept(struct cmd *c);
int cmd_return(struct cmd *c);
int check_extend(struct cmd *c);
int cmd_extend(struct cmd *c);
int check_dispute(struct cmd *c);
int cmd_dispute(struct cmd *c);
int cmd_requests(struct cmd *c);
int check_decide(struct cmd *c);
int cmd_grant(struct cmd *c);
int cmd_refuse(struct cmd *c);
int check_remind(struct cmd *c);
int cmd_remind(struct cmd *c);
/* cli_import.c */
int cmd_import(struct cmd *c);
/* cli_history.c */
int cmd_blame(struct cmd *c);
int cmd_revert(struct cmd *c);
int check_meeting(struct cmd *c);
int cmd_meeting(struct cmd *c);
int check_changes(struct cmd *c);
int cmd_changes(struct cmd *c);
int check_report(struct cmd *c);
int cmd_report(struct cmd *c);
/* cli_admin.c */
int cmd_init(struct cmd *c);
int cmd_fsck(struct cmd *c);
int cmd_reindex(struct cmd *c);
int check_member(struct cmd *c);
int cmd_member(struct cmd *c);
int check_admin(struct cmd *c);
int cmd_admin(struct cmd *c);
int check_authority(struct cmd *c);
int cmd_authority(struct cmd *c);
int check_hook(struct cmd *c);
int cmd_hook(struct cmd *c);
/* cli_sync.c */
int check_remote(struct cmd *c);
int cmd_remote(struct cmd *c);
int check_sync(struct cmd *c);
int cmd_sync(struct cmd *c);
int cmd_site(struct cmd *c);
int check_conflicts(struct cmd *c);
int cmd_conflicts(struct cmd *c);
int cmd_merge_card(struct cmd *c);

#endif
