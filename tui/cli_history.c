/* The history and meeting commands: blame, revert, meeting, changes, report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/asof.h"
#include "../model/digest.h"
#include "../model/date.h"
#include "../model/meeting.h"
#include "../model/ops.h"
#include "../model/slippage.h"
#include "cli_util.h"
#include "print.h"
#include "text.h"

static const char *const blame_fields[] = {"title", "column", "lead", "co", "due",
					   "labels", "archived", "description"};

static const char *card_field_value(const struct card *c, const char *field, struct strbuf *tmp)
{
	sb_reset(tmp);
	if (strcmp(field, "title") == 0)
		return c->title;
	if (strcmp(field, "column") == 0)
		return c->column;
	if (strcmp(field, "lead") == 0)
		return c->lead;
	if (strcmp(field, "due") == 0)
		return c->due;
	if (strcmp(field, "archived") == 0)
		return c->archived ? "yes" : "no";
	if (strcmp(field, "description") == 0)
		return c->description;
	sv_join(strcmp(field, "co") == 0 ? &c->co : &c->labels, ", ", tmp);
	return sb_str(tmp);
}

int cmd_blame(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("blame");
	const char *format_name = "text";
	struct opt opts[] = {{"format", &format_name, NULL}, {0}};
	struct cb_error err = {0};
	struct strbuf out = {0}, tmp = {0};
	struct session *s;
	struct board board;
	struct card card;
	enum format format;
	struct args a;
	int status, id;

	if (parse_card_args(cmd, argc, argv, opts, 1, &a, &id, &status) < 0 ||
	    parse_format(cmd, format_name, 5, &format, &status) < 0)
		return status;
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (index_card(s->index, id, &card, &err) == 0) {
		if (format == FORMAT_JSON)
			sb_printf(&out, "{\"card\": %d, \"fields\": [\n", id);
		for (size_t f = 0; f < sizeof(blame_fields) / sizeof(*blame_fields); f++) {
			struct log_list origin = {0};
			const char *value = card_field_value(&card, blame_fields[f], &tmp);
			const struct log_entry *e;

			index_field_origin(s->index, id, blame_fields[f], &origin, &err);
			e = origin.n ? &origin.v[0] : NULL;
			if (format == FORMAT_JSON) {
				sb_puts(&out, "  {\"field\": ");
				text_json(blame_fields[f], &out);
				sb_puts(&out, ", \"value\": ");
				text_json(value, &out);
				sb_puts(&out, ", \"author\": ");
				text_json(e ? e->author : "", &out);
				sb_printf(&out, ", \"time\": %lld, \"commit\": \"%s\", \"subject\": ",
					  e ? e->time : 0, e ? e->commit : "");
				text_json(e ? e->subject : "", &out);
				sb_puts(&out, f + 1 < sizeof(blame_fields) / sizeof(*blame_fields) ? "},\n"
												    : "}\n");
			} else {
				const char *nl = strchr(value, '\n');
				char *first = nl ? xstrndup(value, (size_t)(nl - value)) : xstrdup(value);
				text_fit(blame_fields[f], 12, true, &out);
				text_fit(*first ? first : "(none)", 36, true, &out);
				sb_puts(&out, "  ");
				text_fit(e ? e->author : "?", 16, true, &out);
				sb_putc(&out, ' ');
				if (e) {
					print_time(e->time, &out);
					sb_printf(&out, "  %.7s  ", e->commit);
					text_sanitize(e->subject, &out);
				}
				sb_putc(&out, '\n');
				free(first);
			}
			log_list_free(&origin);
		}
		if (format == FORMAT_JSON)
			sb_puts(&out, "]}\n");
		emit(&out);
	}
	card_free(&card);
	sb_free(&tmp);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}

int cmd_revert(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("revert");
	bool force = false;
	struct opt opts[] = {{"force", NULL, &force}, {0}};
	struct cb_error err = {0};
	struct op_result res;
	struct session *s;
	struct args a;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 1, 1, &a, &status) < 0)
		return status;
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	rc = ops_revert(s, a.pos[0], force, &res, &err);
	if (rc == 0 && res.changed)
		printf("reverted %s on #%d as %.7s\n", a.pos[0], res.card, res.commit);
	else if (rc == 0)
		fprintf(stderr, "coboard: nothing to revert: #%d already has those values\n", res.card);
	session_close(s);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

int cmd_meeting(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("meeting");
	struct opt opts[] = {{0}};
	struct cb_error err = {0};
	struct op_result res;
	struct strbuf title = {0};
	struct session *s;
	struct args a;
	int status, rc;

	if (parse(cmd, argc, argv, opts, 1, ARGS_MAX_POSITIONAL, &a, &status) < 0)
		return status;
	if (strcmp(a.pos[0], "start") != 0 && strcmp(a.pos[0], "end") != 0 &&
	    strcmp(a.pos[0], "status") != 0) {
		cb_fail(&err, CB_EINVALID, "unknown meeting command '%s' (start, end, status)", a.pos[0]);
		return usage_error(cmd, &err);
	}
	if (strcmp(a.pos[0], "start") != 0 && a.npos > 1) {
		cb_fail(&err, CB_EINVALID, "unexpected argument '%s'", a.pos[1]);
		return usage_error(cmd, &err);
	}
	if (cli_open_session(cli, &s) < 0)
		return EXIT_FAIL;
	if (strcmp(a.pos[0], "start") == 0) {
		for (int i = 1; i < a.npos; i++)
			sb_printf(&title, "%s%s", i > 1 ? " " : "", a.pos[i]);
		rc = meeting_start(s, sb_str(&title), &res, &err);
		if (rc == 0)
			printf("meeting started at %.7s\n", res.commit);
	} else if (strcmp(a.pos[0], "end") == 0) {
		char *minutes = NULL;
		rc = meeting_end(s, &res, &minutes, &err);
		if (rc == 0)
			printf("minutes in %s, commit %.7s\n", minutes, res.commit);
		free(minutes);
	} else {
		struct meeting m;
		bool open;
		rc = meeting_current(s, &m, &open, &err);
		if (rc == 0 && open) {
			struct strbuf line = {0};
			sb_puts(&line, "open: ");
			text_sanitize(m.title, &line);
			sb_puts(&line, ", since ");
			print_time(m.started, &line);
			sb_puts(&line, ", secretary ");
			text_sanitize(m.secretary, &line);
			sb_putc(&line, '\n');
			emit(&line);
		} else if (rc == 0) {
			printf("no meeting is open\n");
		}
		meeting_free(&m);
	}
	sb_free(&title);
	session_close(s);
	return rc < 0 ? fail(&err) : EXIT_OK;
}

/* --- changes since ------------------------------------------------------------------- */

int cmd_changes(const struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = find_command("changes");
	const char *since = NULL, *format_name = "text";
	struct opt opts[] = {{"since", &since, NULL}, {"format", &format_name, NULL}, {0}};
	struct digest d = {0};
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct session *s;
	struct board board;
	enum format format;
	struct args a;
	int status;

	if (parse(cmd, argc, argv, opts, 0, 0, &a, &status) < 0)
		return status;
	if (!since)
		cb_fail(&err, CB_EINVALID, "--since is required (last-meeting, a date or a commit)");
	else if (format_parse(format_name, 5, &format) < 0)
		cb_fail(&err, CB_EINVALID, "unknown format '%s' (text or json)", format_name);
	if (err.code)
		return usage_error(cmd, &err);
	if (with_board(cli, &s, &board) < 0)
		return EXIT_FAIL;
	if (digest_since(s, since, &d, &err) == 0) {
		const struct board_state *then = &d.then, *now = &d.now;
		const struct change_item *items = d.v;
		size_t n = d.n;
		if (format == FORMAT_JSON) {
			sb_printf(&out, "{\"since\": \"%s\", \"since_time\": %lld, \"changes\": [\n",
				  then->oid, then->time);
			for (size_t i = 0; i < n; i++) {
				sb_puts(&out, "  {\"kind\": ");
				text_json(items[i].kind, &out);
				sb_printf(&out, ", \"card\": %d, \"agency\": ", items[i].card->id);
				text_json(items[i].card->lead, &out);
				sb_puts(&out, ", \"title\": ");
				text_json(items[i].card->title, &out);
				sb_puts(&out, ", \"detail\": ");
				text_json(items[i].detail, &out);
				sb_puts(&out, i + 1 < n ? "},\n" : "}\n");
			}
			sb_puts(&out, "]}\n");
		} else {
			if (d.before_all) {
				sb_puts(&out, "Changes since the board began (it is younger than ");
				text_sanitize(since, &out);
			} else {
				sb_printf(&out, "Changes since %.7s (", then->oid);
				print_time(then->time, &out);
			}
			sb_printf(&out, "): %zu\n", n);
			for (size_t ag = 0; ag <= now->board.nagencies; ag++) {
				bool heading = false;
				for (size_t i = 0; i < n; i++) {
					const struct card *c = items[i].card;
					bool mine = ag < now->board.nagencies
							    ? strcmp(c->lead, now->board.agencies[ag].code) == 0
							    : !board_agency(&now->board, c->lead);
					if (!mine)
						continue;
					if (!heading) {
						sb_putc(&out, '\n');
						text_sanitize(ag < now->board.nagencies ? now->board.agencies[ag].code : "Other", &out);
						if (ag < now->board.nagencies) {
							sb_puts(&out, " - ");
							text_sanitize(now->board.agencies[ag].name, &out);
						}
						sb_putc(&out, '\n');
						heading = true;
					}
					sb_puts(&out, "  ");
					text_fit(items[i].kind, 13, true, &out);
					sb_printf(&out, "#%-4d ", c->id);
					text_fit(c->title, 50, false, &out);
					if (*items[i].detail) {
						sb_puts(&out, ": ");
						text_sanitize(items[i].detail, &out);
					}
					sb_putc(&out, '\n');
				}
			}
		}
		emit(&out);
	}
	digest_free(&d);
	board_free(&board);
	session_close(s);
	return err.code ? fail(&err) : EXIT_OK;
}
