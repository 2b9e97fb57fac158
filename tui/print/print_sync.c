/* What the commands that join offices print: remotes, a sync's one line, values set aside. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sync.h"
#include "print.h"
#include "text.h"

void print_remotes(const struct sync_remotes *list, long long now, struct strbuf *out)
{
	if (!list->n)
		sb_puts(out, _("no remotes; add one with `coboard remote add NAME URL`\n"));
	for (size_t i = 0; i < list->n; i++) {
		const struct sync_remote *r = &list->v[i];

		text_fit(r->name, 14, true, out);
		sb_putc(out, ' ');
		text_sanitize(r->url, out);
		if (!r->last_sync) {
			sb_puts(out, _("  never synced\n"));
			continue;
		}
		sb_puts(out, _("  synced "));
		print_time(r->last_sync, out);
		sb_printf(out, _(" (%lld min ago): %zu in, %zu out\n"), (now - r->last_sync) / 60,
			  r->last_in, r->last_out);
	}
}

void print_sync_result(const char *name, const struct sync_result *r, struct strbuf *out)
{
	sb_printf(out, P_("sync %s: %zu change in, %zu out", "sync %s: %zu changes in, %zu out", r->in),
		  name, r->in, r->out);
	if (r->merged)
		sb_printf(out, _(", merged (%.7s)"), r->tip);
	else if (!r->in && !r->out)
		sb_puts(out, _(", already the same"));
	/* A long result is summarised: the first few, then how many more (all are in the
	 * commit's trailers and in `coboard conflicts`). */
	enum { SHOWN = 5 };
	if (r->conflicts.n) {
		sb_puts(out, _("; values set aside on"));
		for (size_t i = 0; i < r->conflicts.n && i < SHOWN; i++)
			sb_printf(out, "%s %s", i ? "," : "", r->conflicts.v[i]);
		if (r->conflicts.n > SHOWN)
			sb_printf(out, P_(" and %zu more", " and %zu more", r->conflicts.n - SHOWN),
				  r->conflicts.n - SHOWN);
		sb_puts(out, _(" (`coboard conflicts`)"));
	}
	if (r->renumbered.n > SHOWN)
		sb_printf(out, P_("; %zu cards made under ids the other office used came in under new "
				  "ids (`coboard log`)",
				  "; %zu cards made under ids the other office used came in under new "
				  "ids (`coboard log`)",
				  r->renumbered.n),
			  r->renumbered.n);
	for (size_t i = 0; i < r->renumbered.n && r->renumbered.n <= SHOWN; i++) {
		int was = 0, now = 0;
		sscanf(r->renumbered.v[i], "%d %d", &was, &now);
		sb_printf(out, _("; two different cards came as #%d: the other office's is #%d here"),
			  was, now);
	}
	sb_putc(out, '\n');
}

static void print_value(const char *field, const char *value, struct strbuf *out)
{
	if (strcmp(field, "description") == 0) {
		size_t first = strcspn(value, "\n");
		char *line = xstrndup(value, first);
		sb_putc(out, '"');
		text_sanitize(line, out);
		sb_puts(out, value[first] ? "\" …" : "\"");
		free(line);
	} else {
		text_sanitize(*value ? value : _("(none)"), out);
	}
}

void print_conflicts(const struct card_list *cards, const struct board *board,
		     struct strbuf *out)
{
	const char *conf = board_conflicts(board);

	if (!cards->n && !*conf)
		sb_puts(out, _("no conflicts: no value is set aside\n"));
	for (size_t i = 0; i < cards->n; i++) {
		const struct card *c = &cards->v[i];

		sb_printf(out, "#%d ", c->id);
		text_fit(c->title, 50, false, out);
		sb_putc(out, '\n');
		for (size_t j = 0; j < c->nconflicts; j++) {
			const char *field = c->conflicts[j].field;
			sb_puts(out, "  ");
			text_fit(field, 12, true, out);
			sb_puts(out, _(" kept "));
			print_value(field, card_text_value(c, field), out);
			sb_puts(out, _(", set aside "));
			print_value(field, c->conflicts[j].value, out);
			sb_putc(out, '\n');
		}
		/* Two offices decided one request differently: both decisions are kept. */
		for (size_t j = 0; j < c->nsteps; j++) {
			const struct step *r = &c->steps[j];
			if (!step_is_request(r) || !card_decided_twice(c, r->number))
				continue;
			sb_printf(out, _("  request %d decided twice:"), r->number);
			for (size_t k = 0; k < c->nsteps; k++)
				if (c->steps[k].number == r->number && !step_is_request(&c->steps[k])) {
					sb_putc(out, ' ');
					text_sanitize(c->steps[k].kind, out);
					sb_puts(out, _(" by "));
					text_sanitize(c->steps[k].author, out);
					sb_printf(out, " (%.10s)", c->steps[k].time);
				}
			sb_putc(out, '\n');
		}
	}
	if (*conf) {
		sb_puts(out, _("board.conf (set the line you want with `coboard member`, then `coboard conflicts resolve board.conf`):\n"));
		text_sanitize(conf, out);
	}
	bool values = false, decisions = false;
	for (size_t i = 0; i < cards->n; i++) {
		values |= cards->v[i].nconflicts > 0;
		for (size_t j = 0; j < cards->v[i].nsteps; j++)
			decisions |= card_decided_twice(&cards->v[i], cards->v[i].steps[j].number);
	}
	if (values)
		sb_puts(out, _("decide with: coboard conflicts resolve ID FIELD keep|take\n"));
	if (decisions)
		sb_puts(out, _("settle a request decided twice by undoing the decision not kept: "
			       "coboard revert COMMIT (coboard history ID names it)\n"));
}
