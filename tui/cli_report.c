/* coboard report: per agency, cards by column, overdue items, deadlines in the next two
 * weeks, slippage, and responsibility changes in a period; Markdown, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/date.h"
#include "../model/mdtext.h"
#include "../model/slippage.h"
#include "cli_util.h"
#include "print.h"
#include "text.h"

enum { SOON_DAYS = 14, DEFAULT_PERIOD_DAYS = 30 };
enum report_format { REPORT_MD, REPORT_CSV, REPORT_JSON };

static bool involves(const struct card *c, const char *agency)
{
	return strcmp(c->lead, agency) == 0 || sv_contains(&c->co, agency);
}

static bool due_soon(const struct card *c, const struct board *board)
{
	long days;

	if (str_empty(c->due) || card_due_state(c, board) == DUE_OVERDUE ||
	    card_due_state(c, board) == DUE_NONE)
		return false;
	days = date_days_until(c->due);
	return days >= 0 && days <= SOON_DAYS &&
	       strcmp(c->column, board->columns[board->ncolumns - 1].key) != 0;
}

static void md_card(struct strbuf *out, struct index *idx, const struct card *c,
		    const struct board *board, const char *agency)
{
	struct slippage sl;
	struct cb_error err = {0};

	sb_printf(out, "- #%d ", c->id);
	md_text(c->title, out);
	sb_printf(out, " (%s, due %s", strcmp(c->lead, agency) == 0 ? "lead" : "co-executor", c->due);
	if (card_due_state(c, board) == DUE_OVERDUE)
		sb_printf(out, ", %ld days overdue", -date_days_until(c->due));
	if (slippage_of(idx, c, board, &sl, &err) == 0 && (sl.moves || sl.meetings)) {
		sb_puts(out, "; ");
		print_slippage(&sl, out);
	}
	sb_puts(out, ")\n");
}

static void json_card(struct strbuf *out, struct index *idx, const struct card *c,
		      const struct board *board, const char *agency, bool *first)
{
	struct slippage sl = {0};
	struct cb_error err = {0};

	slippage_of(idx, c, board, &sl, &err);
	sb_printf(out, "%s{\"id\": %d, \"title\": ", *first ? "" : ", ", c->id);
	text_json(c->title, out);
	sb_printf(out, ", \"role\": \"%s\", \"column\": ", strcmp(c->lead, agency) == 0 ? "lead" : "co");
	text_json(c->column, out);
	sb_printf(out, ", \"due\": \"%s\", \"deadline_moves\": %d, \"deadline_shift_days\": %ld, "
		       "\"meetings_open\": %d}",
		  c->due, sl.moves, sl.days, sl.meetings);
	*first = false;
}

static void report_agency(struct strbuf *out, struct session *s, const struct board *board,
			  const struct agency *ag, const struct card_list *cards,
			  const struct log_list *log, enum report_format fmt, bool first_agency)
{
	if (fmt == REPORT_CSV) {
		for (size_t i = 0; i < cards->n; i++) {
			const struct card *c = &cards->v[i];
			struct slippage sl = {0};
			struct cb_error err = {0};

			if (!involves(c, ag->code))
				continue;
			slippage_of(s->index, c, board, &sl, &err);
			char id[16], moves[16], days[24], meetings[16];
			snprintf(id, sizeof(id), "%d", c->id);
			snprintf(moves, sizeof(moves), "%d", sl.moves);
			snprintf(days, sizeof(days), "%ld", sl.days);
			snprintf(meetings, sizeof(meetings), "%d", sl.meetings);
			const char *row[] = {ag->code, id, c->title, c->column,
					     strcmp(c->lead, ag->code) == 0 ? "lead" : "co", c->due,
					     card_due_state(c, board) == DUE_OVERDUE ? "yes" : "no",
					     due_soon(c, board) ? "yes" : "no", moves, days, meetings};
			text_csv_row(out, row, sizeof(row) / sizeof(*row));
		}
		return;
	}
	if (fmt == REPORT_JSON) {
		bool first = true;

		sb_printf(out, "%s  {\"code\": ", first_agency ? "" : ",\n");
		text_json(ag->code, out);
		sb_puts(out, ", \"name\": ");
		text_json(ag->name, out);
		sb_puts(out, ", \"columns\": {");
		for (size_t k = 0; k < board->ncolumns; k++) {
			int count = 0;
			for (size_t i = 0; i < cards->n; i++)
				count += involves(&cards->v[i], ag->code) &&
					 strcmp(cards->v[i].column, board->columns[k].key) == 0;
			sb_printf(out, "%s\"%s\": %d", k ? ", " : "", board->columns[k].key, count);
		}
		sb_puts(out, "},\n    \"overdue\": [");
		for (size_t i = 0; i < cards->n; i++)
			if (involves(&cards->v[i], ag->code) &&
			    card_due_state(&cards->v[i], board) == DUE_OVERDUE)
				json_card(out, s->index, &cards->v[i], board, ag->code, &first);
		sb_puts(out, "],\n    \"due_soon\": [");
		first = true;
		for (size_t i = 0; i < cards->n; i++)
			if (involves(&cards->v[i], ag->code) && due_soon(&cards->v[i], board))
				json_card(out, s->index, &cards->v[i], board, ag->code, &first);
		sb_puts(out, "],\n    \"responsibility_changes\": [");
		first = true;
		for (size_t i = 0; i < log->n; i++) {
			const struct log_entry *e = &log->v[i];
			if (strstr(e->old_value, ag->code) == NULL && strstr(e->new_value, ag->code) == NULL)
				continue;
			sb_printf(out, "%s{\"time\": %lld, \"card\": %d, \"field\": \"%s\", \"old\": ",
				  first ? "" : ", ", e->time, e->card, e->field);
			text_json(e->old_value, out);
			sb_puts(out, ", \"new\": ");
			text_json(e->new_value, out);
			sb_puts(out, ", \"author\": ");
			text_json(e->author, out);
			sb_printf(out, ", \"commit\": \"%s\"}", e->commit);
			first = false;
		}
		sb_puts(out, "]}");
		return;
	}
	sb_puts(out, "\n## ");
	md_text(ag->code, out);
	sb_puts(out, " - ");
	md_text(ag->name, out);
	sb_puts(out, "\n\n");
	for (size_t k = 0; k < board->ncolumns; k++) {
		int count = 0;
		for (size_t i = 0; i < cards->n; i++)
			count += involves(&cards->v[i], ag->code) &&
				 strcmp(cards->v[i].column, board->columns[k].key) == 0;
		sb_printf(out, "%s", k ? ", " : "- ");
		md_text(board->columns[k].name, out);
		sb_printf(out, ": %d", count);
	}
	sb_puts(out, "\n\n### Overdue\n\n");
	bool any = false;
	for (size_t i = 0; i < cards->n; i++)
		if (involves(&cards->v[i], ag->code) && card_due_state(&cards->v[i], board) == DUE_OVERDUE) {
			md_card(out, s->index, &cards->v[i], board, ag->code);
			any = true;
		}
	if (!any)
		sb_puts(out, "None.\n");
	sb_printf(out, "\n### Due in the next %d days\n\n", SOON_DAYS);
	any = false;
	for (size_t i = 0; i < cards->n; i++)
		if (involves(&cards->v[i], ag->code) && due_soon(&cards->v[i], board)) {
			md_card(out, s->index, &cards->v[i], board, ag->code);
			any = true;
		}
	if (!any)
		sb_puts(out, "None.\n");
	sb_puts(out, "\n### Responsibility changes\n\n");
	any = false;
	for (size_t i = 0; i < log->n; i++) {
		const struct log_entry *e = &log->v[i];
		if (strstr(e->old_value, ag->code) == NULL && strstr(e->new_value, ag->code) == NULL)
			continue;
		sb_puts(out, "- ");
		print_time(e->time, out);
		sb_printf(out, " #%d %s: ", e->card, e->field);
		md_text(*e->old_value ? e->old_value : "(none)", out);
		sb_puts(out, " -> ");
		md_text(*e->new_value ? e->new_value : "(none)", out);
		sb_puts(out, " (");
		md_text(e->author, out);
		sb_puts(out, ")\n");
		any = true;
	}
	if (!any)
		sb_puts(out, "None.\n");
}

int cmd_report(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("report");
	const char *agency = NULL, *since = NULL, *format_name = "md";
	struct opt opts[] = {{"agency", &agency, NULL}, {"since", &since, NULL},
			     {"format", &format_name, NULL}, {0}};
	struct card_filter all = {0};
	struct card_list cards = {0};
	struct log_list log = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	enum report_format fmt;
	struct session *s;
	struct board board;
	struct args a;
	char today[11];
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (strcmp(format_name, "md") == 0)
		fmt = REPORT_MD;
	else if (strcmp(format_name, "csv") == 0)
		fmt = REPORT_CSV;
	else if (strcmp(format_name, "json") == 0)
		fmt = REPORT_JSON;
	else {
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (md, csv or json)", format_name);
		return usage_error(cmd, &err);
	}
	if (since && !date_valid(since)) {
		cb_fail(&err, CB_EINVALID, "'%s' is not a real date; write it as YYYY-MM-DD", since);
		return usage_error(cmd, &err);
	}
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	date_today(today);
	struct log_filter lf = {.responsibility_only = true};
	if (since)
		lf.since = date_day_start(since);
	else
		lf.since = (long long)time(NULL) - DEFAULT_PERIOD_DAYS * 24 * 3600;
	if (agency && !board_agency(&board, agency))
		cb_fail(&err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s", agency,
			board_agency_codes(&board));
	if (!err.code && index_cards(s->index, &board, &all, &cards, &err) == 0 &&
	    index_log(s->index, &lf, &log, &err) == 0) {
		bool first = true;

		if (fmt == REPORT_MD) {
			sb_puts(&out, "# Report: ");
			md_text(board.title, &out);
			sb_printf(&out, "\n\nAs of %s; responsibility changes since ", today);
			print_time(lf.since, &out);
			sb_puts(&out, ".\n");
		} else if (fmt == REPORT_CSV) {
			sb_puts(&out, "agency,card,title,column,role,due,overdue,due_within_14_days,"
				      "deadline_moves,deadline_shift_days,meetings_open\n");
		} else {
			sb_printf(&out, "{\"today\": \"%s\", \"since\": %lld, \"agencies\": [\n", today,
				  lf.since);
		}
		for (size_t i = 0; i < board.nagencies; i++) {
			if (agency && strcmp(agency, board.agencies[i].code) != 0)
				continue;
			report_agency(&out, s, &board, &board.agencies[i], &cards, &log, fmt, first);
			first = false;
		}
		if (fmt == REPORT_JSON)
			sb_puts(&out, "\n]}\n");
		emit(&out);
	}
	card_list_free(&cards);
	log_list_free(&log);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}
