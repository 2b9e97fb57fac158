/* The commands of execution control: the lead agency reports and asks (submit, extend,
 * dispute); the coordinator's office sees what waits (requests) and decides (accept, return,
 * grant, refuse). */
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "i18n.h"
#include "remind.h"
#include "command.h"
#include "print.h"
#include "text.h"

int cmd_submit(struct cmd *c)
{
	struct strbuf text = {0};
	struct op_result res;
	int rc;

	join_args(c, 1, &text);
	rc = report_write(c, control_submit(c->s, c->id, sb_str(&text), &res, &c->err), &res);
	sb_free(&text);
	return rc;
}

int cmd_accept(struct cmd *c)
{
	struct op_result res;

	return report_write(c, control_decide_report(c->s, c->id, true, opt(c, "reason"), &res,
						     &c->err),
			    &res);
}

int cmd_return(struct cmd *c)
{
	struct op_result res;

	if (!opt(c, "reason"))
		return usage_fail(c, "say why the report goes back: --reason TEXT");
	return report_write(c, control_decide_report(c->s, c->id, false, opt(c, "reason"), &res,
						     &c->err),
			    &res);
}

int check_extend(struct cmd *c)
{
	if (!opt(c, "to"))
		return usage_fail(c, "--to DATE is required: the deadline asked for");
	if (!opt(c, "reason"))
		return usage_fail(c, "--reason TEXT is required: why more time is needed");
	return 0;
}

int cmd_extend(struct cmd *c)
{
	struct op_result res;

	return report_write(c, control_extend(c->s, c->id, opt(c, "to"), opt(c, "reason"), &res,
					      &c->err),
			    &res);
}

int check_dispute(struct cmd *c)
{
	if (!opt(c, "propose"))
		return usage_fail(c, "--propose AGENCY is required: the agency that should lead");
	if (!opt(c, "reason"))
		return usage_fail(c, "--reason TEXT is required: why another agency should lead");
	return 0;
}

int cmd_dispute(struct cmd *c)
{
	struct op_result res;

	return report_write(c, control_dispute(c->s, c->id, opt(c, "propose"), opt(c, "reason"),
					       &res, &c->err),
			    &res);
}

int cmd_requests(struct cmd *c)
{
	struct request_list list;

	if (index_requests(c->s->index, !flag(c, "all"), &list, &c->err) < 0)
		return -1;
	print_requests(&list, &c->board, c->format, &c->out);
	request_list_free(&list);
	return 0;
}

int check_decide(struct cmd *c)
{
	char *end;
	long n = strtol(c->a.pos[0], &end, 10);

	if (*end || n < 1 || n > 99999999)
		return usage_fail(c, "'%s' is not a request number (`coboard requests` lists them)",
				  c->a.pos[0]);
	if (opt(c, "card")) {
		int id;
		if (args_card_id(opt(c, "card"), &id, &c->err) < 0) {
			c->usage = true;
			return -1;
		}
	}
	return 0;
}

static int decide(struct cmd *c, bool grant)
{
	struct op_result res;
	int card = 0;

	if (opt(c, "card") && args_card_id(opt(c, "card"), &card, &c->err) < 0)
		return -1;
	return report_write(c, control_decide(c->s, atoi(c->a.pos[0]), card, grant,
					      opt(c, "reason"), &res, &c->err),
			    &res);
}

int cmd_grant(struct cmd *c)
{
	return decide(c, true);
}

int cmd_refuse(struct cmd *c)
{
	if (!opt(c, "reason"))
		return usage_fail(c, "say why: --reason TEXT");
	return decide(c, false);
}

/* --- reminders by mail --------------------------------------------------------------- */

int check_remind(struct cmd *c)
{
	if (c->a.npos == 1 && strcmp(c->a.pos[0], "off") != 0 && strcmp(c->a.pos[0], "on") != 0)
		return usage_fail(c, "remind takes off or on (for yourself), or nothing (send them)");
	return 0;
}

int cmd_remind(struct cmd *c)
{
	struct reminders r;
	const char *denied;

	if (c->a.npos == 1) {
		bool off = strcmp(c->a.pos[0], "off") == 0;
		if (remind_opt_out(c->s, c->s->login, off, &c->err) < 0)
			return -1;
		sb_printf(&c->out, off ? _("%s gets no reminders from this board any more\n")
				       : _("%s gets reminders from this board again\n"),
			  c->s->login);
		return 0;
	}
	/* The service account's timer acts as the board's owner; people need the office's role. */
	if ((denied = board_may_run_meeting(&c->board, c->s->login)))
		return cb_fail(&c->err, CB_EDENIED, "%s may not send reminders: %s", c->s->login,
			       denied);
	if (remind_compose(c->s, opt(c, "agency"), &r, &c->err) < 0)
		return -1;
	if (flag(c, "dry-run")) {
		for (size_t i = 0; i < r.n; i++) {
			text_sanitize_lines(sb_str(&r.v[i].text), &c->out);
			sb_puts(&c->out, "\n");
		}
		sb_printf(&c->out, P_("%zu message would be sent\n", "%zu messages would be sent\n",
				      r.n),
			  r.n);
		reminders_free(&r);
		return 0;
	}
	int rc = remind_send(c->s, &r, &c->err);
	for (size_t i = 0; i < r.failed.n; i++)
		say_error(_("not sent: %s (the other agencies' went; this one is tried again next "
			    "time)"),
			  r.failed.v[i]);
	if (rc == 0)
		sb_printf(&c->out, P_("sent %zu reminder\n", "sent %zu reminders\n", r.sent), r.sent);
	if (r.failed.n)
		c->status = EXIT_FAIL;
	reminders_free(&r);
	return rc;
}
