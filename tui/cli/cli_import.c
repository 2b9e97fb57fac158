/* coboard import: the control matrix comes in from a spreadsheet (model/services/import.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "command.h"
#include "text.h"

static int read_file(const char *path, struct strbuf *out, struct cb_error *err)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return cb_fail(err, CB_ENOTFOUND, "cannot read %s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		sb_add(out, buf, n);
		if (out->len > BOARD_FILE_MAX * 4) {
			fclose(f);
			return cb_fail(err, CB_EINVALID, "%s is over %d MiB: split it", path,
				       BOARD_FILE_MAX * 4 >> 20);
		}
	}
	fclose(f);
	return 0;
}

/* What each row becomes, or is: one line each, then the problems. */
static void print_plan(const struct import_plan *plan, bool update, bool all,
		       struct strbuf *out)
{
	char day[16];

	for (size_t i = 0; i < plan->ignored.n; i++) {
		sb_puts(out, _("column not read: "));
		text_sanitize(plan->ignored.v[i], out);
		sb_putc(out, '\n');
	}
	for (size_t i = 0; i < plan->n; i++) {
		const struct import_row *r = &plan->rows[i];
		struct strvec none = {0};
		const struct strvec *co = &r->card.co;

		if (!all && !r->changes.n)
			continue; /* what differs is always said; the rest on a dry run */

		sb_printf(out, _("line %d: "), r->line);
		if (r->existing && !r->changes.n)
			sb_printf(out, _("item %s is #%d, unchanged"), r->card.item, r->existing);
		else if (r->existing)
			sb_printf(out, _("item %s is #%d; differs%s:"), r->card.item, r->existing,
				  update ? "" : _(" (changed with --update)"));
		else
			sb_puts(out, _("new card: "));
		if (!r->existing) {
			text_fit(r->card.title, 50, false, out);
			sb_printf(out, "  %s", r->card.lead);
			struct strbuf list = {0};
			sv_join(co->n ? co : &none, ", ", &list);
			if (list.len)
				sb_printf(out, " + %s", sb_str(&list));
			sb_free(&list);
			if (*r->card.due)
				sb_printf(out, _(", due %s"), print_day(r->card.due, day));
		}
		for (size_t k = 0; k < r->changes.n; k++) {
			sb_puts(out, k ? "; " : " ");
			text_sanitize(r->changes.v[k], out);
		}
		sb_putc(out, '\n');
	}
}

int cmd_import(struct cmd *c)
{
	const char *path = c->a.pos[0], *name = strrchr(path, '/');
	struct strbuf text = {0};
	struct import_plan plan;
	bool dry = flag(c, "dry-run"), update = flag(c, "update");
	int rc;

	name = name ? name + 1 : path;
	if (read_file(path, &text, &c->err) < 0) {
		sb_free(&text);
		return -1;
	}
	rc = import_read(c->s, sb_str(&text), text.len, opt(c, "source") ? opt(c, "source") : name,
			 &plan, &c->err);
	sb_free(&text);
	if (rc < 0)
		return -1;
	print_plan(&plan, update, dry || plan.problems.n, &c->out);
	for (size_t i = 0; i < plan.problems.n; i++)
		say_error("%s", plan.problems.v[i]);
	if (!dry) {
		rc = import_apply(c->s, &plan, name, update, &c->err);
		if (rc == 0) {
			size_t same = plan.n - plan.added - plan.changed;
			sb_printf(&c->out, _("imported %s: %zu new, %zu changed, %zu as they were\n"),
				  name, plan.added, plan.changed, same);
		}
	} else if (plan.problems.n) {
		c->status = EXIT_FAIL;
	}
	import_plan_free(&plan);
	return rc;
}
