#include "meeting.h"

#include <stdbool.h>

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asof.h"
#include "history.h"
#include "mdtext.h"
#include "meeting_state_internal.h"
#include "ops_file.h"

static int apply_start(struct session *s, struct board *board, const git_oid *tip, void *arg,
		       struct file_op *op, struct cb_error *err)
{
	const char *title = arg;
	const char *denied = board_may_run_meeting(board, s->login);
	struct meeting current;
	struct strbuf text = {0};
	char hex[GIT_OID_HEXSZ + 1];
	bool open;

	if (denied)
		return cb_fail(err, CB_EDENIED, "%s: %s", s->login, denied);
	if (meeting_read_open(s, tip, &current, &open, err) < 0)
		return -1;
	if (open) {
		cb_fail(err, CB_EINVALID, "the meeting \"%s\" is still open; end it with "
			"`coboard meeting end`", current.title);
		meeting_free(&current);
		return -1;
	}
	if (text_validate("the meeting title", title, false, err) < 0)
		return -1;
	git_oid_tostr(hex, sizeof(hex), tip);
	sb_printf(&text, "title: %s\nstarted: %lld\nsecretary: %s\nstart: %s\n", title,
		  (long long)time(NULL), s->login, hex);
	file_op_add(op, MEETING_OPEN_PATH, text.buf, text.len);
	sb_free(&text);
	sb_printf(&op->message, UNTRANSLATED("Start meeting: %s\n\n"), title);
	op->op = "meeting-start";
	return 0;
}

int meeting_start(struct session *s, const char *title, struct op_result *res,
		  struct cb_error *err)
{
	return ops_file_op(s, apply_start, (void *)(str_empty(title) ? "Meeting" : title), res, err);
}

static void local_time(long long epoch, const char *fmt, char *out, size_t size)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, size, fmt, &tm);
}

/* One line of the minutes for a field change; every piece of user text through md_text. */
static void minutes_change(struct strbuf *md, const struct board *board,
			   const struct log_entry *e, const char *title)
{
	char when[16];

	local_time(e->time, "%H:%M", when, sizeof(when));
	sb_printf(md, "- #%d ", e->card);
	md_text(title, md);
	sb_puts(md, ": ");
	if (strcmp(e->field, "created") == 0) {
		sb_puts(md, _("added"));
	} else {
		sb_printf(md, "%s ", history_field_word(e->field));
		history_word_change_named(board, e->field, e->old_value, e->new_value, md_text, md);
	}
	if (!str_empty(e->reason)) {
		sb_puts(md, _(" (reason: "));
		md_text(e->reason, md);
		sb_putc(md, ')');
	}
	sb_puts(md, " - ");
	md_text(e->author, md);
	sb_printf(md, ", %s\n", when);
}

struct end_ctx {
	char *path;
};

/* The minutes' head: title, when, the secretary, who took part, who made changes. */
static void minutes_head(struct strbuf *md, const struct meeting *m, const struct member *sec,
			 const char *closer, const struct log_list *log)
{
	struct strvec people = {0}, present = {0};
	char iso[16], day[16], from[16], to[16];

	local_time(m->started, "%Y-%m-%d", iso, sizeof(iso));
	i18n_day(iso, day); /* 06.12.2026 in Russian and Kazakh minutes */
	local_time(m->started, "%H:%M", from, sizeof(from));
	local_time((long long)time(NULL), "%H:%M", to, sizeof(to));
	for (size_t i = 0; i < log->n; i++)
		if (!sv_contains(&people, log->v[i].author))
			sv_push(&people, log->v[i].author);
	sb_puts(md, "# ");
	md_text(m->title, md);
	sb_printf(md, _("\n\n- Date: %s, %s to %s\n- Secretary: "), day, from, to);
	md_text(sec && !str_empty(sec->name) ? sec->name : m->secretary, md);
	/* Who took part: whoever opened or closed the meeting, and whoever changed something. */
	sv_push(&present, sec && !str_empty(sec->name) ? sec->name : m->secretary);
	if (!sv_contains(&present, closer))
		sv_push(&present, closer);
	for (size_t i = 0; i < people.n; i++)
		if (!sv_contains(&present, people.v[i]))
			sv_push(&present, people.v[i]);
	sb_puts(md, _("\n- Took part: "));
	for (size_t i = 0; i < present.n; i++) {
		sb_puts(md, i ? ", " : "");
		md_text(present.v[i], md);
	}
	sb_puts(md, _("\n- Changes by: "));
	if (people.n == 0)
		sb_puts(md, _("nobody"));
	for (size_t i = 0; i < people.n; i++) {
		if (i)
			sb_puts(md, ", ");
		md_text(people.v[i], md);
	}
	sb_printf(md, _("\n- Board at the start: %.7s\n"), m->start_commit);
	sv_free(&people);
	sv_free(&present);
}

static const struct card *card_in(const struct card_list *cards, int id)
{
	for (size_t i = 0; i < cards->n; i++)
		if (cards->v[i].id == id)
			return &cards->v[i];
	return NULL;
}

/* A card's net change over the meeting, in words: column names, not keys. A card added and
 * taken back in the same meeting (its addition reverted archives it) is said to be so. */
static void net_change(struct strbuf *md, const struct board *board, const struct card *before,
		       const struct card *after)
{
	struct change_list changes = {0};
	int notes = 0;
	bool first = true;

	if (!before && after->archived) {
		sb_puts(md, _("added, then withdrawn (archived)"));
		return;
	}
	history_diff(before, after, &changes);
	for (size_t i = 0; i < changes.n; i++) {
		const struct field_change *c = &changes.v[i];
		const struct column_def *from = board_column(board, c->old_value);
		const struct column_def *to = board_column(board, c->new_value);

		if (strcmp(c->field, "note") == 0) {
			notes += *c->new_value ? 1 : 0;
			continue;
		}
		if (!before && strcmp(c->field, "created") != 0)
			continue; /* a new card: its fields are in its line */
		sb_puts(md, first ? "" : "; ");
		first = false;
		if (strcmp(c->field, "created") == 0) {
			sb_puts(md, _("new card"));
		} else if (strcmp(c->field, "column") == 0) {
			md_text(from ? board_column_name(from) : c->old_value, md);
			sb_puts(md, " -> ");
			md_text(to ? board_column_name(to) : c->new_value, md);
		} else {
			sb_printf(md, "%s ", history_field_in_prose(c->field));
			history_word_change(c->field, c->old_value, c->new_value, md_text, md);
		}
	}
	if (notes) {
		sb_puts(md, first ? "" : "; ");
		sb_printf(md, P_("%d note", "%d notes", notes), notes);
	} else if (first) {
		sb_puts(md, _("no net change"));
	}
	change_list_free(&changes);
}

/* What the meeting changed, card by card: the state it found against the state it left. */
static void minutes_results(struct strbuf *md, struct session *s, const struct board *board,
			    const struct meeting *m, const struct log_list *log)
{
	struct board_state then = {0};
	struct cb_error err = {0};
	struct strvec seen = {0};
	struct cb_oid start;

	sb_puts(md, _("\n## Results\n\n"));
	if (log->n == 0) {
		sb_puts(md, _("No card changed during the meeting.\n"));
		return;
	}
	if (cb_oid_fromstr(&start, m->start_commit) < 0 || asof_load(s, &start, &then, &err) < 0) {
		sb_puts(md, _("(the board at the start cannot be read; see the changes below)\n"));
		return;
	}
	sb_puts(md, _("| Card | Title | Lead | Result |\n|---|---|---|---|\n"));
	for (size_t i = 0; i < log->n; i++) {
		char id[16];
		struct card now;

		snprintf(id, sizeof(id), "%d", log->v[i].card);
		if (log->v[i].card == 0 || sv_contains(&seen, id))
			continue;
		sv_push(&seen, id);
		if (index_card(s->index, log->v[i].card, &now, &err) < 0) {
			cb_error_clear(&err);
			card_free(&now);
			continue;
		}
		sb_printf(md, "| #%d | ", now.id);
		md_text(now.title, md);
		sb_puts(md, " | ");
		md_text(now.lead, md);
		sb_puts(md, " | ");
		net_change(md, board, card_in(&then.cards, now.id), &now);
		sb_puts(md, " |\n");
		card_free(&now);
	}
	sv_free(&seen);
	board_state_free(&then);
}

/* Every change, grouped by each card's lead agency as the meeting left it: the appendix. */
static void minutes_by_agency(struct strbuf *md, struct session *s, const struct board *board,
			      const struct log_list *log)
{
	sb_puts(md, _("\n## Appendix: every change, by agency\n"));
	if (log->n == 0)
		sb_puts(md, "\nNone.\n");
	for (size_t a = 0; a <= board->nagencies; a++) {
		bool heading = false;
		for (size_t i = 0; i < log->n; i++) {
			struct cb_error ignored = {0};
			struct card card;

			if (log->v[i].card == 0)
				continue;
			index_card(s->index, log->v[i].card, &card, &ignored);
			bool in_group = a < board->nagencies
						? strcmp(card.lead, board->agencies[a].code) == 0
						: !board_agency(board, card.lead);
			if (in_group && !heading) {
				if (a < board->nagencies) {
					sb_printf(md, "\n### %s - ", board->agencies[a].code);
					md_text(board_agency_name(&board->agencies[a]), md);
					sb_puts(md, "\n\n");
				} else {
					sb_puts(md, _("\n### Other\n\n"));
				}
				heading = true;
			}
			if (in_group)
				minutes_change(md, board, &log->v[i], card.title);
			card_free(&card);
		}
	}
}

/* The secretary's notes made during the meeting are its decisions, each with its card. */
static void minutes_decisions(struct strbuf *md, struct session *s, const struct meeting *m,
			      const struct member *sec, const struct log_list *log)
{
	bool any = false;

	sb_puts(md, _("\n## Decisions\n\n"));
	for (size_t i = 0; i < log->n; i++) {
		const struct log_entry *e = &log->v[i];
		if (strcmp(e->field, "note") != 0 || !*e->new_value)
			continue;
		if (sec && strcmp(e->author, sec->name) != 0 && strcmp(e->author, m->secretary) != 0)
			continue;
		struct cb_error ignored = {0};
		struct card card;

		sb_printf(md, "- #%d: ", e->card);
		md_text(e->new_value, md);
		if (index_card(s->index, e->card, &card, &ignored) == 0) {
			/* TRANSLATORS: a note of the meeting's decisions, then the card it is on. */
			sb_puts(md, _(" (on: "));
			md_text(card.title, md);
			sb_putc(md, ')');
		}
		card_free(&card);
		sb_putc(md, '\n');
		any = true;
	}
	if (!any)
		sb_puts(md, _("None recorded.\n"));
}

/* meetings/DAY.md, or DAY-2.md, ... when that day already has minutes; on a board shared by
 * offices the site is in the name (DAY-astana.md), so that two offices' meetings of one day
 * are two files with two tags on every board. */
static int minutes_path(struct session *s, const git_oid *tip, const struct meeting *m,
			struct strbuf *path, struct cb_error *err)
{
	char day[16 + 64];
	bool found = true;
	struct strbuf site = {0};

	local_time(m->started, "%Y-%m-%d", day, 16);
	if (repo_config_get(s->repo, "coboard.site", &site) && site.len < 64)
		snprintf(day + strlen(day), sizeof(day) - strlen(day), "-%s", sb_str(&site));
	sb_free(&site);
	for (int n = 1; found; n++) {
		struct strbuf ignored = {0};
		int rc;

		sb_reset(path);
		sb_printf(path, n == 1 ? "meetings/%s.md" : "meetings/%s-%d.md", day, n);
		rc = repo_read(s->repo, tip, sb_str(path), &ignored, &found, err);
		sb_free(&ignored);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int apply_end(struct session *s, struct board *board, const git_oid *tip, void *arg,
		     struct file_op *op, struct cb_error *err)
{
	struct end_ctx *ctx = arg;
	const char *denied = board_may_run_meeting(board, s->login);
	const struct member *sec;
	struct meeting m;
	struct log_list log = {0};
	struct strbuf md = {0}, path = {0}, tag = {0};
	bool open;
	int rc = -1;

	if (denied)
		return cb_fail(err, CB_EDENIED, "%s: %s", s->login, denied);
	if (meeting_read_open(s, tip, &m, &open, err) < 0)
		return -1;
	if (!open)
		return cb_fail(err, CB_EINVALID, "no meeting is open; start one with `coboard meeting "
			       "start TITLE`");
	if (index_changes_after(s->index, m.start_commit, &log, err) < 0 ||
	    minutes_path(s, tip, &m, &path, err) < 0)
		goto out;
	sec = board_member(board, m.secretary);
	minutes_head(&md, &m, sec, s->name ? s->name : s->login, &log);
	minutes_results(&md, s, board, &m, &log);
	minutes_decisions(&md, s, &m, sec, &log);
	minutes_by_agency(&md, s, board, &log);
	file_op_add(op, sb_str(&path), md.buf, md.len);
	file_op_add(op, MEETING_OPEN_PATH, NULL, 0);
	sb_printf(
		&op->message,
		UNTRANSLATED(
			"End meeting: %s\n\n%zu field changes during the meeting.\n\nMinutes: %s\n"),
		m.title, log.n, sb_str(&path));
	op->op = "meeting-end";
	meeting_minutes_tag(sb_str(&path), &tag);
	op->tag = sb_detach(&tag);
	free(ctx->path); /* an earlier attempt lost a race */
	ctx->path = sb_detach(&path);
	rc = 0;
out:
	meeting_free(&m);
	log_list_free(&log);
	sb_free(&md);
	sb_free(&path);
	sb_free(&tag);
	return rc;
}

int meeting_end(struct session *s, struct op_result *res, char **minutes, struct cb_error *err)
{
	struct end_ctx ctx = {0};
	int rc = ops_file_op(s, apply_end, &ctx, res, err);

	*minutes = ctx.path;
	if (rc < 0) {
		free(ctx.path);
		*minutes = NULL;
	}
	return rc;
}
