#include "actions.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "history.h"
#include "date.h"
#include "meeting.h"
#include "ops.h"
#include "app.h"
#include "editor.h"
#include "form.h"

/* Reports an op's outcome on the status line; true when it committed. */
bool action_report(struct app *app, int rc, const struct op_result *res,
		   const struct cb_error *err, const char *done)
{
	if (rc < 0) {
		app_message(app, C_ERROR, "%s", err->msg);
		return false;
	}
	if (!res->changed) {
		app_message(app, C_NOTICE, "nothing to change on #%d", res->card);
		return false;
	}
	app_message(app, C_NOTICE, "%s (%.7s)", done, res->commit);
	return true;
}

static bool load_card(struct app *app, int id, struct card *card)
{
	struct cb_error err = {0};

	if (index_card(app->s->index, id, card, &err) < 0) {
		app_message(app, C_ERROR, "%s", err.msg);
		card_free(card);
		return false;
	}
	return true;
}

/* An optional reason, asked when a card is reassigned, blocked or archived. NULL on Esc. */
static bool ask_reason(struct app *app, const char *what, char **reason)
{
	char label[128];

	snprintf(label, sizeof(label), _("Reason for %s (optional, Esc cancels): "), what);
	return edit_text(app, label, "", TEXT_PARAGRAPH, NULL, NULL, reason);
}

/* Saves the user's change to a card from base, the card as the user saw it: what others
 * changed meanwhile in other fields stays; a field both changed is the user's decision. */
static bool save_from(struct app *app, const struct card *base, const struct card *edited,
		      const char *op, const char *reason, const char *done)
{
	struct cb_error err = {0};
	struct op_result res;
	char *asked = NULL;

	/* A move into review or Done, or a deadline moved, takes a reason (the rule in the
	 * model): asked for here, as the CLI asks for --reason. */
	if (str_empty(reason) &&
	    board_may_change_card(&app->board, app->s->login, op, NULL, base, edited) &&
	    !board_may_change_card(&app->board, app->s->login, op, "-", base, edited)) {
		if (!edit_text(app, _("Reason for this change (required, Esc cancels): "), "",
			       TEXT_PARAGRAPH, NULL, NULL, &asked))
			return false;
		if (str_empty(asked)) {
			free(asked);
			app_message(app, C_ERROR, _("not saved: this change takes a reason"));
			return false;
		}
		reason = asked;
	}
	int rc = ops_save_card(app->s, base, edited, op, reason, &res, &err);

	if (rc < 0 && err.code == CB_ECONFLICT) {
		char question[700];
		struct card now;

		snprintf(question, sizeof(question), _("%s. Overwrite with yours?"), err.msg);
		if (!prompt_yes_no(app, question)) {
			app_message(app, C_NOTICE, "kept their changes; yours were not saved");
			free(asked);
			return false;
		}
		if (!load_card(app, edited->id, &now)) {
			free(asked);
			return false;
		}
		cb_error_clear(&err);
		rc = ops_save_card(app->s, &now, edited, op, reason, &res, &err);
		card_free(&now);
	}
	bool ok = action_report(app, rc, &res, &err, done);
	free(asked);
	return ok;
}

/* How full column col would be with one more card: "; In progress is now over its limit
 * (11/10)" when that passes its WIP limit, else nothing. */
static void limit_warning(struct app *app, int col, char *out, size_t size)
{
	const struct column_def *def = &app->board.columns[col];
	struct cb_error err = {0};
	int *counts = xcalloc(app->board.ncolumns + 1, sizeof(int));

	out[0] = '\0';
	if (def->limit && index_column_counts(app->s->index, &app->board, counts, &err) == 0 &&
	    counts[col] + 1 > def->limit)
		snprintf(out, size, _("; %s is now over its WIP limit (%d/%d)"), board_column_name(def),
			 counts[col] + 1, def->limit);
	free(counts);
}

/* One move, one commit: to column col (an index), asking why when it is the blocked one. */
static bool move_card(struct app *app, int id, int col)
{
	struct card card, moved;
	char *reason = NULL, done[256], over[128];
	bool ok = false;

	if (!load_card(app, id, &card))
		return false;
	if (strcmp(card.column, app->board.columns[col].key) == 0) {
		app_message(app, C_NOTICE, "#%d is already in %s", id, board_column_name(&app->board.columns[col]));
		card_free(&card);
		return false;
	}
	if (app->board.columns[col].kind != COLUMN_BLOCKED || ask_reason(app, _("blocking it"), &reason)) {
		limit_warning(app, col, over, sizeof(over));
		card_copy(&moved, &card);
		str_set(&moved.column, app->board.columns[col].key);
		snprintf(done, sizeof(done), _("moved #%d to %s%s"), id, board_column_name(&app->board.columns[col]), over);
		ok = save_from(app, &card, &moved, "move", reason, done);
		card_free(&moved);
	}
	free(reason);
	card_free(&card);
	return ok;
}

static bool move_to_column(struct app *app, int id, int direction)
{
	struct card card;
	int col;

	if (!load_card(app, id, &card))
		return false;
	col = board_column_index(&app->board, card.column) + direction;
	card_free(&card);
	if (col < 0 || col >= (int)app->board.ncolumns) {
		app_message(app, C_ERROR, "#%d is already in the %s column", id,
			    direction < 0 ? _("first") : _("last"));
		return false;
	}
	return move_card(app, id, col);
}

/* Any column in one step: To do to Blocked is one change and one line in the minutes. */
static bool move_to_picked_column(struct app *app, int id)
{
	struct strvec names = {0}, details = {0};
	struct card card;
	char title[64];
	int choice, current;

	if (!load_card(app, id, &card))
		return false;
	current = board_column_index(&app->board, card.column);
	card_free(&card);
	for (size_t i = 0; i < app->board.ncolumns; i++) {
		const struct column_def *c = &app->board.columns[i];
		sv_push(&names, c->key);
		sv_push(&details, (int)i == current ? _("(where it is)") : board_column_name(c));
	}
	snprintf(title, sizeof(title), _("Move #%d to"), id);
	choice = pick_one(app, title, &names, &details, current);
	sv_free(&names);
	sv_free(&details);
	return choice >= 0 && move_card(app, id, choice);
}

bool action_reorder(struct app *app, int id, int before, int after)
{
	struct cb_error err = {0};
	struct op_result res;
	struct card card;
	char done[64];
	bool ok;

	if (!load_card(app, id, &card))
		return false;
	snprintf(done, sizeof(done), _("moved #%d %s"), id, before ? _("up") : _("down"));
	ok = action_report(app, ops_move(app->s, id, card.column, before, after, NULL, &res, &err), &res,
		    &err, done);
	card_free(&card);
	return ok;
}

static void join(const struct strvec *list, struct strbuf *out)
{
	sv_join(list, ",", out);
}

bool action_add(struct app *app, const char *column, int *new_id)
{
	const struct member *me = board_member(&app->board, app->s->login);
	struct cb_error err = {0};
	struct strbuf co = {0}, labels = {0};
	struct op_result res;
	struct card card;
	char done[64];
	bool ok = false;

	card_init(&card);
	str_set(&card.column, column);
	str_set(&card.lead, me && !str_empty(me->agency) ? me->agency
			    : app->board.nagencies ? app->board.agencies[0].code : "");
	if (card_form(app, _("New card"), &card)) {
		join(&card.co, &co);
		join(&card.labels, &labels);
		struct add_args args = {card.title, card.lead, sb_str(&co), column, card.due,
					sb_str(&labels), card.description};
		int rc = ops_add(app->s, &args, &res, &err);
		snprintf(done, sizeof(done), _("added #%d"), res.card);
		ok = action_report(app, rc, &res, &err, done);
		if (ok)
			*new_id = res.card;
	}
	sb_free(&co);
	sb_free(&labels);
	card_free(&card);
	return ok;
}

static bool edit_card(struct app *app, int id)
{
	struct card base, edited;
	char heading[64], done[64];
	bool ok = false;

	if (!load_card(app, id, &base))
		return false;
	card_copy(&edited, &base);
	snprintf(heading, sizeof(heading), _("Edit #%d"), id);
	snprintf(done, sizeof(done), _("saved #%d"), id);
	if (card_form(app, heading, &edited))
		ok = save_from(app, &base, &edited, "edit", NULL, done);
	card_free(&base);
	card_free(&edited);
	return ok;
}

static bool reassign_card(struct app *app, int id)
{
	struct card card, picked;
	char *reason = NULL, done[128], title[64];
	bool ok = false;

	if (!load_card(app, id, &card))
		return false;
	card_copy(&picked, &card);
	/* The same pickers as the form: lead first, then co-executors. */
	snprintf(title, sizeof(title), _("Reassign #%d: lead agency"), id);
	if (!pick_lead(app, title, &picked))
		goto out;
	snprintf(title, sizeof(title), _("Reassign #%d: co-executors"), id);
	if (!pick_co(app, title, &picked))
		goto out;
	if (!ask_reason(app, _("the reassignment"), &reason))
		goto out;
	snprintf(done, sizeof(done), _("reassigned #%d to %s"), id, picked.lead);
	ok = save_from(app, &card, &picked, "assign", reason, done);
out:
	free(reason);
	card_free(&card);
	card_free(&picked);
	return ok;
}

static const char *check_note(const char *text, void *ctx)
{
	static struct cb_error err;

	(void)ctx;
	cb_error_clear(&err);
	if (text_validate(_("the note"), text, true, &err) < 0)
		return err.msg;
	char *norm = text_normalize(text);
	bool empty = !*norm;
	free(norm);
	return empty ? _("the note is empty; type it, or Esc to cancel") : NULL;
}

static bool add_note(struct app *app, int id)
{
	struct cb_error err = {0};
	struct op_result res;
	char label[64], done[64], *text = NULL;
	bool ok = false;

	snprintf(label, sizeof(label), _("Note on #%d: "), id);
	snprintf(done, sizeof(done), _("noted on #%d"), id);
	if (edit_text(app, label, "", TEXT_LINES, check_note, NULL, &text))
		ok = action_report(app, ops_note(app->s, id, text, &res, &err), &res, &err, done);
	free(text);
	return ok;
}

struct due_check {
	struct app *app;
	struct card *card;
	struct cb_error err;
};

/* The model's validation of the card with the new date: the CLI's message, word for word. */
static const char *check_due(const char *text, void *ctx_)
{
	struct due_check *ctx = ctx_;
	struct card copy;

	cb_error_clear(&ctx->err);
	char day[11];

	card_copy(&copy, ctx->card);
	str_set(&copy.due, form_deadline(&ctx->app->board, text, day));
	card_validate(&copy, &ctx->app->board, &ctx->err);
	card_free(&copy);
	return ctx->err.code ? ctx->err.msg : NULL;
}

static bool set_due(struct app *app, int id)
{
	struct card card;
	char label[96], done[64], *text = NULL;
	bool ok = false;

	if (!load_card(app, id, &card))
		return false;
	struct due_check ctx = {app, &card, {0}};
	snprintf(label, sizeof(label), _("Due date for #%d (YYYY-MM-DD, empty clears): "), id);
	snprintf(done, sizeof(done), _("due date of #%d set"), id);
	char shown[16]; /* the date as the reader writes it: 11.12.2026 in Russian and Kazakh */
	i18n_day(card.due, shown);
	if (prompt_line(app, label, shown, check_due, NULL, &ctx, &text)) {
		struct card dated;

		char day[11];

		card_copy(&dated, &card);
		str_set(&dated.due, form_deadline(&app->board, text, day));
		ok = save_from(app, &card, &dated, "edit", NULL, done);
		card_free(&dated);
	}
	free(text);
	card_free(&card);
	return ok;
}

static bool archive_card(struct app *app, int id)
{
	struct cb_error err = {0};
	struct op_result res;
	struct card card;
	char question[300], done[64], *reason = NULL;
	bool ok = false;

	if (!load_card(app, id, &card))
		return false;
	snprintf(question, sizeof(question), _("Archive #%d \"%.200s\"?"), id, card.title);
	if (prompt_yes_no(app, question) && ask_reason(app, _("archiving"), &reason)) {
		snprintf(done, sizeof(done), _("archived #%d"), id);
		ok = action_report(app, ops_archive(app->s, id, reason, &res, &err), &res, &err, done);
	}
	free(reason);
	card_free(&card);
	return ok;
}

bool action_undo(struct app *app)
{
	struct cb_error err = {0};
	struct op_result res;
	char oid[41], question[400], done[400], *subject = NULL, *member = NULL;
	bool ok = false;

	if (index_last_card_commit_by(app->s->index, app->s->login, oid, &err) < 0 || !oid[0] ||
	    index_commit_summary(app->s->index, oid, &subject, &member, &err) < 0) {
		app_message(app, C_ERROR, "%s", err.code ? err.msg : _("you have made no change to undo"));
		return false;
	}
	snprintf(question, sizeof(question), _("Undo your last change, \"%.300s\"?"), subject);
	if (prompt_yes_no(app, question)) {
		snprintf(done, sizeof(done), _("undone \"%.300s\""), subject);
		ok = action_report(app, ops_revert(app->s, oid, false, &res, &err), &res, &err, done);
	}
	free(subject);
	free(member);
	return ok;
}

bool action_meeting(struct app *app)
{
	struct cb_error err = {0};
	struct op_result res;
	struct meeting m;
	char question[300], *title = NULL, *minutes = NULL, done[300];
	bool open, ok = false;

	if (meeting_current(app->s, &m, &open, &err) < 0) {
		app_message(app, C_ERROR, "%s", err.msg);
		return false;
	}
	if (open) {
		snprintf(question, sizeof(question), _("End the meeting \"%.200s\" and commit its minutes?"),
			 m.title);
		if (prompt_yes_no(app, question)) {
			int rc = meeting_end(app->s, &res, &minutes, &err);
			snprintf(done, sizeof(done), _("meeting ended; minutes in %s"), minutes ? minutes : "");
			ok = action_report(app, rc, &res, &err, done);
		}
	} else if (prompt_line(app, _("Meeting title: "), "", NULL, NULL, NULL, &title)) {
		ok = action_report(app, meeting_start(app->s, title, &res, &err), &res, &err, _("meeting started"));
	}
	free(title);
	free(minutes);
	meeting_free(&m);
	return ok;
}

/* The value a card holds in a field values are set aside for (title, column, lead, due,
 * description), its first line, as a choice shows it. */
static void held_value(const struct app *app, const struct card *card, const char *field,
		       struct strbuf *out)
{
	const char *v = card_text_value(card, field);
	const struct column_def *col = strcmp(field, "column") == 0 ? board_column(&app->board, v)
								     : NULL;

	if (col)
		v = board_column_name(col);
	if (!*v)
		v = _("(none)");
	sb_add(out, v, strcspn(v, "\n"));
}

/* Two offices changed one field: the card kept one value, the other was set aside. The
 * secretary picks which stands; each choice names the field and both values. */
static bool decide_conflict(struct app *app, int id)
{
	struct strvec choices = {0}, details = {0}, fields = {0}, values = {0};
	struct cb_error err = {0};
	struct op_result res;
	struct card card;
	char title[64], done[96];
	bool ok = false;

	if (!load_card(app, id, &card))
		return false;
	if (!card.nconflicts) {
		app_message(app, C_ERROR, "#%d has no value set aside", id);
		card_free(&card);
		return false;
	}
	for (size_t i = 0; i < card.nconflicts; i++) {
		const struct card_conflict *c = &card.conflicts[i];
		struct strbuf line = {0};

		if (i == 0 || strcmp(c->field, card.conflicts[i - 1].field) != 0) {
			sb_printf(&line, _("%s: keep "), history_field_word(c->field));
			held_value(app, &card, c->field, &line);
			sv_push(&choices, sb_str(&line));
			sv_push(&details, _("the card's value"));
			sv_push(&fields, c->field);
			sv_push(&values, "");
			sb_reset(&line);
		}
		sb_printf(&line, _("%s: take "), history_field_word(c->field));
		sb_add(&line, c->value, strcspn(c->value, "\n"));
		sv_push(&choices, sb_str(&line));
		sv_push(&details, _("set aside by a sync"));
		sv_push(&fields, c->field);
		sv_push(&values, c->value);
		sb_free(&line);
	}
	snprintf(title, sizeof(title), _("Decide #%d"), id);
	int choice = pick_one(app, title, &choices, &details, 0);
	if (choice >= 0) {
		bool take = *values.v[choice] != '\0';
		snprintf(done, sizeof(done), _("decided #%d %.40s"), id, fields.v[choice]);
		ok = action_report(app, ops_resolve_conflict(app->s, id, fields.v[choice], take,
						      take ? values.v[choice] : NULL, NULL, &res, &err),
			    &res, &err, done);
	}
	sv_free(&choices);
	sv_free(&details);
	sv_free(&fields);
	sv_free(&values);
	card_free(&card);
	return ok;
}

/* Said before a form is opened, so nobody types a note the board will refuse. */
static bool may_change(struct app *app, int id)
{
	const char *unwritable = index_unwritable(app->s->index), *denied;
	struct card card;

	if (unwritable) {
		app_message(app, C_ERROR, "read-only: %s", unwritable);
		return false;
	}
	if (!load_card(app, id, &card))
		return false;
	denied = board_may_edit_card(&app->board, app->s->login, &card);
	if (denied)
		app_message(app, C_ERROR, "%s may not change #%d: %s", app->s->login, id, denied);
	card_free(&card);
	return !denied;
}

bool action_on_card(struct app *app, enum action action, int id, bool *changed)
{
	*changed = false;
	switch (action) {
	case ACT_MOVE_LEFT: case ACT_MOVE_RIGHT: case ACT_MOVE_TO: case ACT_EDIT: case ACT_REASSIGN:
	case ACT_NOTE: case ACT_DUE: case ACT_ARCHIVE: case ACT_DECIDE:
		break;
	case ACT_SUBMIT: case ACT_EXTEND: case ACT_DISPUTE:
		*changed = may_change(app, id) && action_control(app, action, id);
		return true;
	case ACT_UNDO:
		*changed = action_undo(app);
		return true;
	default:
		return false;
	}
	if (!may_change(app, id))
		return true;
	if (action == ACT_DECIDE && board_may_run_meeting(&app->board, app->s->login)) {
		app_message(app, C_ERROR, "%s may not decide a value set aside: only a secretary or "
			    "an admin may", app->s->login);
		return true;
	}
	switch (action) {
	case ACT_MOVE_LEFT: *changed = move_to_column(app, id, -1); break;
	case ACT_MOVE_RIGHT: *changed = move_to_column(app, id, 1); break;
	case ACT_MOVE_TO: *changed = move_to_picked_column(app, id); break;
	case ACT_EDIT: *changed = edit_card(app, id); break;
	case ACT_REASSIGN: *changed = reassign_card(app, id); break;
	case ACT_NOTE: *changed = add_note(app, id); break;
	case ACT_DUE: *changed = set_due(app, id); break;
	case ACT_DECIDE: *changed = decide_conflict(app, id); break;
	default: *changed = archive_card(app, id); break;
	}
	return true;
}
