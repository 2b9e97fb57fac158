/* The commands that change cards: add, move, assign, edit, note, archive. Each is one op. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "i18n.h"
#include "index.h"
#include "ops.h"
#include "command.h"
#include "text.h"

/* The changes a commit made, in the reader's language: "#4 колонка: done -> in-progress". */
static bool say_changes(struct cmd *c, const char *commit)
{
	struct log_list log = {0};
	struct cb_error ignored = {0};

	if (index_commit_changes(c->s->index, commit, &log, &ignored) < 0 || !log.n) {
		log_list_free(&log);
		return false;
	}
	for (size_t i = 0; i < log.n; i++) {
		struct strbuf words = {0};

		history_word_change(log.v[i].field, log.v[i].old_value, log.v[i].new_value, NULL,
				    &words);
		if (i)
			sb_puts(&c->out, "; ");
		if (log.v[i].card)
			sb_printf(&c->out, "#%d ", log.v[i].card);
		text_sanitize(history_field_word(log.v[i].field), &c->out);
		sb_puts(&c->out, ": ");
		text_sanitize(sb_str(&words), &c->out);
		sb_free(&words);
	}
	sb_printf(&c->out, " (%.7s)\n", commit);
	log_list_free(&log);
	return true;
}

/* What a write says: add prints the new id (for scripts); the others say in one line what
 * they did, as the commit's subject says it (in English) or as its changes read (in the
 * reader's language); a change that changed nothing says so, as it made no commit. */
int report_write(struct cmd *c, int rc, const struct op_result *res)
{
	char *subject = NULL, *member = NULL;
	struct cb_error ignored = {0};

	if (rc < 0)
		return -1;
	if (c->def->run == cmd_add) {
		sb_printf(&c->out, "%d\n", res->card);
	} else if (!res->changed) {
		say_error("nothing to change on #%d", res->card);
	} else if (strcmp(i18n_language(), "en") != 0 && say_changes(c, res->commit)) {
		/* said */
	} else if (index_commit_summary(c->s->index, res->commit, &subject, &member, &ignored) == 0) {
		text_sanitize(subject, &c->out);
		sb_printf(&c->out, " (%.7s)\n", res->commit);
	}
	if (res->changed && res->note[0])
		say_error("%s", res->note);
	free(subject);
	free(member);
	return 0;
}

int check_add(struct cmd *c)
{
	if (!opt(c, "title"))
		return usage_fail(c, "--title is required");
	if (!opt(c, "lead"))
		return usage_fail(c, "--lead is required (the agency code that leads)");
	return 0;
}

int cmd_add(struct cmd *c)
{
	struct add_args add = {opt(c, "title"),	 opt(c, "lead"),  opt(c, "co"),
			       opt(c, "column"),	 opt(c, "due"),	  opt(c, "label"),
			       opt(c, "description"), opt(c, "every")};
	struct op_result res;

	return report_write(c, ops_add(c->s, &add, &res, &c->err), &res);
}

/* --before and --after name cards too. */
static int neighbour_id(struct cmd *c, const char *name, int *id)
{
	*id = 0;
	if (opt(c, name) && args_card_id(opt(c, name), id, &c->err) < 0) {
		c->usage = true;
		return -1;
	}
	return 0;
}

int check_move(struct cmd *c)
{
	int id;

	return neighbour_id(c, "before", &id) < 0 || neighbour_id(c, "after", &id) < 0 ? -1 : 0;
}

int cmd_move(struct cmd *c)
{
	struct op_result res;
	int before, after;

	neighbour_id(c, "before", &before);
	neighbour_id(c, "after", &after);
	return report_write(c, ops_move(c->s, c->id, c->a.pos[1], before, after, opt(c, "reason"),
					&res, &c->err),
			    &res);
}

int check_assign(struct cmd *c)
{
	if (!opt(c, "lead") && !opt(c, "co"))
		return usage_fail(c, "give --lead CODE, --co CODE,.. or both");
	return 0;
}

int cmd_assign(struct cmd *c)
{
	struct op_result res;

	return report_write(c, ops_assign(c->s, c->id, opt(c, "lead"), opt(c, "co"),
					  opt(c, "reason"), &res, &c->err),
			    &res);
}

int check_edit(struct cmd *c)
{
	if (!opt(c, "title") && !opt(c, "due") && !opt(c, "label") && !opt(c, "description") &&
	    !opt(c, "item") && !opt(c, "source") && !opt(c, "every"))
		return usage_fail(c, "give at least one of --title, --due, --label, --description, "
				  "--item, --source");
	return 0;
}

int cmd_edit(struct cmd *c)
{
	struct edit_args e = {opt(c, "title"),	     opt(c, "due"),  opt(c, "label"),
			      opt(c, "description"), opt(c, "item"), opt(c, "source"),
			      opt(c, "every")};
	struct op_result res;

	return report_write(c, ops_edit(c->s, c->id, &e, opt(c, "reason"), &res, &c->err), &res);
}

int cmd_note(struct cmd *c)
{
	struct op_result res;

	return report_write(c, ops_note(c->s, c->id, c->a.pos[1], &res, &c->err), &res);
}

int cmd_archive(struct cmd *c)
{
	struct op_result res;

	return report_write(c, ops_archive(c->s, c->id, opt(c, "reason"), &res, &c->err), &res);
}
