/* The commands of execution control: the lead agency reports and asks (submit, extend,
 * dispute); the coordinator's office sees what waits (requests) and decides (accept, return,
 * grant, refuse). */
#include <stdlib.h>
#include <string.h>

#include "../model/control.h"
#include "command.h"
#include "print.h"

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
