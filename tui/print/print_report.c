/* The report laid out as Markdown, CSV or JSON; the figures come from model/report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "date.h"
#include "history.h"
#include "mdtext.h"
#include "report.h"
#include "print.h"
#include "text.h"

static void md_card(const struct report_card *rc, struct strbuf *out)
{
	const struct card *c = rc->card;

	sb_printf(out, "- #%d ", c->id);
	md_text(c->title, out);
	char day[16];
	sb_printf(out, _(" (%s, due %s"), rc->lead ? _("lead") : _("co-executor"), print_day(c->due, day));
	if (rc->overdue)
		sb_printf(out, P_(", %ld day overdue", ", %ld days overdue", rc->days_overdue),
			  rc->days_overdue);
	if (rc->slippage.moves || rc->slippage.meetings) {
		sb_puts(out, "; ");
		print_slippage(&rc->slippage, out);
	}
	sb_puts(out, ")\n");
}

/* The agency's cards that are overdue (due_soon false) or due soon (true), or "None.". */
static void md_cards(const struct agency_report *ar, bool due_soon, struct strbuf *out)
{
	bool any = false;

	for (size_t i = 0; i < ar->ncards; i++)
		if (due_soon ? ar->cards[i].due_soon : ar->cards[i].overdue) {
			md_card(&ar->cards[i], out);
			any = true;
		}
	if (!any)
		sb_puts(out, _("None.\n"));
}

static void md_agency(const struct agency_report *ar, const struct board *board,
		      struct strbuf *out)
{
	sb_puts(out, "\n## ");
	md_text(ar->agency->code, out);
	sb_puts(out, " - ");
	md_text(board_agency_name(ar->agency), out);
	sb_puts(out, "\n\n");
	for (size_t k = 0; k < board->ncolumns; k++) {
		sb_puts(out, k ? ", " : "- ");
		md_text(board_column_name(&board->columns[k]), out);
		sb_printf(out, ": %d", ar->per_column[k]);
	}
	sb_puts(out, _("\n\n### Overdue\n\n"));
	md_cards(ar, false, out);
	sb_printf(out, _("\n### Due in the next %d days\n\n"), DUE_SOON_DAYS);
	md_cards(ar, true, out);
	sb_puts(out, _("\n### Responsibility changes\n\n"));
	for (size_t i = 0; i < ar->nchanges; i++) {
		const struct log_entry *e = ar->changes[i];

		sb_puts(out, "- ");
		print_time(e->time, out);
		sb_printf(out, " #%d %s: ", e->card, e->field);
		history_word_change(e->field, e->old_value, e->new_value, md_text, out);
		sb_puts(out, " (");
		md_text(e->author, out);
		sb_puts(out, ")\n");
	}
	if (ar->nchanges == 0)
		sb_puts(out, _("None.\n"));
}

/* The dashboard's table: every agency's cards by column and its overdue count, the most
 * overdue first. */
static void md_summary(const struct report *r, const struct board *board, struct strbuf *out)
{
	int *order = xcalloc(r->n + 1, sizeof(int));

	sb_puts(out, _("\n## Summary\n\n| Agency |"));
	for (size_t k = 0; k < board->ncolumns; k++) {
		sb_putc(out, ' ');
		md_text(board_column_name(&board->columns[k]), out);
		sb_puts(out, " |");
	}
	sb_puts(out, _(" Overdue |\n|---|"));
	for (size_t k = 0; k <= board->ncolumns; k++)
		sb_puts(out, "---:|");
	sb_putc(out, '\n');
	report_order_by_overdue(r, order);
	for (size_t i = 0; i < r->n; i++) {
		const struct agency_report *ar = &r->v[order[i]];

		sb_puts(out, "| ");
		md_text(ar->agency->code, out);
		sb_puts(out, " |");
		for (size_t k = 0; k < board->ncolumns; k++)
			sb_printf(out, " %d |", ar->per_column[k]);
		sb_printf(out, " %d |\n", ar->noverdue);
	}
	free(order);
}

/* Executive discipline, one row per agency. */
static void md_discipline(const struct report *r, struct strbuf *out)
{
	char from[16], to[16];

	sb_printf(out, _("\n## Executive discipline, %s to %s\n\n"), print_day(r->since_day, from),
		  print_day(r->until_day, to));
	sb_puts(out, _("| Agency | Off control on time | Late | Mean days late | Extensions asked "
		       "| Granted | Reports returned | Open overdue |\n"));
	sb_puts(out, "|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct discipline *d = &r->v[i].discipline;
		sb_puts(out, "| ");
		md_text(r->v[i].agency->code, out);
		sb_printf(out, " | %d | %d | %.1f | %d | %d | %d | %d |\n", d->on_time, d->late,
			  d->mean_days_late, d->extensions_asked, d->extensions_granted, d->returned,
			  d->open_overdue);
	}
}

static void csv_discipline(const struct report *r, struct strbuf *out)
{
	sb_puts(out, "agency,since,until,on_time,late,mean_days_late,extensions_asked,"
		     "extensions_granted,reports_returned,open_overdue\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct discipline *d = &r->v[i].discipline;
		char nums[6][24];
		snprintf(nums[0], sizeof(nums[0]), "%d", d->on_time);
		snprintf(nums[1], sizeof(nums[1]), "%d", d->late);
		snprintf(nums[2], sizeof(nums[2]), "%.1f", d->mean_days_late);
		snprintf(nums[3], sizeof(nums[3]), "%d", d->extensions_asked);
		snprintf(nums[4], sizeof(nums[4]), "%d", d->extensions_granted);
		snprintf(nums[5], sizeof(nums[5]), "%d", d->returned);
		char open[24];
		snprintf(open, sizeof(open), "%d", d->open_overdue);
		const char *row[] = {r->v[i].agency->code, r->since_day, r->until_day, nums[0],
				     nums[1], nums[2], nums[3], nums[4], nums[5], open};
		text_csv_row(out, row, sizeof(row) / sizeof(*row));
	}
}

static void csv_agency(const struct agency_report *ar, struct strbuf *out)
{
	for (size_t i = 0; i < ar->ncards; i++) {
		const struct report_card *rc = &ar->cards[i];
		const struct card *c = rc->card;
		char id[16], moves[16], days[24], meetings[16];

		snprintf(id, sizeof(id), "%d", c->id);
		snprintf(moves, sizeof(moves), "%d", rc->slippage.moves);
		snprintf(days, sizeof(days), "%ld", rc->slippage.days);
		snprintf(meetings, sizeof(meetings), "%d", rc->slippage.meetings);
		const char *row[] = {ar->agency->code, id,  c->title,
				     c->column,        rc->lead ? "lead" : "co", c->due,
				     rc->overdue ? "yes" : "no", rc->due_soon ? "yes" : "no",
				     moves,            days, meetings};
		text_csv_row(out, row, sizeof(row) / sizeof(*row));
	}
}

static void json_cards(const struct agency_report *ar, bool due_soon, struct strbuf *out)
{
	bool first = true;

	for (size_t i = 0; i < ar->ncards; i++) {
		const struct report_card *rc = &ar->cards[i];

		if (!(due_soon ? rc->due_soon : rc->overdue))
			continue;
		sb_printf(out, "%s{\"id\": %d, \"title\": ", first ? "" : ", ", rc->card->id);
		text_json(rc->card->title, out);
		sb_printf(out, ", \"role\": \"%s\", \"column\": ", rc->lead ? "lead" : "co");
		text_json(rc->card->column, out);
		sb_printf(out, ", \"due\": \"%s\", \"deadline_moves\": %d, \"deadline_shift_days\": %ld, "
			       "\"meetings_open\": %d}",
			  rc->card->due, rc->slippage.moves, rc->slippage.days, rc->slippage.meetings);
		first = false;
	}
}

static void json_agency(const struct agency_report *ar, const struct board *board,
			struct strbuf *out)
{
	sb_puts(out, "  {\"code\": ");
	text_json(ar->agency->code, out);
	sb_puts(out, ", \"name\": ");
	text_json(ar->agency->name, out);
	sb_puts(out, ", \"columns\": {");
	for (size_t k = 0; k < board->ncolumns; k++) {
		sb_puts(out, k ? ", " : "");
		text_json(board->columns[k].key, out);
		sb_printf(out, ": %d", ar->per_column[k]);
	}
	sb_puts(out, "},\n    \"overdue\": [");
	json_cards(ar, false, out);
	sb_puts(out, "],\n    \"due_soon\": [");
	json_cards(ar, true, out);
	sb_puts(out, "],\n    \"responsibility_changes\": [");
	for (size_t i = 0; i < ar->nchanges; i++) {
		const struct log_entry *e = ar->changes[i];

		sb_printf(out, "%s{\"time\": %lld, \"card\": %d, \"field\": \"%s\", \"old\": ",
			  i ? ", " : "", e->time, e->card, e->field);
		text_json(e->old_value, out);
		sb_puts(out, ", \"new\": ");
		text_json(e->new_value, out);
		sb_puts(out, ", \"author\": ");
		text_json(e->author, out);
		sb_printf(out, ", \"commit\": \"%s\"}", e->commit);
	}
	const struct discipline *d = &ar->discipline;
	sb_printf(out, "],\n    \"discipline\": {\"on_time\": %d, \"late\": %d, "
		       "\"mean_days_late\": %.1f, \"extensions_asked\": %d, "
		       "\"extensions_granted\": %d, \"reports_returned\": %d, \"open_overdue\": %d}}",
		  d->on_time, d->late, d->mean_days_late, d->extensions_asked, d->extensions_granted,
		  d->returned, d->open_overdue);
}

void print_report(const struct report *r, const struct board *board, enum format format,
		  bool discipline_table, struct strbuf *out)
{
	if (format == FORMAT_CSV && discipline_table) {
		csv_discipline(r, out);
		return;
	}
	if (format == FORMAT_MD) {
		sb_puts(out, _("# Report: "));
		md_text(board_title(board), out);
		char today[16];
		sb_printf(out, _("\n\nAs of %s; responsibility changes since "), print_day(r->today, today));
		print_time(r->since, out);
		sb_puts(out, ".\n");
		md_summary(r, board, out);
		md_discipline(r, out);
	} else if (format == FORMAT_CSV) {
		sb_printf(out, "agency,card,title,column,role,due,overdue,due_within_%d_days,"
			       "deadline_moves,deadline_shift_days,meetings_open\n",
			  DUE_SOON_DAYS);
	} else {
		sb_printf(out, "{\"today\": \"%s\", \"since\": %lld, \"period\": [\"%s\", \"%s\"], "
			       "\"agencies\": [\n",
			  r->today, r->since, r->since_day, r->until_day);
	}
	for (size_t i = 0; i < r->n; i++) {
		if (format == FORMAT_MD)
			md_agency(&r->v[i], board, out);
		else if (format == FORMAT_CSV)
			csv_agency(&r->v[i], out);
		else {
			sb_puts(out, i ? ",\n" : "");
			json_agency(&r->v[i], board, out);
		}
	}
	if (format == FORMAT_JSON)
		sb_puts(out, "\n]}\n");
}
