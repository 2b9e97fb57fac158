/* The history and meeting commands: blame, revert, meeting, changes, report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "date.h"
#include "digest.h"
#include "blame.h"
#include "history.h"
#include "meeting.h"
#include "ops.h"
#include "report.h"
#include "command.h"
#include "print.h"

enum { DEFAULT_PERIOD_DAYS = 30 };

int cmd_blame(struct cmd *c)
{
	struct blame blame = {0};
	struct card card;
	int rc = index_card(c->s->index, c->id, &card, &c->err);

	if (rc == 0)
		rc = history_blame(c->s->index, &card, &blame, &c->err);
	if (rc == 0)
		print_blame(&blame, c->id, c->format, &c->out);
	blame_free(&blame);
	card_free(&card);
	return rc;
}

int cmd_revert(struct cmd *c)
{
	struct op_result res;

	if (ops_revert(c->s, c->a.pos[0], flag(c, "force"), &res, &c->err) < 0)
		return -1;
	if (res.changed)
		sb_printf(&c->out, _("reverted %s on #%d as %.7s\n"), c->a.pos[0], res.card, res.commit);
	else
		say_error("nothing to revert: #%d already has those values", res.card);
	return 0;
}

int check_meeting(struct cmd *c)
{
	const char *verb = c->a.pos[0];

	if (strcmp(verb, "start") != 0 && strcmp(verb, "end") != 0 && strcmp(verb, "status") != 0)
		return usage_fail(c, "unknown meeting command '%s' (start, end, status)", verb);
	if (strcmp(verb, "start") != 0 && c->a.npos > 1)
		return usage_fail(c, "unexpected argument '%s'", c->a.pos[1]);
	return 0;
}

int cmd_meeting(struct cmd *c)
{
	const char *verb = c->a.pos[0];
	struct op_result res;
	int rc;

	if (strcmp(verb, "start") == 0) {
		struct strbuf title = {0};

		join_args(c, 1, &title);
		rc = meeting_start(c->s, sb_str(&title), &res, &c->err);
		if (rc == 0)
			sb_printf(&c->out, _("meeting started at %.7s\n"), res.commit);
		sb_free(&title);
	} else if (strcmp(verb, "end") == 0) {
		char *minutes = NULL;

		rc = meeting_end(c->s, &res, &minutes, &c->err);
		if (rc == 0)
			sb_printf(&c->out, _("minutes in %s, commit %.7s\n"), minutes, res.commit);
		free(minutes);
	} else {
		struct meeting m;
		bool open = false;

		rc = meeting_current(c->s, &m, &open, &c->err);
		if (rc == 0)
			print_meeting_status(&m, open, &c->out);
		meeting_free(&m);
	}
	return rc;
}

int check_changes(struct cmd *c)
{
	if (!opt(c, "since"))
		return usage_fail(c, "--since is required (last-meeting, a date or a commit)");
	return 0;
}

int cmd_changes(struct cmd *c)
{
	struct digest d = {0};
	int rc = digest_since(c->s, opt(c, "since"), &d, &c->err);

	if (rc == 0)
		print_digest(&d, opt(c, "since"), c->format, &c->out);
	digest_free(&d);
	return rc;
}

int check_report(struct cmd *c)
{
	const char *names[] = {"since", "until"};
	char day[11];

	for (size_t i = 0; i < 2; i++)
		if (opt(c, names[i]) && !date_parse(opt(c, names[i]), day))
			return usage_fail(c, "'%s' is not a real date; write it as YYYY-MM-DD or "
					  "DD.MM.YYYY", opt(c, names[i]));
	if (opt(c, "table") && strcmp(opt(c, "table"), "cards") != 0 &&
	    strcmp(opt(c, "table"), "discipline") != 0)
		return usage_fail(c, "--table is cards or discipline");
	return 0;
}

int cmd_report(struct cmd *c)
{
	char since[11], until[11], today[11];
	struct report r;

	/* The period follows "today" (COBOARD_TODAY in tests), as every date does. */
	date_today(today);
	if (!opt(c, "until") || !date_parse(opt(c, "until"), until))
		snprintf(until, sizeof(until), "%s", today);
	if (!opt(c, "since") || !date_parse(opt(c, "since"), since))
		date_from_days(date_to_days(until) - DEFAULT_PERIOD_DAYS, since);
	int rc = report_build(c->s, &c->board, board_agency_code_of(&c->board, opt(c, "agency")),
			      date_day_start(since), true, &r, &c->err);
	if (rc == 0)
		rc = report_discipline(c->s, &c->board, &r, since, until, &c->err);
	if (rc == 0 && c->format == FORMAT_HTML)
		print_report_html(&r, &c->board, &c->out);
	else if (rc == 0)
		print_report(&r, &c->board, c->format,
			     opt(c, "table") && strcmp(opt(c, "table"), "discipline") == 0, &c->out);
	report_free(&r);
	return rc;
}
