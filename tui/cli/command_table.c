/* Every command of the CLI in one table: its name, what it takes, what it needs opened, and
 * the words of its --help. The driver in cli.c reads nothing else. */
#include "command.h"

#include "i18n.h"

#include <string.h>

#define TEXT (1u << FORMAT_TEXT)
#define CSV (1u << FORMAT_CSV)
#define JSON (1u << FORMAT_JSON)
#define MD (1u << FORMAT_MD)
#define HTML (1u << FORMAT_HTML)
#define MANY 8 /* ARGS_MAX_POSITIONAL */

const struct command command_table[] = {
	{"init", NULL, cmd_init, "init PATH [--from DIR] [--shared]",
	 N_("Create a new bare board repository at PATH, seeded from a board definition directory\n"
	 "(board.conf and cards/<id>.card) or, without --from, from the shipped Children of\n"
	 "Kazakhstan board. The acting member becomes the first admin. --shared makes the\n"
	 "repository writable by its group."),
	 CMD_LOCAL, 1, 1, "from= shared", 0},
	{"board", NULL, cmd_board, "board [--at DATE|COMMIT|last-meeting|before-last-meeting]",
	 N_("Print the whole board as text, column by column; with --at, as it stood then."),
	 CMD_READS | CMD_BOARD, 0, 0, "at=", 0},
	{"list", NULL, cmd_list,
	 "list [--column K] [--agency CODE] [--label L] [--overdue] [--archived] "
	 "[--at DATE|COMMIT|last-meeting|before-last-meeting] [--format text|csv|json]",
	 N_("List cards, in board order. --agency matches the lead and the co-executors."),
	 CMD_READS | CMD_BOARD, 0, 0, "column= agency= label= overdue archived at=",
	 TEXT | CSV | JSON},
	{"show", NULL, cmd_show, "show ID [--format text|json]",
	 N_("Show every field of a card, its description, notes and latest changes."),
	 CMD_READS | CMD_BOARD | CMD_CARD, 1, 1, "", TEXT | JSON},
	{"add", check_add, cmd_add,
	 "add --title T --lead CODE [--co CODE,..] [--column K] [--due DATE] [--label L,..] "
	 "[--description TEXT] [--every month|quarter[:DAY]]",
	 N_("Add a card and print its id."),
	 CMD_SESSION, 0, 0, "title= lead= co= column= due= label= description= every=", 0},
	{"move", check_move, cmd_move, "move ID COLUMN [--before ID|--after ID] [--reason TEXT]",
	 N_("Move a card to a column (to its bottom, or next to another card)."),
	 CMD_SESSION | CMD_CARD, 2, 2, "before= after= reason=", 0},
	{"assign", check_assign, cmd_assign, "assign ID [--lead CODE] [--co CODE,..] [--reason TEXT]",
	 N_("Change the lead agency or the co-executors of a card (--co \"\" clears them)."),
	 CMD_SESSION | CMD_CARD, 1, 1, "lead= co= reason=", 0},
	{"edit", check_edit, cmd_edit,
	 "edit ID [--title T] [--due DATE|+10d|+5wd|+2m|urgent|operational|none] [--label L,..] "
	 "[--description TEXT] [--item N] [--source TEXT] [--every month|quarter[:DAY]|none] "
	 "[--reason TEXT]",
	 N_("Change a card's title, due date, labels, description, or where its instruction\n"
	 "comes from (item number and source document)."),
	 CMD_SESSION | CMD_CARD, 1, 1, "title= due= label= description= item= source= every= reason=",
	 0},
	{"note", NULL, cmd_note, "note ID TEXT", N_("Add a note to a card."),
	 CMD_SESSION | CMD_CARD, 2, 2, "", 0},
	{"archive", NULL, cmd_archive, "archive ID [--reason TEXT]",
	 N_("Withdraw a card from the board; its history stays."),
	 CMD_SESSION | CMD_CARD, 1, 1, "reason=", 0},
	{"submit", NULL, cmd_submit, "submit ID TEXT",
	 N_("File a report of execution on a card (a member of the lead agency: what was done,\n"
	 "with the document's number and date): the card goes to review for the coordinator. A\n"
	 "co-executor's member files its part the same way; the card counts the parts."),
	 CMD_SESSION | CMD_CARD, 2, MANY, "", 0},
	{"accept", NULL, cmd_accept, "accept ID [--reason TEXT]",
	 N_("Accept the report waiting on a card: it is taken off control (Done), naming who\n"
	 "and when (secretaries and admins)."),
	 CMD_SESSION | CMD_CARD, 1, 1, "reason=", 0},
	{"return", NULL, cmd_return, "return ID --reason TEXT",
	 N_("Return the report waiting on a card, saying why: it goes back to work."),
	 CMD_SESSION | CMD_CARD, 1, 1, "reason=", 0},
	{"extend", check_extend, cmd_extend, "extend ID --to DATE --reason TEXT",
	 N_("Ask for a new deadline (the lead agency), with reasons; a request after the deadline\n"
	 "is still taken, and counts as late. A secretary grants or refuses it."),
	 CMD_SESSION | CMD_CARD, 1, 1, "to= reason=", 0},
	{"dispute", check_dispute, cmd_dispute, "dispute ID --propose AGENCY --reason TEXT",
	 N_("Propose another lead (the agency made lead, within dispute-days of the assignment,\n"
	 "default 3). A secretary grants (the lead changes) or refuses."),
	 CMD_SESSION | CMD_CARD, 1, 1, "propose= reason=", 0},
	{"requests", NULL, cmd_requests, "requests [--all] [--format text|csv|json]",
	 N_("The coordinator's queue: every report, extension request and dispute waiting for a\n"
	 "decision, oldest first, with the agency and how long it has waited. --all lists the\n"
	 "decided ones and the co-executors' parts too."),
	 CMD_READS | CMD_SESSION | CMD_BOARD, 0, 0, "all", TEXT | CSV | JSON},
	{"grant", check_decide, cmd_grant, "grant N [--card ID] [--reason TEXT]",
	 N_("Decide request N for it: a report is accepted, an extension moves the deadline, a\n"
	 "dispute changes the lead (secretaries and admins; never one's own request)."),
	 CMD_SESSION, 1, 1, "card= reason=", 0},
	{"refuse", check_decide, cmd_refuse, "refuse N --reason TEXT [--card ID]",
	 N_("Decide request N against it, saying why: a report goes back to work, the deadline\n"
	 "or the lead stays."),
	 CMD_SESSION, 1, 1, "card= reason=", 0},
	{"import", NULL, cmd_import, "import FILE [--dry-run] [--update] [--source TEXT]",
	 N_("Add a control matrix's rows as cards: a CSV or TSV file (UTF-8, as LibreOffice and\n"
	 "Excel save it) whose first row names the columns in English, Russian or Kazakh (No.,\n"
	 "instruction, lead, co-executors, deadline, labels, description, source). One commit,\n"
	 "or nothing when a row is broken (each problem named by line and column). Rows whose\n"
	 "item number a card has already are listed when they differ, and changed with\n"
	 "--update. --dry-run shows what each row would become. --source names the document\n"
	 "(default: the file's name). Secretaries and admins."),
	 CMD_SESSION | CMD_BOARD | CMD_LOCAL, 1, 1, "dry-run update source=", 0},
	{"remind", check_remind, cmd_remind, "remind [--dry-run] [--agency CODE] | remind off|on",
	 N_("Mail each agency's members (those with an e-mail address, in their language) what\n"
	 "comes due within the board's reminder-days, what became overdue, reports returned,\n"
	 "requests decided and items newly assigned, since the agency's last reminder. Through\n"
	 "sendmail -t (the repository's coboard.sendmail); --dry-run prints the messages. For\n"
	 "a daily timer (the board's service account, or a secretary). remind off|on: your own\n"
	 "reminders."),
	 CMD_SESSION | CMD_BOARD | CMD_LOCAL, 0, 1, "dry-run agency=", 0},
	{"log", check_log, cmd_log,
	 "log [ID] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--agency CODE] [--author NAME] "
	 "[--field responsibility] [--limit N] [--format text|csv|json]",
	 N_("The change log, field by field (when, who, card, field, old -> new, commit), newest\n"
	 "first."),
	 CMD_READS | CMD_BOARD | CMD_CARD, 0, 1, "since= until= agency= author= field= limit=",
	 TEXT | CSV | JSON},
	{"history", check_log, cmd_log,
	 "history ID [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--author NAME] "
	 "[--field responsibility] [--format text|csv|json]",
	 N_("Every change of one card, field by field, newest first."),
	 CMD_READS | CMD_BOARD | CMD_CARD, 1, 1, "since= until= agency= author= field= limit=",
	 TEXT | CSV | JSON},
	{"blame", NULL, cmd_blame, "blame ID [--format text|json]",
	 N_("For each field of a card, the change that set its current value: who, when, commit."),
	 CMD_READS | CMD_BOARD | CMD_CARD, 1, 1, "", TEXT | JSON},
	{"revert", NULL, cmd_revert, "revert COMMIT [--force]",
	 N_("A new commit restoring the fields COMMIT changed. Refuses when a later change\n"
	 "touched one of them (naming it), unless --force."),
	 CMD_SESSION, 1, 1, "force", 0},
	{"meeting", check_meeting, cmd_meeting, "meeting start [TITLE] | meeting end | meeting status",
	 N_("Mark a meeting. Ending it commits minutes to meetings/YYYY-MM-DD[-N].md (every\n"
	 "change during it, grouped by agency, and the secretary's notes as decisions) and\n"
	 "tags that commit meeting/YYYY-MM-DD[-N]."),
	 CMD_SESSION, 1, MANY, "", 0},
	{"changes", check_changes, cmd_changes,
	 "changes --since last-meeting|YYYY-MM-DD|COMMIT [--format text|json]",
	 N_("What changed since then, grouped by agency: new cards, moves, reassignments,\n"
	 "deadlines changed, now overdue."),
	 CMD_READS | CMD_BOARD, 0, 0, "since=", TEXT | JSON},
	{"report", check_report, cmd_report,
	 "report [--agency CODE] [--since YYYY-MM-DD] [--until YYYY-MM-DD] "
	 "[--format md|csv|json|html] [--table cards|discipline]",
	 N_("Per agency: cards by column, overdue items, deadlines in the next two weeks,\n"
	 "deadline slippage, responsibility changes, and executive discipline (items taken off\n"
	 "control on time and late, extensions asked and granted, reports returned, open items\n"
	 "overdue, mean days late) from --since (default: 30 days before --until) to --until\n"
	 "(default: today). In CSV, --table discipline gives the figures per agency; html is\n"
	 "one self-contained page to print (A4) or forward."),
	 CMD_READS | CMD_BOARD, 0, 0, "agency= since= until= table=", MD | CSV | JSON | HTML},
	{"search", NULL, cmd_search, "search QUERY [--format text|csv|json]",
	 N_("Full-text search over titles, descriptions and notes (each word matches as a prefix)."),
	 CMD_READS | CMD_BOARD, 1, MANY, "", TEXT | CSV | JSON},
	{"member", check_member, cmd_member,
	 "member add|set|remove|list [LOGIN] [--role viewer|sync|member|secretary|admin] "
	 "[--agency CODE] [--name NAME] [--email EMAIL] [--key PUBKEY] [--language en|ru|kk]",
	 N_("Manage who may do what (admins only; each change is a commit)."),
	 CMD_BOARD, 1, 2, "role= agency= name= email= key= language=", 0},
	{"admin", check_admin, cmd_admin, "admin authorized-keys [--command PATH]",
	 N_("Print authorized_keys lines for the members' SSH keys: each key opens this board as\n"
	 "that member in restricted mode (admins only). Append them to the shared account's\n"
	 "~/.ssh/authorized_keys."),
	 CMD_BOARD | CMD_LOCAL, 1, 1, "command=", 0},
	{"authority", check_authority, cmd_authority,
	 "authority [list] | authority accept|refuse LOGIN|site:NAME|default-role|all "
	 "[--reason TEXT]",
	 N_("What other offices propose about who may do what here: members, roles, SSH keys,\n"
	 "the default role and sites that came in by sync or a push. Nothing of it is in force\n"
	 "until an admin of this office accepts it; refuse keeps what is in force. Each\n"
	 "decision is a commit."),
	 CMD_SESSION, 0, 2, "reason=", 0},
	{"fsck", NULL, cmd_fsck, "fsck",
	 N_("Check that git and the index agree and that every card and board.conf parse."),
	 CMD_SESSION, 0, 0, "", 0},
	{"reindex", NULL, cmd_reindex, "reindex", N_("Rebuild the index from git."),
	 CMD_SESSION | CMD_NO_SYNC, 0, 0, "", 0},
	{"hook", check_hook, cmd_hook, "hook pre-receive | hook install",
	 N_("pre-receive: check a push made with plain git (run by the board's pre-receive hook,\n"
	 "which `init` installs): a push may not add a card or board.conf that breaks the\n"
	 "board's rules. install: put that hook into a board made before it existed."),
	 0, 1, 1, "", 0},
	{"remote", check_remote, cmd_remote, "remote add NAME URL | remote remove NAME | remote list",
	 N_("The other offices' copies of this board (git remotes: ssh://USER@HOST/PATH or a\n"
	 "path). list shows when this board last synced with each. add and remove: admins."),
	 CMD_SESSION | CMD_LOCAL, 1, 3, "", 0},
	{"sync", check_sync, cmd_sync, "sync [NAME] [--every SECONDS]",
	 N_("Exchange changes with NAME (every remote when none is named): fetch its board, merge\n"
	 "it into this one field by field (one merge commit), push the result back. Says in\n"
	 "one line what came in and what went out. --every repeats it, for a service.\n"
	 "Secretaries and admins."),
	 CMD_SESSION | CMD_LOCAL, 0, 1, "every=", 0},
	{"site", NULL, cmd_site, "site [NAME [NUMBER]] [--this-server]",
	 N_("The office this server is (admins name it once): cards added here get ids ending in\n"
	 "the site's number (01-99), so offices that sync never make the same id. On a server\n"
	 "that already has its site, NAME NUMBER reserves the number for another office;\n"
	 "--this-server renames this server instead. Without NAME, shows this server's site\n"
	 "and the board's sites."),
	 CMD_BOARD | CMD_LOCAL, 0, 2, "this-server", 0},
	{"conflicts", check_conflicts, cmd_conflicts,
	 "conflicts | conflicts resolve ID FIELD keep|take [--value V] [--reason TEXT] | "
	 "conflicts resolve board.conf",
	 N_("The values a merge set aside: where two offices changed one field differently, the\n"
	 "card kept one and the other waits here. resolve keeps the card's value or takes the\n"
	 "one set aside (secretaries and admins)."),
	 CMD_BOARD, 0, 4, "value= reason=", 0},
	{"merge-card", NULL, cmd_merge_card, "merge-card BASE OURS THEIRS [PATH]",
	 N_("git's merge driver for a board clone: merges the three versions of a card (or of\n"
	 "board.conf, or minutes, by PATH) as sync does and writes the result to OURS. Set up\n"
	 "with: git config merge.coboard.driver \"coboard merge-card %O %A %B %P\""),
	 CMD_LOCAL, 3, 4, "", 0},
};
const size_t command_count = sizeof(command_table) / sizeof(command_table[0]);

const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < command_count; i++)
		if (strcmp(command_table[i].name, name) == 0)
			return &command_table[i];
	return NULL;
}
