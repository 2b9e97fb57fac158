/* The history and meeting commands: blame, revert, meeting, changes, report. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/i18n.h"
#include "../model/date.h"
#include "../model/digest.h"
#include "../model/history.h"
#include "../model/meeting.h"
#include "../model/ops.h"
#include "../model/report.h"
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
		cli_error("nothing to revert: #%d already has those values", res.card);
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
	const char *since = opt(c, "since");
	char day[11];

	if (since && !date_parse(since, day))
		return usage_fail(c, "'%s' is not a real date; write it as YYYY-MM-DD or DD.MM.YYYY",
				  since);
	return 0;
}

int cmd_report(struct cmd *c)
{
	const char *since = opt(c, "since");
	char day[11];
	long long from = since && date_parse(since, day)
				 ? date_day_start(day)
				 : (long long)time(NULL) - DEFAULT_PERIOD_DAYS * 24 * 3600;
	struct report r;
	int rc = report_build(c->s, &c->board, board_agency_code_of(&c->board, opt(c, "agency")),
			      from, true, &r, &c->err);

	if (rc == 0)
		print_report(&r, &c->board, c->format, &c->out);
	report_free(&r);
	return rc;
}
