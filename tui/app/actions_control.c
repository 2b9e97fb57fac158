/* Execution control in the app: the lead reports and asks on a card (S, E, P), the
 * coordinator decides in the requests view (y, N). Each asks what it needs on the status
 * line, then makes the same model call the CLI makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control.h"
#include "date.h"
#include "i18n.h"
#include "actions.h"
#include "app.h"
#include "editor.h"
#include "form.h"

static const char *check_filled(const char *text, void *ctx)
{
	char *norm = text_normalize(text);
	bool empty = !*norm;

	(void)ctx;
	free(norm);
	return empty ? _("type it, or Esc to cancel") : NULL;
}

static const char *check_date(const char *text, void *ctx)
{
	struct app *app = ctx;
	char day[11];

	return date_valid(form_deadline(&app->board, text, day))
		       ? NULL
		       : _("a date (YYYY-MM-DD, DD.MM.YYYY) or +10d, +5wd, +2m, urgent, operational");
}

static bool ask(struct app *app, const char *label, prompt_check_fn check, char **out)
{
	return prompt_line(app, label, "", check, NULL, app, out);
}

/* What is written rather than typed in a word: a report in lines, a reason as a paragraph. */
static bool ask_text(struct app *app, const char *label, enum text_shape shape, char **out)
{
	return edit_text(app, label, "", shape, check_filled, app, out);
}

static bool submit(struct app *app, int id)
{
	struct op_result res;
	struct cb_error err = {0};
	char label[128], done[64], *text = NULL;
	bool ok = false;

	snprintf(label, sizeof(label), _("Report on #%d (what was done, the document's No. and "
					 "date): "), id);
	snprintf(done, sizeof(done), _("reported on #%d"), id);
	if (ask_text(app, label, TEXT_LINES, &text))
		ok = action_report(app, control_submit(app->s, id, text, &res, &err), &res, &err,
				   done);
	free(text);
	return ok;
}

static bool extend(struct app *app, int id)
{
	struct op_result res;
	struct cb_error err = {0};
	char label[96], done[64], *day = NULL, *reason = NULL;
	bool ok = false;

	snprintf(label, sizeof(label), _("New deadline asked for #%d: "), id);
	snprintf(done, sizeof(done), _("asked for more time on #%d"), id);
	if (ask(app, label, check_date, &day) &&
	    ask_text(app, _("Why is more time needed (required): "), TEXT_PARAGRAPH, &reason))
		ok = action_report(app, control_extend(app->s, id, day, reason, &res, &err), &res,
				   &err, done);
	free(day);
	free(reason);
	return ok;
}

static bool dispute(struct app *app, int id)
{
	struct op_result res;
	struct cb_error err = {0};
	struct card card;
	char title[96], done[64], *reason = NULL;
	bool ok = false;

	if (index_card(app->s->index, id, &card, &err) < 0) {
		app_message(app, C_ERROR, "%s", err.msg);
		card_free(&card);
		return false;
	}
	snprintf(title, sizeof(title), _("Propose the lead of #%d"), id);
	snprintf(done, sizeof(done), _("proposed another lead for #%d"), id);
	if (pick_lead(app, title, &card) &&
	    ask_text(app, _("Why should that agency lead (required): "), TEXT_PARAGRAPH, &reason))
		ok = action_report(app, control_dispute(app->s, id, card.lead, reason, &res, &err),
				   &res, &err, done);
	free(reason);
	card_free(&card);
	return ok;
}

bool action_control(struct app *app, enum action action, int id)
{
	if (action == ACT_SUBMIT)
		return submit(app, id);
	if (action == ACT_EXTEND)
		return extend(app, id);
	return dispute(app, id);
}

bool action_decide(struct app *app, int number, int card, bool grant)
{
	struct op_result res;
	struct cb_error err = {0};
	char done[64], *reason = NULL;
	bool ok = false;

	snprintf(done, sizeof(done), grant ? _("request %d granted") : _("request %d refused"),
		 number);
	if (grant || ask_text(app, _("Why (required, Esc cancels): "), TEXT_PARAGRAPH, &reason))
		ok = action_report(app, control_decide(app->s, number, card, grant, reason, &res,
						       &err),
				   &res, &err, done);
	free(reason);
	return ok;
}
