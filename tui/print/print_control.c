/* What execution control prints: the coordinator's queue of requests, a card's state of
 * control ("reported by MOE, 12.03.2026") and its register of requests and decisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "date.h"
#include "history.h"
#include "i18n.h"
#include "print.h"
#include "text.h"

/* The day of a step's time, as people there write days. */
static const char *step_day(const char *time, char out[16])
{
	char day[11];

	snprintf(day, sizeof(day), "%.10s", time);
	return print_day(day, out);
}

/* Days from a step's day to today. */
static long days_waiting(const char *time)
{
	char day[11];

	snprintf(day, sizeof(day), "%.10s", time);
	return date_valid(day) ? -date_days_until(day, NULL) : 0;
}

static void request_words(const struct request_row *r, struct strbuf *out)
{
	char day[16];

	if (strcmp(r->kind, "extension") == 0)
		sb_printf(out, _("extension to %s"), print_day(r->value, day));
	else if (strcmp(r->kind, "dispute") == 0)
		sb_printf(out, _("dispute: lead to %s"), r->value);
	else if (strcmp(r->kind, "part") == 0)
		sb_puts(out, _("co-executor's part"));
	else
		sb_puts(out, _("report"));
}

static void requests_json(const struct request_list *list, struct strbuf *out)
{
	sb_puts(out, "[\n");
	for (size_t i = 0; i < list->n; i++) {
		const struct request_row *r = &list->v[i];
		const char *keys[] = {"kind", "time", "author", "agency", "value", "text",
				      "decision", "decided_by", "decided_at", "title"};
		const char *values[] = {r->kind, r->time, r->author, r->agency, r->value, r->text,
					r->decision, r->decided_by, r->decided_at, r->title};
		sb_printf(out, "  {\"number\": %d, \"card\": %d", r->number, r->card);
		for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++) {
			sb_printf(out, ", \"%s\": ", keys[k]);
			text_json(values[k], out);
		}
		sb_puts(out, i + 1 < list->n ? "},\n" : "}\n");
	}
	sb_puts(out, "]\n");
}

void print_requests(const struct request_list *list, const struct board *board,
		    enum format format, struct strbuf *out)
{
	(void)board;
	if (format == FORMAT_JSON) {
		requests_json(list, out);
		return;
	}
	if (format == FORMAT_CSV) {
		sb_puts(out, "number,card,kind,time,author,agency,value,decision,text\n");
		for (size_t i = 0; i < list->n; i++) {
			const struct request_row *r = &list->v[i];
			char number[16], card[16];
			snprintf(number, sizeof(number), "%d", r->number);
			snprintf(card, sizeof(card), "%d", r->card);
			const char *row[] = {number, card, r->kind, r->time, r->author, r->agency,
					     r->value, r->decision, r->text};
			text_csv_row(out, row, sizeof(row) / sizeof(*row));
		}
		return;
	}
	if (list->n == 0) {
		sb_puts(out, _("nothing waits for a decision\n"));
		return;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct request_row *r = &list->v[i];
		struct strbuf what = {0}, line = {0};
		long waited = days_waiting(r->time);

		request_words(r, &what);
		sb_printf(&line, "%-5d #%-6d ", r->number, r->card);
		sb_puts(out, sb_str(&line));
		text_fit(sb_str(&what), 26, true, out);
		sb_putc(out, ' ');
		text_fit(r->agency, 6, true, out);
		sb_putc(out, ' ');
		sb_reset(&line);
		if (*r->decision)
			sb_printf(&line, "%s", r->decision);
		else
			sb_printf(&line, P_("waiting %ld day", "waiting %ld days", waited), waited);
		text_fit(sb_str(&line), 16, true, out);
		sb_putc(out, ' ');
		text_fit(r->title, 40, false, out);
		sb_putc(out, '\n');
		if (*r->text) {
			size_t first = strcspn(r->text, "\n");
			char *head = xstrndup(r->text, first);
			sb_puts(out, "              ");
			text_fit(head, 66, false, out);
			if (r->text[first])
				sb_puts(out, " …");
			sb_putc(out, '\n');
			free(head);
		}
		sb_free(&what);
		sb_free(&line);
	}
}

void print_control_state(const struct card *card, struct strbuf *lines)
{
	struct control_state cs;
	char day[16], day2[16];

	control_state_of(card, &cs);
	if (cs.report && cs.decision && strcmp(cs.decision->kind, "accepted") == 0)
		sb_printf(lines, _("taken off control by %s, %s\n"), cs.decision->author,
			  step_day(cs.decision->time, day));
	else if (cs.report && cs.decision)
		sb_printf(lines, _("returned by %s, %s: %s\n"), cs.decision->author,
			  step_day(cs.decision->time, day), cs.decision->text);
	else if (cs.report)
		sb_printf(lines, _("reported by %s, %s (request %d, waiting for the coordinator)\n"),
			  cs.report->agency, step_day(cs.report->time, day), cs.report->number);
	if (cs.extension)
		sb_printf(lines, _("extension asked: %s (request %d)\n"),
			  print_day(cs.extension->value, day), cs.extension->number);
	if (cs.dispute)
		sb_printf(lines, _("lead disputed: %s proposes %s (request %d)\n"),
			  cs.dispute->agency, cs.dispute->value, cs.dispute->number);
	if (cs.co_total && (cs.parts_reported || cs.report))
		sb_printf(lines, _("co-executors: %zu of %zu reported\n"), cs.parts_reported,
			  cs.co_total);
	if (cs.extensions_granted && cs.first_due)
		sb_printf(lines, P_("deadline extended %zu time, first set %s\n",
				    "deadline extended %zu times, first set %s\n",
				    cs.extensions_granted),
			  cs.extensions_granted, print_day(cs.first_due, day2));
}

void print_register(const struct card *card, struct strbuf *out)
{
	struct strbuf value = {0};

	if (!card->nsteps)
		return;
	sb_puts(out, _("\nRegister\n"));
	for (size_t i = 0; i < card->nsteps; i++) {
		const struct step *s = &card->steps[i];
		sb_puts(out, "  ");
		print_note_time(s->time, out);
		sb_putc(out, ' ');
		text_fit(s->author, 12, true, out);
		sb_putc(out, ' ');
		sb_reset(&value);
		history_step_value(s, &value);
		struct strbuf words = {0};
		history_word_change(step_is_request(s) ? "request" : "decision", "", sb_str(&value),
				    NULL, &words);
		text_sanitize(sb_str(&words), out);
		sb_putc(out, '\n');
		sb_free(&words);
	}
	sb_free(&value);
}
