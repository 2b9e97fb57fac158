/* Execution control as rules on a card change: who may move a card into review or Done,
 * change a deadline, change the lead or the co-executors, and file or decide requests. The
 * write path asks these for every card change, whatever front end made it. */
#include "board.h"

#include <string.h>

#include "card.h"
#include "i18n.h"

static bool column_closes(const struct board *board, const char *key)
{
	const struct column_def *c = board_column(board, key);

	return c && (c->kind == COLUMN_DONE || c->kind == COLUMN_REVIEW);
}

static bool same_steps(const struct card *a, const struct card *b)
{
	if (a->nsteps != b->nsteps)
		return false;
	for (size_t i = 0; i < a->nsteps; i++)
		if (!card_has_step(b, &a->steps[i]))
			return false;
	return true;
}

bool board_op_is_control(const char *op)
{
	return strncmp(op, "request-", 8) == 0 || strcmp(op, "decide") == 0;
}

const char *board_may_change_card(const struct board *board, const char *login, const char *op,
				  const char *reason, const struct card *before,
				  const struct card *after)
{
	static const struct card none = {0};
	enum role role = board_role(board, login);
	bool given = reason && *reason;
	const char *due_before = before ? before->due : "";

	if (board_op_is_control(op))
		return NULL; /* checked by the control op itself (model/services/control.c) */
	if (!same_steps(before ? before : &none, after) && strcmp(op, "revert") != 0)
		return _("requests and decisions are filed with submit, extend and dispute, and "
			 "decided with grant, refuse, accept and return");
	if (role == ROLE_MEMBER) {
		const struct column_def *was = before ? board_column(board, before->column) : NULL;
		if (before && was && was->kind == COLUMN_DONE &&
		    strcmp(before->column, after->column) != 0)
			return _("an item taken off control stays there; the coordinator's office "
				 "puts it back on control");
		if ((!before || strcmp(before->column, after->column) != 0) &&
		    column_closes(board, after->column))
			return _("the lead agency reports (`coboard submit ID TEXT`) and the "
				 "coordinator takes an item off control; a member does not move it "
				 "into review or Done");
		if (strcmp(due_before, after->due) != 0)
			return _("only the coordinator's office sets a deadline; ask for another with "
				 "`coboard extend ID --to DATE --reason TEXT`");
		if (before && (strcmp(before->item, after->item) != 0 ||
			       strcmp(before->source, after->source) != 0 ||
			       strcmp(before->every, after->every) != 0))
			return _("only the coordinator's office records where an instruction comes "
				 "from (its item number and source)");
		if (before && (strcmp(before->lead, after->lead) != 0 ||
			       !sv_equal(&before->co, &after->co)))
			return _("only the coordinator's office changes the lead or the co-executors; "
				 "the lead may propose another with `coboard dispute ID --propose "
				 "AGENCY --reason TEXT`");
		return NULL;
	}
	/* An undo, and the decision between two offices' values, each had their reasons. */
	if (role >= ROLE_SECRETARY && before && strcmp(op, "revert") != 0 &&
	    strcmp(op, "resolve") != 0 && !given) {
		if (strcmp(before->column, after->column) != 0 &&
		    column_closes(board, after->column))
			return _("moving an item into review or Done by hand takes a reason (--reason "
				 "TEXT); a report is taken off control with `coboard accept ID`");
		if (*due_before && strcmp(due_before, after->due) != 0)
			return _("moving a deadline takes a reason (--reason TEXT): reviewers read why "
				 "it moved");
	}
	return NULL;
}

static bool agency_involved(const struct card *card, const char *agency)
{
	return strcmp(card->lead, agency) == 0 || sv_contains(&card->co, agency);
}

/* The agency a member's changes are judged by. NULL lets a secretary or an admin through
 * (*why NULL) or refuses a viewer (*why says so); "" is a member without an agency. */
static const char *deciding_agency(const struct board *board, const char *login, const char **why)
{
	const struct member *m = board_member(board, login);
	enum role role = board_role(board, login);

	*why = NULL;
	if (role >= ROLE_SECRETARY)
		return NULL;
	if (role < ROLE_MEMBER) {
		*why = _("viewers can read the board but not change it; ask an admin for the member "
			 "role");
		return NULL;
	}
	return m && m->agency ? m->agency : "";
}

const char *board_may_edit_card(const struct board *board, const char *login,
				const struct card *card)
{
	const char *why, *agency = deciding_agency(board, login, &why);

	if (!agency)
		return why;
	if (!*agency || !agency_involved(card, agency))
		return _("members may change only cards their agency leads or co-executes");
	return NULL;
}

const char *board_may_add_card(const struct board *board, const char *login, const char *lead)
{
	const char *why, *agency = deciding_agency(board, login, &why);

	if (!agency)
		return why;
	if (!*agency || (lead && strcmp(agency, lead) != 0))
		return _("members may add only cards their own agency leads");
	return NULL;
}
