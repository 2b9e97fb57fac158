/* The commands that read: board, list, show, log, history, search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "asof.h"
#include "date.h"
#include "slippage.h"
#include "command.h"
#include "print.h"

static void warn_broken(struct session *s)
{
	struct strvec broken = {0};
	struct cb_error err = {0};

	if (index_broken(s->index, &broken, &err) == 0)
		for (size_t i = 0; i < broken.n; i++)
			say_error("warning: %s (not listed; see `coboard fsck`)", broken.v[i]);
	sv_free(&broken);
}

static int check_filters(const struct board *board, const char *column, const char *agency,
			 struct cb_error *err)
{
	if (column && !board_column_find(board, column))
		return cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s", column,
			       board_column_keys(board));
	if (agency && !board_agency_find(board, agency))
		return cb_fail(err, CB_ENOTFOUND, "unknown agency '%s'; the agencies are: %s", agency,
			       board_agency_codes(board));
	return 0;
}

/* The cards to show, as a list shows them: from the index, or with --at from git as the
 * board stood then. The board printed with them is the one of that time too, and today[11]
 * the day they are judged overdue on ("" for the real today). */
static int load_cards(struct cmd *c, struct card_filter *filter, struct card_list *cards,
		      struct strbuf *heading, char today[11])
{
	const char *at = opt(c, "at");
	struct board_state state;
	struct cb_oid oid;
	char asked[11], shown[16];

	today[0] = '\0';
	if (!at) {
		warn_broken(c->s);
		return index_card_rows(c->s->index, &c->board, filter, cards, &c->err);
	}
	if (asof_resolve(c->s, at, &oid, &c->err) < 0 || asof_load(c->s, &oid, &state, &c->err) < 0)
		return -1;
	board_free(&c->board);
	c->board = state.board;
	*cards = state.cards;
	/* Overdue as judged on the day asked, else on the day of the commit: a commit dated back
	 * does not make its own date the day. */
	bool day_asked = date_parse(at, asked);
	snprintf(today, 11, "%s", day_asked ? asked : state.day);
	filter->today = today;
	card_list_filter(cards, filter, &c->board);
	if (day_asked)
		sb_printf(heading, _("As it stood at the end of %s: commit %.7s ("),
			  print_day(asked, shown), state.oid);
	else
		sb_printf(heading, _("As it stood at %.7s ("), state.oid);
	print_time(state.time, heading);
	sb_puts(heading, _("); read-only, from git\n"));
	return 0;
}

int cmd_board(struct cmd *c)
{
	struct card_filter all = {0};
	struct card_list cards = {0};
	char today[11];
	int rc = load_cards(c, &all, &cards, &c->out, today);

	if (rc == 0)
		print_board_text(&c->board, &cards, *today ? today : NULL, &c->out);
	card_list_free(&cards);
	return rc;
}

int cmd_list(struct cmd *c)
{
	struct card_filter filter = {board_column_key_of(&c->board, opt(c, "column")),
				     board_agency_code_of(&c->board, opt(c, "agency")),
				     flag(c, "overdue"), flag(c, "archived"), opt(c, "label")};
	struct card_list cards = {0};
	struct strbuf heading = {0};
	char today[11];
	int rc = check_filters(&c->board, filter.column, filter.agency, &c->err);

	if (rc == 0)
		rc = load_cards(c, &filter, &cards, &heading, today);
	if (rc == 0) {
		if (c->format == FORMAT_TEXT)
			sb_puts(&c->out, sb_str(&heading));
		print_cards(&cards, &c->board, *today ? today : NULL, c->format, &c->out);
	}
	sb_free(&heading);
	card_list_free(&cards);
	return rc;
}

int cmd_show(struct cmd *c)
{
	struct log_filter recent_changes = {.card = c->id, .limit = 10};
	struct log_list recent = {0};
	struct slippage sl = {0};
	struct card card;
	int rc = index_card(c->s->index, c->id, &card, &c->err);

	if (rc == 0)
		rc = index_log(c->s->index, &recent_changes, &recent, &c->err);
	if (rc == 0 && c->format == FORMAT_TEXT)
		rc = slippage_of(c->s->index, &card, &c->board, &sl, &c->err);
	/* A blocked card says why, as the board and the card view do. */
	const struct column_def *col = rc == 0 ? board_column(&c->board, card.column) : NULL;
	char *blocked = NULL;
	if (col && col->kind == COLUMN_BLOCKED &&
	    index_move_reason(c->s->index, card.id, card.column, &blocked, &c->err) < 0)
		rc = -1;
	if (col && col->kind == COLUMN_BLOCKED && !blocked)
		blocked = xstrdup("");
	if (rc == 0)
		print_card(&card, &c->board, &recent, &sl, blocked, c->format, &c->out);
	free(blocked);
	card_free(&card);
	log_list_free(&recent);
	return rc;
}

static int parse_day(struct cmd *c, const char *option, long long *epoch)
{
	const char *typed = opt(c, option);
	char day[11];

	if (!typed)
		return 0;
	if (!date_parse(typed, day))
		return usage_fail(c, "'%s' is not a real date; write it as YYYY-MM-DD or DD.MM.YYYY",
				  typed);
	*epoch = option[0] == 'u' ? date_day_end(day) : date_day_start(day);
	return 0;
}

int check_log(struct cmd *c)
{
	const char *limit = opt(c, "limit"), *field = opt(c, "field");
	long long until = 0, since = 0;

	if (parse_day(c, "since", &since) < 0 || parse_day(c, "until", &until) < 0)
		return -1;
	if (limit) {
		char *end;
		long n = strtol(limit, &end, 10);
		if (*end || n <= 0)
			return usage_fail(c, "--limit takes a number of rows above 0");
	}
	if (field && strcmp(field, "responsibility") != 0)
		return usage_fail(c, "--field takes 'responsibility' (lead and co-executors)");
	return 0;
}

int cmd_log(struct cmd *c)
{
	struct log_filter filter = {.card = c->id,
				    .agency = board_agency_code_of(&c->board, opt(c, "agency")),
				    .author = opt(c, "author"),
				    .responsibility_only = opt(c, "field") != NULL};
	struct log_list log = {0};
	struct card card;
	int rc;

	parse_day(c, "since", &filter.since);
	parse_day(c, "until", &filter.until);
	if (opt(c, "limit"))
		filter.limit = (size_t)strtol(opt(c, "limit"), NULL, 10);
	rc = check_filters(&c->board, NULL, filter.agency, &c->err);
	if (rc == 0)
		rc = index_log(c->s->index, &filter, &log, &c->err);
	/* A removed or broken card keeps its history; only an id never used is an error. */
	if (rc == 0 && filter.card && log.n == 0) {
		rc = index_card(c->s->index, filter.card, &card, &c->err);
		card_free(&card);
	}
	if (rc == 0)
		print_log(&log, c->format, &c->out);
	log_list_free(&log);
	return rc;
}

int cmd_search(struct cmd *c)
{
	struct card_list cards = {0};
	struct strbuf query = {0};
	int rc;

	join_args(c, 0, &query);
	rc = index_search(c->s->index, sb_str(&query), &cards, &c->err);
	if (rc == 0)
		print_cards(&cards, &c->board, NULL, c->format, &c->out);
	card_list_free(&cards);
	sb_free(&query);
	return rc;
}
