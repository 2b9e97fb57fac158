#include "remind.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "date.h"
#include "history.h"
#include "i18n.h"
#include "mail.h"
#include "repo.h"

/* --- what this server remembers: when each agency was last reminded, who opted out ---- */

static char *state_path(struct session *s, const char *name)
{
	struct strbuf p = {0};

	sb_printf(&p, "%s%s", repo_gitdir(s->repo), name);
	return sb_detach(&p);
}

/* Lines of a small local file ("" when there is none). */
static void read_lines(const char *path, struct strvec *out)
{
	FILE *f = fopen(path, "r");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			sv_push(out, line);
	}
	if (f)
		fclose(f);
}

static int write_lines(const char *path, const struct strvec *lines, struct cb_error *err)
{
	struct strbuf tmp = {0};
	int rc = 0;

	sb_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(sb_str(&tmp), "w");
	for (size_t i = 0; f && i < lines->n; i++)
		fprintf(f, "%s\n", lines->v[i]);
	if (!f || fclose(f) != 0 || rename(sb_str(&tmp), path) < 0) {
		rc = cb_fail(err, CB_EFAIL, "cannot write %s: %s", path, strerror(errno));
		unlink(sb_str(&tmp));
	}
	sb_free(&tmp);
	return rc;
}

static long long reminded_at(const struct strvec *state, const char *agency)
{
	size_t len = strlen(agency);

	for (size_t i = 0; i < state->n; i++)
		if (strncmp(state->v[i], agency, len) == 0 && state->v[i][len] == ' ')
			return atoll(state->v[i] + len + 1);
	return 0;
}

static void set_reminded(struct strvec *state, const char *agency, long long when)
{
	char line[96];
	size_t len = strlen(agency);

	for (size_t i = 0; i < state->n; i++)
		if (strncmp(state->v[i], agency, len) == 0 && state->v[i][len] == ' ')
			sv_remove_at(state, i--);
	snprintf(line, sizeof(line), "%s %lld", agency, when);
	sv_push(state, line);
}

int remind_opt_out(struct session *s, const char *login, bool off, struct cb_error *err)
{
	char *path = state_path(s, "coboard-reminders-off");
	struct strvec lines = {0};
	int rc;

	read_lines(path, &lines);
	for (size_t i = 0; i < lines.n; i++)
		if (strcmp(lines.v[i], login) == 0)
			sv_remove_at(&lines, i--);
	if (off)
		sv_push(&lines, login);
	rc = write_lines(path, &lines, err);
	sv_free(&lines);
	free(path);
	return rc;
}

/* --- what is news for an agency ------------------------------------------------------- */

struct news {
	struct strbuf due, overdue, returned, decided, assigned;
	int ndue, noverdue, nreturned, ndecided, nassigned;
};

static void news_free(struct news *n)
{
	sb_free(&n->due);
	sb_free(&n->overdue);
	sb_free(&n->returned);
	sb_free(&n->decided);
	sb_free(&n->assigned);
}

static bool involves(const struct card *c, const char *agency)
{
	return strcmp(c->lead, agency) == 0 || sv_contains(&c->co, agency);
}

static void local_day(long long epoch, char out[11])
{
	time_t t = (time_t)epoch;
	struct tm tm;

	strftime(out, 11, "%Y-%m-%d", localtime_r(&t, &tm));
}

/* A day as the reader writes days (31.12.2026 in Russian and Kazakh). */
static const char *day_as_read(const char *iso, char out[16])
{
	i18n_day(iso, out);
	return out;
}

static const struct card *card_of(const struct card_list *cards, int id)
{
	for (size_t i = 0; i < cards->n; i++)
		if (cards->v[i].id == id)
			return &cards->v[i];
	return NULL;
}

static long long epoch_of(const char *iso)
{
	return date_note_epoch(iso);
}

/* The news of agency since last (0: never reminded), worded in the current language. */
static void gather(struct session *s, const struct board *board, const struct card_list *cards,
		   const struct request_list *requests, const char *agency, long long last,
		   const char *today, struct news *n)
{
	static const int default_days[] = {7, 1};
	const int *days = board->nreminder_days ? board->reminder_days : default_days;
	size_t ndays = board->nreminder_days ? board->nreminder_days : 2;
	char last_day[11] = "", day[16];

	memset(n, 0, sizeof(*n));
	if (last)
		local_day(last, last_day);
	for (size_t i = 0; i < cards->n; i++) {
		const struct card *c = &cards->v[i];
		if (c->archived || !involves(c, agency) || str_empty(c->due) ||
		    board_column_is_done(board, c->column))
			continue;
		if (strcmp(c->due, today) < 0) {
			/* Overdue since the last reminder: its deadline passed after that day. */
			if (!last || strcmp(c->due, last_day) >= 0) {
				sb_printf(&n->overdue, _("  #%d %s: due %s\n"), c->id, c->title,
					  day_as_read(c->due, day));
				n->noverdue++;
			}
			continue;
		}
		long now = calendar_working_days_until(board, today, c->due);
		long then = last ? calendar_working_days_until(board, last_day, c->due) : 1000;
		for (size_t k = 0; k < ndays; k++) {
			if (now <= days[k] && then > days[k]) {
				sb_printf(&n->due, P_("  #%d %s: due %s, in %ld working day\n",
						      "  #%d %s: due %s, in %ld working days\n", now),
					  c->id, c->title, day_as_read(c->due, day), now);
				n->ndue++;
				break;
			}
		}
	}
	for (size_t i = 0; i < requests->n; i++) {
		const struct request_row *r = &requests->v[i];
		const struct card *c = card_of(cards, r->card);
		if (strcmp(r->agency, agency) != 0 || !*r->decided_at || !c ||
		    epoch_of(r->decided_at) <= last)
			continue;
		if (strcmp(r->decision, "returned") == 0) {
			sb_printf(&n->returned, _("  #%d %s: returned by %s: %s\n"), c->id, c->title,
				  r->decided_by, r->text);
			n->nreturned++;
		} else {
			sb_printf(&n->decided, _("  #%d %s: %s %s by %s\n"), c->id, c->title, r->kind,
				  r->decision, r->decided_by);
			n->ndecided++;
		}
	}
	/* Newly assigned: a lead or co-executor change that gave the agency the card. Without
	 * an earlier reminder, the last week's. */
	struct log_filter f = {.agency = agency, .responsibility_only = true,
			       .since = last ? last + 1 : (long long)time(NULL) - 7 * 86400,
			       .until = (long long)time(NULL) + 1};
	struct log_list log = {0};
	struct cb_error ignored = {0};
	if (index_log(s->index, &f, &log, &ignored) == 0) {
		for (size_t i = 0; i < log.n; i++) {
			const struct log_entry *e = &log.v[i];
			const struct card *c = card_of(cards, e->card);
			if (!c || !history_list_has(e->new_value, agency) ||
			    history_list_has(e->old_value, agency) || !involves(c, agency))
				continue;
			sb_printf(&n->assigned, strcmp(e->field, "lead") == 0 ? _("  #%d %s: lead\n")
									    : _("  #%d %s: co-executor\n"),
				  c->id, c->title);
			n->nassigned++;
		}
	}
	log_list_free(&log);
}

static void section(const char *title, const struct strbuf *items, struct strbuf *body)
{
	if (items->len)
		sb_printf(body, "\n%s\n%s", title, sb_str(items));
}

/* The message to one member, in the language now in force. */
static void compose(const struct board *board, const struct agency *a, const struct member *m,
		    const struct news *n, const char *today, struct strbuf *out)
{
	struct strbuf subject = {0}, name = {0}, body = {0};
	char day[16];

	sb_printf(&subject, _("coboard: %s, %d due soon, %d overdue, %d returned, %d decided, %d "
			      "assigned"),
		  a->code, n->ndue, n->noverdue, n->nreturned, n->ndecided, n->nassigned);
	sb_printf(&body, _("%s (%s), %s\n"), board_agency_name(a), a->code, day_as_read(today, day));
	section(_("Due soon:"), &n->due, &body);
	section(_("Overdue:"), &n->overdue, &body);
	section(_("Reports returned:"), &n->returned, &body);
	section(_("Requests decided:"), &n->decided, &body);
	section(_("Newly assigned:"), &n->assigned, &body);
	sb_printf(&body, _("\n-- \ncoboard, %s. To stop these reminders: coboard remind off\n"),
		  board_title(board));
	sb_printf(out, "From: coboard <%s>\nTo: ",
		  str_empty(board->mail_from) ? "coboard@localhost" : board->mail_from);
	mail_header_text(m->name, out);
	sb_printf(out, " <%s>\nSubject: ", m->email);
	mail_header_text(sb_str(&subject), out);
	sb_printf(out, UNTRANSLATED("\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
		       "Content-Transfer-Encoding: 8bit\nAuto-Submitted: auto-generated\n"
		       "X-Coboard-Agency: %s\n\n%s"),
		  a->code, sb_str(&body));
	sb_free(&subject);
	sb_free(&name);
	sb_free(&body);
}

static void add(struct reminders *out, const char *agency, const struct member *m,
		struct strbuf *text)
{
	out->v = xgrow(out->v, out->n, sizeof(*out->v));
	out->v[out->n++] = (struct reminder){xstrdup(agency), xstrdup(m->login), xstrdup(m->email),
					     *text};
	memset(text, 0, sizeof(*text));
}

int remind_compose(struct session *s, const char *agency, struct reminders *out,
		   struct cb_error *err)
{
	struct board board;
	struct card_list cards = {0};
	struct request_list requests = {0};
	struct card_filter all = {0};
	struct strvec state = {0}, off = {0};
	char today[11], *path;
	char *saved = xstrdup(setlocale(LC_MESSAGES, NULL));
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (index_refresh(s->index, err) < 0 || index_board(s->index, &board, err) < 0)
		goto out_saved;
	if (agency && !board_agency_find(&board, agency)) {
		cb_fail(err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s", agency,
			board_agency_codes(&board));
		goto out;
	}
	if (index_cards(s->index, &board, &all, &cards, err) < 0 ||
	    index_requests(s->index, false, &requests, err) < 0)
		goto out;
	path = state_path(s, "coboard-reminded");
	read_lines(path, &state);
	free(path);
	path = state_path(s, "coboard-reminders-off");
	read_lines(path, &off);
	free(path);
	date_today(today);
	for (size_t i = 0; i < board.nagencies; i++) {
		const struct agency *a = &board.agencies[i];
		if (agency && strcmp(board_agency_find(&board, agency)->code, a->code) != 0)
			continue;
		for (size_t j = 0; j < board.nmembers; j++) {
			const struct member *m = &board.members[j];
			struct news n;
			struct strbuf text = {0};
			if (strcmp(m->agency, a->code) != 0 || str_empty(m->email) ||
			    sv_contains(&off, m->login))
				continue;
			/* Each member reads it in their own language. */
			if (!str_empty(m->language))
				i18n_use_language(m->language);
			gather(s, &board, &cards, &requests, a->code, reminded_at(&state, a->code),
			       today, &n);
			if (n.ndue + n.noverdue + n.nreturned + n.ndecided + n.nassigned)
				compose(&board, a, m, &n, today, &text);
			if (text.len)
				add(out, a->code, m, &text);
			sb_free(&text);
			news_free(&n);
			setlocale(LC_MESSAGES, saved);
			setlocale(LC_TIME, saved);
		}
	}
	rc = 0;
out:
	board_free(&board);
out_saved:
	card_list_free(&cards);
	request_list_free(&requests);
	sv_free(&state);
	sv_free(&off);
	free(saved);
	return rc;
}

int remind_send(struct session *s, struct reminders *r, struct cb_error *err)
{
	struct strbuf program = {0};
	struct strvec state = {0}, done = {0}, failed_agencies = {0};
	char *path = state_path(s, "coboard-reminded");
	long long now = (long long)time(NULL);
	int rc;

	/* The repository's config, writable by the board's owner only, never board.conf. */
	if (!repo_config_get(s->repo, "coboard.sendmail", &program))
		sb_puts(&program, "/usr/sbin/sendmail");
	for (size_t i = 0; i < r->n; i++) {
		struct strbuf problem = {0};
		if (sv_contains(&failed_agencies, r->v[i].agency))
			continue;
		if (mail_send(sb_str(&program), sb_str(&r->v[i].text), &problem) < 0) {
			struct strbuf line = {0};
			sb_printf(&line, "%s: %s", r->v[i].agency, sb_str(&problem));
			sv_push(&r->failed, sb_str(&line));
			sv_push(&failed_agencies, r->v[i].agency);
			sb_free(&line);
		} else {
			r->sent++;
		}
		sb_free(&problem);
	}
	read_lines(path, &state);
	for (size_t i = 0; i < r->n; i++)
		if (!sv_contains(&failed_agencies, r->v[i].agency) && !sv_contains(&done, r->v[i].agency)) {
			set_reminded(&state, r->v[i].agency, now);
			sv_push(&done, r->v[i].agency);
		}
	rc = done.n ? write_lines(path, &state, err) : 0;
	sv_free(&state);
	sv_free(&done);
	sv_free(&failed_agencies);
	sb_free(&program);
	free(path);
	return rc;
}

void reminders_free(struct reminders *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].agency);
		free(r->v[i].login);
		free(r->v[i].to);
		sb_free(&r->v[i].text);
	}
	free(r->v);
	sv_free(&r->failed);
	memset(r, 0, sizeof(*r));
}
