/* What the history and board commands print: blame, "changes since", the meeting's state
 * and the members, as text or JSON. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "date.h"
#include "digest.h"
#include "blame.h"
#include "history.h"
#include "meeting.h"
#include "print.h"
#include "authority.h"
#include "text.h"

static void blame_json(const struct blame *b, int id, struct strbuf *out)
{
	sb_printf(out, "{\"card\": %d, \"fields\": [\n", id);
	for (size_t f = 0; f < b->n; f++) {
		const struct blame_row *row = &b->v[f];
		const struct log_entry *e = row->origin.n ? &row->origin.v[0] : NULL;

		sb_puts(out, "  {\"field\": ");
		text_json(row->field, out);
		sb_puts(out, ", \"value\": ");
		text_json(row->value, out);
		sb_puts(out, ", \"author\": ");
		text_json(e ? e->author : "", out);
		sb_printf(out, ", \"time\": %lld, \"commit\": \"%s\", \"subject\": ", e ? e->time : 0,
			  e ? e->commit : "");
		text_json(e ? e->subject : "", out);
		sb_puts(out, f + 1 < b->n ? "},\n" : "}\n");
	}
	sb_puts(out, "]}\n");
}

void print_blame(const struct blame *b, int id, enum format format, struct strbuf *out)
{
	if (format == FORMAT_JSON) {
		blame_json(b, id, out);
		return;
	}
	for (size_t f = 0; f < b->n; f++) {
		const struct blame_row *row = &b->v[f];
		const struct log_entry *e = row->origin.n ? &row->origin.v[0] : NULL;
		size_t first_line = strcspn(row->value, "\n");
		char *first = xstrndup(row->value, first_line);
		char buf[16];
		const char *shown = history_value_for_people(row->field, first, buf);

		text_fit(history_field_word(row->field), 11, true, out);
		sb_putc(out, ' ');
		text_fit(*shown ? shown : _("(none)"), 36, true, out);
		sb_puts(out, "  ");
		text_fit(e ? e->author : "?", 16, true, out);
		sb_putc(out, ' ');
		if (e) {
			print_time(e->time, out);
			sb_printf(out, "  %.7s  ", e->commit);
			text_sanitize(e->subject, out);
		}
		sb_putc(out, '\n');
		free(first);
	}
}

static void digest_json(const struct digest *d, struct strbuf *out)
{
	sb_printf(out, "{\"since\": \"%s\", \"since_time\": %lld, \"changes\": [\n", d->then.oid,
		  d->then.time);
	for (size_t i = 0; i < d->n; i++) {
		const struct change_item *item = &d->v[i];

		sb_puts(out, "  {\"kind\": ");
		text_json(item->kind, out);
		sb_printf(out, ", \"card\": %d, \"agency\": ", item->card->id);
		text_json(item->card->lead, out);
		sb_puts(out, ", \"title\": ");
		text_json(item->card->title, out);
		sb_puts(out, ", \"detail\": ");
		text_json(item->detail, out);
		sb_puts(out, i + 1 < d->n ? "},\n" : "}\n");
	}
	sb_puts(out, "]}\n");
}

/* The changes whose card the agency (NULL: none of the board's) leads now. */
/* A kind of change as a person reads it (the JSON keeps the kind itself). */
static const char *kind_word(const char *kind)
{
	/* TRANSLATORS: kinds of change in `coboard changes`, each at most 13 columns wide */
	static const char *const words[] = {N_("new"),	   N_("moved"),    N_("reassigned"),
					    N_("co-executors"), N_("deadline"), N_("archived"),
					    N_("now overdue")};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcmp(kind, words[i]) == 0)
			return gettext(words[i]);
	return kind;
}

static void digest_agency(const struct digest *d, const struct agency *ag, struct strbuf *out)
{
	bool heading = false;

	for (size_t i = 0; i < d->n; i++) {
		const struct card *c = d->v[i].card;

		if (ag ? strcmp(c->lead, ag->code) != 0 : board_agency(&d->now.board, c->lead) != NULL)
			continue;
		if (!heading) {
			sb_putc(out, '\n');
			text_sanitize(ag ? ag->code : _("Other"), out);
			if (ag) {
				sb_puts(out, " - ");
				text_sanitize(board_agency_name(ag), out);
			}
			sb_putc(out, '\n');
			heading = true;
		}
		sb_puts(out, "  ");
		text_fit(kind_word(d->v[i].kind), 13, true, out);
		sb_printf(out, "#%-4d ", c->id);
		print_title(c->title, 50, out);
		if (*d->v[i].detail) {
			sb_puts(out, ": ");
			text_sanitize(d->v[i].detail, out);
		}
		sb_putc(out, '\n');
	}
}

void print_digest(const struct digest *d, const char *since, enum format format,
		  struct strbuf *out)
{
	if (format == FORMAT_JSON) {
		digest_json(d, out);
		return;
	}
	if (d->before_all) {
		char day[16];
		sb_puts(out, _("Changes since the board began (it is younger than "));
		text_sanitize(date_valid(since) ? print_day(since, day) : since, out);
	} else {
		sb_printf(out, _("Changes since %.7s ("), d->then.oid);
		print_time(d->then.time, out);
	}
	sb_printf(out, "): %zu\n", d->n);
	for (size_t ag = 0; ag < d->now.board.nagencies; ag++)
		digest_agency(d, &d->now.board.agencies[ag], out);
	digest_agency(d, NULL, out);
}

void print_meeting_status(const struct meeting *m, bool open, struct strbuf *out)
{
	if (!open) {
		sb_puts(out, _("no meeting is open\n"));
		return;
	}
	sb_puts(out, _("open: "));
	text_sanitize(m->title, out);
	sb_puts(out, _(", since "));
	print_time(m->started, out);
	sb_puts(out, _(", secretary "));
	text_sanitize(m->secretary, out);
	sb_putc(out, '\n');
}

void print_members(const struct board *board, struct strbuf *out)
{
	for (size_t i = 0; i < board->nmembers; i++) {
		const struct member *m = &board->members[i];

		text_fit(m->login, 16, true, out);
		sb_putc(out, ' ');
		text_fit(role_name(m->role), 10, true, out);
		sb_putc(out, ' ');
		text_fit(str_empty(m->agency) ? "-" : m->agency, 6, true, out);
		sb_putc(out, ' ');
		text_fit(m->name, 30, true, out);
		sb_putc(out, ' ');
		text_sanitize(m->email, out);
		if (!str_empty(m->key))
			sb_puts(out, "  [key]");
		if (!str_empty(m->language)) {
			sb_puts(out, "  ");
			text_sanitize(m->language, out);
		}
		sb_putc(out, '\n');
	}
	sb_printf(out, _("others: %s\n"), role_name(board->default_role));
}

void print_proposal(const struct proposal *p, const char *who, struct strbuf *out)
{
	struct strbuf line = {0};

	if (*who)
		sb_printf(&line, _("%s proposes: %s"), who, p->what);
	else
		sb_printf(&line, _("board.conf in git proposes: %s"), p->what);
	text_sanitize(sb_str(&line), out);
	sb_puts(out, "\n  ");
	sb_reset(&line);
	sb_printf(&line, _("decide: coboard authority accept|refuse %s"), p->key);
	text_sanitize(sb_str(&line), out);
	sb_putc(out, '\n');
	sb_free(&line);
}
