/* The report as one page to print or forward: self-contained HTML5 (no scripts, no network),
 * A4 print styles, in the reader's language. Every text from the board is escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "history.h"
#include "i18n.h"
#include "report.h"
#include "print.h"
#include "text.h"

static const char style[] =
	"@page{size:A4;margin:16mm 14mm}"
	"body{font:10.5pt/1.4 \"DejaVu Sans\",Arial,sans-serif;color:#111;max-width:190mm;"
	"margin:0 auto;padding:8px}"
	"h1{font-size:17pt;margin:0 0 4px}h2{font-size:13pt;margin:18px 0 6px;"
	"border-bottom:1px solid #999}p.meta{color:#444;margin:0 0 10px}"
	"table{border-collapse:collapse;width:100%;margin:4px 0 8px}"
	"th,td{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top}"
	"th{background:#eee}td.n{text-align:right;white-space:nowrap}"
	".bar{display:flex;height:12px;min-width:40mm;border:1px solid #999;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	".bar span{display:block;height:100%;overflow:hidden;font-size:7pt;line-height:12px;"
	"color:#fff;text-align:center}"
	".late{color:#a00;font-weight:bold}.none{color:#666}"
	"section{page-break-inside:auto}tr{page-break-inside:avoid}"
	"h2{page-break-after:avoid}"
	"@media print{body{padding:0}a{color:#111;text-decoration:none}}";

static const char *const bar_colours[] = {"#9ab", "#36a", "#c63", "#fc6", "#6a6", "#999"};

/* Text from the board, made safe: control characters shown, then HTML's five escaped. */
static void html(const char *text, struct strbuf *out)
{
	struct strbuf clean = {0};

	text_sanitize(text, &clean);
	for (const char *p = sb_str(&clean); *p; p++) {
		switch (*p) {
		case '&': sb_puts(out, "&amp;"); break;
		case '<': sb_puts(out, "&lt;"); break;
		case '>': sb_puts(out, "&gt;"); break;
		case '"': sb_puts(out, "&quot;"); break;
		case '\'': sb_puts(out, "&#39;"); break;
		default: sb_putc(out, *p);
		}
	}
	sb_free(&clean);
}

static void cell(const char *text, struct strbuf *out)
{
	sb_puts(out, "<td>");
	html(text, out);
	sb_puts(out, "</td>");
}

static void number(long n, struct strbuf *out)
{
	sb_printf(out, "<td class=\"n\">%ld</td>", n);
}

static void heading(const char *text, struct strbuf *out)
{
	sb_puts(out, "<h2>");
	html(text, out);
	sb_puts(out, "</h2>\n");
}

static void header_row(const char *const *names, size_t n, struct strbuf *out)
{
	sb_puts(out, "<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		sb_puts(out, "<th>");
		html(_(names[i]), out);
		sb_puts(out, "</th>");
	}
	sb_puts(out, "</tr></thead>\n<tbody>\n");
}

static void summary(const struct report *r, const struct board *board, struct strbuf *out)
{
	int *order = xcalloc(r->n + 1, sizeof(int));
	size_t most = 1;

	heading(_("Cards by column and overdue, per agency"), out);
	sb_puts(out, "<table class=\"summary\">\n<thead><tr><th>");
	html(_("Agency"), out);
	sb_puts(out, "</th><th>");
	html(_("Cards by column"), out);
	sb_puts(out, "</th>");
	for (size_t k = 0; k < board->ncolumns; k++) {
		sb_puts(out, "<th>");
		html(board_column_name(&board->columns[k]), out);
		sb_puts(out, "</th>");
	}
	sb_puts(out, "<th>");
	html(_("Overdue"), out);
	sb_puts(out, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].ncards > most)
			most = r->v[i].ncards;
	report_order_by_overdue(r, order);
	for (size_t i = 0; i < r->n; i++) {
		const struct agency_report *ar = &r->v[order[i]];
		sb_puts(out, "<tr class=\"agency\">");
		sb_puts(out, "<td title=\"");
		html(board_agency_name(ar->agency), out);
		sb_puts(out, "\">");
		html(ar->agency->code, out);
		sb_puts(out, "</td><td><div class=\"bar\">");
		for (size_t k = 0; k < board->ncolumns; k++)
			if (ar->per_column[k])
				sb_printf(out, "<span style=\"width:%zu%%;background:%s\">%d</span>",
					  (size_t)ar->per_column[k] * 100 / most,
					  bar_colours[k % (sizeof(bar_colours) / sizeof(*bar_colours))],
					  ar->per_column[k]);
		sb_puts(out, "</div></td>");
		for (size_t k = 0; k < board->ncolumns; k++)
			number(ar->per_column[k], out);
		sb_printf(out, "<td class=\"n%s\">%d</td></tr>\n", ar->noverdue ? " late" : "",
			  ar->noverdue);
	}
	sb_puts(out, "</tbody></table>\n");
	free(order);
}

static void discipline(const struct report *r, struct strbuf *out)
{
	static const char *const names[] = {N_("Agency"), N_("Off control on time"), N_("Late"),
					    N_("Mean days late"), N_("Extensions asked"),
					    N_("Granted"), N_("Reports returned"), N_("Open overdue")};
	char from[16], to[16], title[160];

	snprintf(title, sizeof(title), _("Executive discipline, %s to %s"),
		 print_day(r->since_day, from), print_day(r->until_day, to));
	heading(title, out);
	sb_puts(out, "<table class=\"discipline\">\n");
	header_row(names, sizeof(names) / sizeof(*names), out);
	for (size_t i = 0; i < r->n; i++) {
		const struct discipline *d = &r->v[i].discipline;
		sb_puts(out, "<tr>");
		cell(r->v[i].agency->code, out);
		number(d->on_time, out);
		number(d->late, out);
		sb_printf(out, "<td class=\"n\">%.1f</td>", d->mean_days_late);
		number(d->extensions_asked, out);
		number(d->extensions_granted, out);
		number(d->returned, out);
		number(d->open_overdue, out);
		sb_puts(out, "</tr>\n");
	}
	sb_puts(out, "</tbody></table>\n");
}

static void none(struct strbuf *out)
{
	sb_puts(out, "<p class=\"none\">");
	html(_("None."), out);
	sb_puts(out, "</p>\n");
}

static void overdue(const struct report *r, const struct board *board, struct strbuf *out)
{
	static const char *const names[] = {N_("Card"), N_("Instruction"), N_("Lead"), N_("Due"),
					    N_("Days overdue")};
	bool any = false;
	char day[16];
	const char *only = r->n == 1 ? r->v[0].agency->code : NULL;

	heading(_("Overdue"), out);
	for (size_t i = 0; i < r->cards.n; i++) {
		const struct card *c = &r->cards.v[i];
		if (c->archived || card_due_state(c, board, r->today) != DUE_OVERDUE ||
		    (only && strcmp(c->lead, only) != 0 && !sv_contains(&c->co, only)))
			continue;
		if (!any) {
			sb_puts(out, "<table class=\"overdue\">\n");
			header_row(names, sizeof(names) / sizeof(*names), out);
		}
		any = true;
		sb_printf(out, "<tr><td>#%d</td>", c->id);
		cell(c->title, out);
		cell(c->lead, out);
		cell(print_day(c->due, day), out);
		sb_printf(out, "<td class=\"n late\">%ld</td></tr>\n", -date_days_until(c->due, r->today));
	}
	if (any)
		sb_puts(out, "</tbody></table>\n");
	else
		none(out);
}

/* Changes from the log: deadlines moved, responsibility changed; the board's creation and a
 * card's first deadline are not moves. */
static void changes(const char *title, const struct log_list *log, bool skip_first,
		    struct strbuf *out)
{
	static const char *const names[] = {N_("When"), N_("Card"), N_("Change"), N_("By"),
					    N_("Reason")};
	bool any = false;

	heading(title, out);
	for (size_t i = 0; i < log->n; i++) {
		const struct log_entry *e = &log->v[i];
		struct strbuf when = {0}, what = {0};
		if ((skip_first && !*e->old_value) || strcmp(e->op, "init") == 0)
			continue;
		if (!any) {
			sb_puts(out, "<table class=\"changes\">\n");
			header_row(names, sizeof(names) / sizeof(*names), out);
		}
		any = true;
		print_time(e->time, &when);
		sb_printf(&what, "%s: ", e->field);
		history_word_change(e->field, e->old_value, e->new_value, NULL, &what);
		sb_puts(out, "<tr>");
		cell(sb_str(&when), out);
		sb_printf(out, "<td>#%d</td>", e->card);
		cell(sb_str(&what), out);
		cell(e->author, out);
		cell(e->reason, out);
		sb_puts(out, "</tr>\n");
		sb_free(&when);
		sb_free(&what);
	}
	if (any)
		sb_puts(out, "</tbody></table>\n");
	else
		none(out);
}

static void decisions(const struct report *r, struct strbuf *out)
{
	static const char *const names[] = {N_("Decided"), N_("Card"), N_("Request"),
					    N_("Agency"), N_("Decision"), N_("By")};
	bool any = false;
	char day[16], asked[11];

	heading(_("Decisions in the period"), out);
	for (size_t i = 0; i < r->requests.n; i++) {
		const struct request_row *q = &r->requests.v[i];
		if (!*q->decided_at || (r->n == 1 && strcmp(q->agency, r->v[0].agency->code) != 0))
			continue;
		snprintf(asked, sizeof(asked), "%.10s", q->decided_at);
		if (strcmp(asked, r->since_day) < 0 || strcmp(asked, r->until_day) > 0)
			continue;
		if (!any) {
			sb_puts(out, "<table class=\"decisions\">\n");
			header_row(names, sizeof(names) / sizeof(*names), out);
		}
		any = true;
		sb_puts(out, "<tr>");
		cell(print_day(asked, day), out);
		sb_printf(out, "<td>#%d</td>", q->card);
		cell(q->kind, out);
		cell(q->agency, out);
		cell(q->decision, out);
		cell(q->decided_by, out);
		sb_puts(out, "</tr>\n");
	}
	if (any)
		sb_puts(out, "</tbody></table>\n");
	else
		none(out);
}

void print_report_html(const struct report *r, const struct board *board, struct strbuf *out)
{
	char today[16], from[16], to[16];
	/* One agency's page: its own responsibility changes. */
	struct log_list responsibility = r->log;
	struct log_entry *mine = NULL;
	if (r->n == 1) {
		mine = xcalloc(r->v[0].nchanges + 1, sizeof(*mine));
		for (size_t i = 0; i < r->v[0].nchanges; i++)
			mine[i] = *r->v[0].changes[i];
		responsibility = (struct log_list){mine, r->v[0].nchanges};
	}

	/* TRANSLATORS: the language code of this catalogue, for the page (en, ru, kk). */
	sb_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		  _("en"));
	sb_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		     "<title>");
	html(board_title(board), out);
	sb_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	html(board_title(board), out);
	sb_puts(out, "</h1>\n<p class=\"meta\">");
	char meta[200];
	snprintf(meta, sizeof(meta), _("As of %s; the period %s to %s"), print_day(r->today, today),
		 print_day(r->since_day, from), print_day(r->until_day, to));
	html(meta, out);
	sb_puts(out, "</p>\n<section>\n");
	summary(r, board, out);
	discipline(r, out);
	overdue(r, board, out);
	changes(_("Deadlines moved"), &r->due_moves, true, out);
	changes(_("Responsibility changes"), &responsibility, false, out);
	decisions(r, out);
	sb_puts(out, "</section>\n</body>\n</html>\n");
	free(mine);
}
