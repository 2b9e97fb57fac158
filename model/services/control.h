/* Execution control of instructions (контроль исполнения): the lead agency reports and
 * asks, the coordinator's office decides. Each request and each decision is one commit on
 * the card it is about, a step kept on the card (struct step in card.h):
 *
 *   submit   a member of the lead agency files its report of execution: the card goes to
 *            the review column; a co-executor files its part, and the card shows how many
 *            of its co-executors reported;
 *   extend   the lead asks for a new deadline, with reasons (after the deadline the request
 *            is still taken, and counts as late);
 *   dispute  the lead proposes another lead within dispute-days of being assigned;
 *   grant, refuse (and accept, return for a report)
 *            a secretary or admin decides: an accepted report takes the item off control
 *            (Done), a returned one sends it back to work, a granted extension moves the
 *            deadline, a granted dispute changes the lead.
 *
 * Nobody decides their own request; viewers file nothing. */
#ifndef COBOARD_CONTROL_H
#define COBOARD_CONTROL_H

#include "ops.h"

int control_submit(struct session *s, int id, const char *text, struct op_result *res,
		   struct cb_error *err);
int control_extend(struct session *s, int id, const char *date, const char *reason,
		   struct op_result *res, struct cb_error *err);
int control_dispute(struct session *s, int id, const char *agency, const char *reason,
		    struct op_result *res, struct cb_error *err);
/* Decides request number (card 0: the one card that holds it); grant false refuses. A
 * refusal needs a reason. *kind (optional) gets the request's kind. */
int control_decide(struct session *s, int number, int card, bool grant, const char *reason,
		   struct op_result *res, struct cb_error *err);
/* Accepts or returns the report waiting on card id. */
int control_decide_report(struct session *s, int id, bool accept, const char *reason,
			  struct op_result *res, struct cb_error *err);

/* What the card view shows of a card's control: "reported by MOE, 12.03.2026", "returned:
 * ...", "extension asked: 30.06.2026", "co-executors: 3 of 20 reported", "taken off
 * control by sec, 13.03.2026", one line each, appended to lines in English words that the
 * front end translates. */
struct control_state {
	const struct step *report;   /* the latest report, NULL when none */
	const struct step *decision; /* its decision, NULL while it waits */
	const struct step *extension; /* an extension request waiting, NULL when none */
	const struct step *dispute;   /* a dispute waiting, NULL when none */
	size_t parts_reported, co_total; /* co-executors that sent their part, of all */
	size_t extensions_granted;
	const char *first_due; /* the deadline before the first extension granted, or NULL */
};
void control_state_of(const struct card *card, struct control_state *out);

#endif
