#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "date.h"
#include "history.h"
#include "slippage.h"
#include "text.h"

enum { ROW_TITLE_WIDTH = 50, ROW_CO_WIDTH = 16 };

int format_parse(const char *name, unsigned allowed, enum format *out)
{
	static const char *const names[] = {"text", "csv", "json", "md", "html"};

	for (int f = FORMAT_TEXT; f <= FORMAT_HTML; f++)
		if (strcmp(name, names[f]) == 0 && (allowed & (1u << f))) {
			*out = (enum format)f;
			return 0;
		}
	return -1;
}

const char *print_day(const char *day, char out[16])
{
	i18n_day(day, out);
	return out;
}

const char *print_day_short(const char *day, char out[16])
{
	char today[11], year[5];
	char *at;

	i18n_day(day, out);
	date_today(today);
	snprintf(year, sizeof(year), "%.4s", today);
	if (strncmp(day, year, 4) != 0 || !(at = strstr(out, year)))
		return out;
	/* The year and the separator beside it go: 30.01.2026 -> 30.01, 2026-01-30 -> 01-30. */
	if (at == out)
		memmove(out, out + 5, strlen(out + 5) + 1);
	else
		at[-1] = '\0';
	return out;
}

void print_time(long long epoch, struct strbuf *out)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	char buf[32];

	localtime_r(&t, &tm);
	/* TRANSLATORS: a moment as strftime writes it: "%d.%m.%Y %H:%M" is 31.12.2026 14:05 */
	strftime(buf, sizeof(buf), _("%Y-%m-%d %H:%M"), &tm);
	sb_puts(out, buf);
}

void print_note_time(const char *iso, struct strbuf *out)
{
	long long epoch = date_note_epoch(iso);

	if (epoch < 0)
		text_sanitize(iso, out);
	else
		print_time(epoch, out);
}

void print_slippage(const struct slippage *sl, struct strbuf *out)
{
	if (sl->moves)
		sb_printf(out, P_("deadline moved %d time, %+ld days", "deadline moved %d times, %+ld days",
				  sl->moves),
			  sl->moves, sl->days);
	if (sl->meetings)
		sb_printf(out, P_("%sopen for %d meeting", "%sopen for %d meetings", sl->meetings),
			  sl->moves ? "; " : "", sl->meetings);
}

/* The words of a due note in the language of the messages, looked up once for a list of
 * thousands of cards rather than once for each. */
struct due_words {
	const char *overdue, *today, *due_in;
};

static struct due_words due_words(void)
{
	/* TRANSLATORS: d is days */
	return (struct due_words){_("overdue %ldd"), _("due today"), _("due in %ldd")};
}

/* The same notes in the fewest letters, for a narrow column: the number stays whole. */
static struct due_words due_words_short(void)
{
	/* TRANSLATORS: days overdue in a narrow column; d is days */
	return (struct due_words){_("-%ldd"), _("today"), _("%ldd left")};
}

static void due_note(const struct card *card, const struct board *board, const char *today,
		     const struct due_words *words, struct strbuf *out)
{
	long days;

	switch (card_due_state(card, board, today)) {
	case DUE_OVERDUE:
		sb_printf(out, words->overdue, -date_days_until(card->due, today));
		break;
	case DUE_SOON:
		days = date_days_until(card->due, today);
		if (days == 0)
			sb_puts(out, words->today);
		else
			sb_printf(out, words->due_in, days);
		break;
	default:
		break;
	}
}

void print_due_note(const struct card *card, const struct board *board, const char *today,
		    struct strbuf *out)
{
	struct due_words words = due_words();

	due_note(card, board, today, &words, out);
}

void print_due_fitted(const struct card *card, const struct board *board, const char *today,
		      int width, struct strbuf *out)
{
	struct due_words words[2] = {due_words(), due_words_short()};
	struct strbuf note = {0}, text = {0};
	char day[16];

	print_day(card->due, day);
	for (int w = 0; w < 2; w++) {
		sb_reset(&note);
		sb_reset(&text);
		due_note(card, board, today, &words[w], &note);
		sb_printf(&text, note.len ? "%s %s" : "%s", day, sb_str(&note));
		if (text_width(sb_str(&text)) <= width)
			break;
		if (w == 1) { /* the note alone, its number whole */
			sb_reset(&text);
			sb_puts(&text, note.len ? sb_str(&note) : day);
		}
	}
	sb_puts(out, sb_str(&text));
	sb_free(&note);
	sb_free(&text);
}

/* "MOH, MIA" when it fits, else "MOE +24"; put together in scratch, then fitted. */
static void co_summary(const struct card *card, int width, struct strbuf *scratch,
		       struct strbuf *out)
{
	int used = 0;

	sb_reset(scratch);
	for (size_t i = 0; i < card->co.n; i++)
		used += (i ? 2 : 0) + text_width(card->co.v[i]);
	if (used <= width || card->co.n == 0)
		sv_join(&card->co, ", ", scratch);
	else
		sb_printf(scratch, "%s +%zu", card->co.v[0], card->co.n - 1);
	text_fit(sb_str(scratch), width, true, out);
}

static void trim_trailing_spaces(struct strbuf *out)
{
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

static bool cut_titles = true;

void print_member(const struct board *board, const char *login, struct strbuf *out)
{
	const struct member *m = board_member(board, login);

	if (m && !str_empty(m->name) && strcmp(m->name, login) != 0) {
		text_sanitize(m->name, out);
		sb_puts(out, ", ");
		text_sanitize(login, out);
	} else {
		text_sanitize(login, out);
	}
}

void print_cut_titles(bool cut)
{
	cut_titles = cut;
}

void print_title(const char *title, int width, struct strbuf *out)
{
	if (cut_titles)
		text_fit(title, width, false, out);
	else
		text_sanitize(title, out);
}

/* The title column: 50 wide where a person reads it, as wide as the widest title where the
 * text goes on (a file, a pipe), so that nothing is cut and the columns still line up. */
static int title_width(const struct card_list *cards)
{
	int w = ROW_TITLE_WIDTH;

	for (size_t i = 0; !cut_titles && i < cards->n; i++) {
		int title_w = text_shown_width(cards->v[i].title);
		if (title_w > w)
			w = title_w;
	}
	return w;
}

/* How the rows of one list are laid out. */
struct row_layout {
	const struct board *board;
	const char *today; /* the day overdue is judged on; NULL: the real today */
	bool show_column;
	int id_w, title_w;
	struct due_words words;
	struct strbuf scratch;
};

/* The id column: "#1234 " holds four digits and a space; a longer id widens it for every row
 * rather than run into the next column. */
static int id_width(const struct card_list *cards)
{
	char digits[16];
	int highest = 0;

	for (size_t i = 0; i < cards->n; i++)
		if (cards->v[i].id > highest)
			highest = cards->v[i].id;
	int w = snprintf(digits, sizeof(digits), "%d", highest) + 1;
	return w > 5 ? w : 5;
}

static struct row_layout row_layout(const struct board *board, const char *today,
				    const struct card_list *cards, bool show_column)
{
	return (struct row_layout){board, today, show_column, id_width(cards), title_width(cards),
				   due_words(), {0}};
}

static void card_row(const struct card *card, struct row_layout *layout, struct strbuf *out)
{
	sb_printf(out, "#%-*d", layout->id_w, card->id);
	if (layout->show_column) {
		text_fit(card->column, 12, true, out);
		sb_putc(out, ' ');
	}
	text_fit(card->title, layout->title_w, true, out);
	sb_puts(out, "  ");
	text_fit(card->lead, 5, true, out);
	sb_putc(out, ' ');
	co_summary(card, ROW_CO_WIDTH, &layout->scratch, out);
	sb_putc(out, ' ');
	char day[16];
	/* The day as the reader writes it (31.12.2026 in Russian and Kazakh), ISO in CSV/JSON. */
	text_fit(str_empty(card->due) ? "" : print_day(card->due, day), 10, true, out);
	sb_putc(out, ' ');
	due_note(card, layout->board, layout->today, &layout->words, out);
	if (card->archived)
		sb_puts(out, " [archived]");
	trim_trailing_spaces(out);
	sb_putc(out, '\n');
}

void print_board_text(const struct board *board, const struct card_list *cards,
		      const char *today, struct strbuf *out)
{
	struct row_layout layout = row_layout(board, today, cards, false);

	text_sanitize(board_title(board), out);
	sb_putc(out, '\n');
	for (size_t c = 0; c < board->ncolumns; c++) {
		const struct column_def *col = &board->columns[c];
		size_t count = 0;

		for (size_t i = 0; i < cards->n; i++)
			count += strcmp(cards->v[i].column, col->key) == 0;
		sb_putc(out, '\n');
		text_sanitize(board_column_name(col), out);
		sb_printf(out, " (%zu", count);
		if (col->limit)
			sb_printf(out, _(" of limit %d%s"), col->limit,
				  count > (size_t)col->limit ? _(", over the limit") : "");
		sb_puts(out, ")\n");
		for (size_t i = 0; i < cards->n; i++)
			if (strcmp(cards->v[i].column, col->key) == 0) {
				sb_puts(out, "  ");
				card_row(&cards->v[i], &layout, out);
			}
	}
	sb_free(&layout.scratch);
}

static void json_list(const struct strvec *list, struct strbuf *out)
{
	sb_putc(out, '[');
	for (size_t i = 0; i < list->n; i++) {
		if (i)
			sb_puts(out, ", ");
		text_json(list->v[i], out);
	}
	sb_putc(out, ']');
}

static void card_json(const struct card *card, const struct board *board, const char *today,
		      bool full, struct strbuf *out)
{
	static const char *const states[] = {"none", "later", "soon", "overdue"};

	sb_printf(out, "{\"id\": %d, \"title\": ", card->id);
	text_json(card->title, out);
	sb_puts(out, ", \"column\": ");
	text_json(card->column, out);
	sb_puts(out, ", \"rank\": ");
	text_json(card->rank, out);
	sb_puts(out, ", \"lead\": ");
	text_json(card->lead, out);
	sb_puts(out, ", \"co\": ");
	json_list(&card->co, out);
	sb_puts(out, ", \"due\": ");
	if (str_empty(card->due))
		sb_puts(out, "null");
	else
		text_json(card->due, out);
	sb_printf(out, ", \"due_state\": \"%s\", \"labels\": ", states[card_due_state(card, board, today)]);
	json_list(&card->labels, out);
	sb_printf(out, ", \"archived\": %s", card->archived ? "true" : "false");
	if (!str_empty(card->item) || !str_empty(card->source)) {
		sb_puts(out, ", \"item\": ");
		text_json(card->item ? card->item : "", out);
		sb_puts(out, ", \"source\": ");
		text_json(card->source ? card->source : "", out);
	}
	if (!str_empty(card->every)) {
		sb_puts(out, ", \"every\": ");
		text_json(card->every, out);
	}
	if (full) {
		sb_puts(out, ", \"description\": ");
		text_json(card->description, out);
		sb_puts(out, ", \"notes\": [");
		for (size_t i = 0; i < card->nnotes; i++) {
			sb_puts(out, i ? ", {\"time\": " : "{\"time\": ");
			text_json(card->notes[i].time, out);
			sb_puts(out, ", \"author\": ");
			text_json(card->notes[i].author, out);
			sb_puts(out, ", \"text\": ");
			text_json(card->notes[i].text, out);
			sb_putc(out, '}');
		}
		sb_puts(out, "], \"set_aside\": [");
		for (size_t i = 0; i < card->nconflicts; i++) {
			sb_puts(out, i ? ", {\"field\": " : "{\"field\": ");
			text_json(card->conflicts[i].field, out);
			sb_puts(out, ", \"value\": ");
			text_json(card->conflicts[i].value, out);
			sb_putc(out, '}');
		}
		sb_putc(out, ']');
	}
	sb_putc(out, '}');
}

void print_cards(const struct card_list *cards, const struct board *board, const char *today,
		 enum format format, struct strbuf *out)
{
	if (format == FORMAT_JSON) {
		sb_puts(out, "[\n");
		for (size_t i = 0; i < cards->n; i++) {
			sb_puts(out, "  ");
			card_json(&cards->v[i], board, today, false, out);
			sb_puts(out, i + 1 < cards->n ? ",\n" : "\n");
		}
		sb_puts(out, "]\n");
		return;
	}
	if (format == FORMAT_CSV) {
		sb_puts(out, "id,title,column,lead,co,due,overdue,labels,archived\n");
		for (size_t i = 0; i < cards->n; i++) {
			const struct card *c = &cards->v[i];
			struct strbuf co = {0}, labels = {0};

			char id[16];
			sv_join(&c->co, " ", &co);
			sv_join(&c->labels, " ", &labels);
			snprintf(id, sizeof(id), "%d", c->id);
			const char *row[] = {id, c->title, c->column, c->lead, sb_str(&co), c->due,
					     card_due_state(c, board, today) == DUE_OVERDUE ? "yes" : "no",
					     sb_str(&labels), c->archived ? "yes" : "no"};
			text_csv_row(out, row, sizeof(row) / sizeof(*row));
			sb_free(&co);
			sb_free(&labels);
		}
		return;
	}
	struct row_layout layout = row_layout(board, today, cards, true);

	for (size_t i = 0; i < cards->n; i++)
		card_row(&cards->v[i], &layout, out);
	sb_free(&layout.scratch);
}

static void indent_lines(const char *text, const char *indent, struct strbuf *out)
{
	struct strbuf clean = {0};
	const char *p;

	text_sanitize_lines(text, &clean);
	p = sb_str(&clean);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		sb_puts(out, indent);
		sb_add(out, p, len);
		sb_putc(out, '\n');
		p = nl ? nl + 1 : p + len;
	}
	sb_free(&clean);
}

static void field_line(const char *label, const char *value, struct strbuf *out)
{
	/* Padded by display width: a Russian or Kazakh label lines up too. */
	if (text_width(label) >= 14)
		sb_printf(out, "%s ", label);
	else
		text_fit(label, 14, true, out);
	text_sanitize(value, out);
	sb_putc(out, '\n');
}

/* A change's value on one line: the first line of a long text, marked when cut. */
static void short_value(const char *value, struct strbuf *out)
{
	const char *nl = strchr(value, '\n');
	char *first = nl ? xstrndup(value, (size_t)(nl - value)) : xstrdup(value);

	text_fit(*first ? first : "(none)", 40, false, out);
	if (nl)
		sb_puts(out, " …");
	free(first);
}

void print_every(const char *every, struct strbuf *out)
{
	int day = 0;

	sscanf(strchr(every, ':') ? strchr(every, ':') + 1 : "0", "%d", &day);
	sb_printf(out, strncmp(every, "quarter", 7) == 0 ? _("quarterly, the report due by day %d")
							  : _("monthly, the report due by day %d"),
		  day);
}

void print_source(const struct card *card, struct strbuf *out)
{
	struct strbuf s = {0};

	if (!str_empty(card->item))
		sb_printf(&s, _("item %s"), card->item);
	if (!str_empty(card->source))
		sb_printf(&s, "%s%s", s.len ? ", " : "", card->source);
	text_sanitize(sb_str(&s), out);
	sb_free(&s);
}

/* The card's fields, one "Label: value" line each, in the text format. */
static void print_card_fields(const struct card *card, const struct board *board,
			      const char *blocked, struct strbuf *out)
{
	struct strbuf line = {0};
	char day[16];
	const struct agency *lead = board_agency(board, card->lead);
	const struct column_def *col = board_column(board, card->column);

	field_line(_("Column:"), col ? board_column_name(col) : card->column, out);
	if (blocked)
		field_line(_("Blocked:"), *blocked ? blocked : _("no reason was given"), out);
	sb_printf(&line, "%s%s%s", card->lead, lead ? "  " : "", lead ? board_agency_name(lead) : "");
	field_line(_("Lead:"), sb_str(&line), out);
	sb_reset(&line);
	sv_join(&card->co, ", ", &line);
	field_line(_("Co-executors:"), line.len ? sb_str(&line) : _("none"), out);
	sb_reset(&line);
	sb_puts(&line, str_empty(card->due) ? _("none") : print_day(card->due, day));
	if (card_due_state(card, board, NULL) >= DUE_SOON) {
		sb_puts(&line, " (");
		print_due_note(card, board, NULL, &line);
		sb_putc(&line, ')');
	}
	field_line(_("Due:"), sb_str(&line), out);
	sb_reset(&line);
	sv_join(&card->labels, ", ", &line);
	field_line(_("Labels:"), line.len ? sb_str(&line) : _("none"), out);
	if (card->archived)
		field_line(_("Archived:"), _("yes"), out);
	if (!str_empty(card->item) || !str_empty(card->source)) {
		sb_reset(&line);
		print_source(card, &line);
		field_line(_("Source:"), sb_str(&line), out);
	}
	if (!str_empty(card->every)) {
		sb_reset(&line);
		print_every(card->every, &line);
		field_line(_("Every:"), sb_str(&line), out);
	}
	for (size_t i = 0; i < card->nconflicts; i++) {
		const char *v = card->conflicts[i].value;
		sb_reset(&line);
		sb_printf(&line, _("%s: %.*s (two offices changed it; `coboard conflicts`)"),
			  history_field_word(card->conflicts[i].field), (int)strcspn(v, "\n"), v);
		field_line(_("Set aside:"), sb_str(&line), out);
	}
	sb_reset(&line);
	print_control_state(card, &line);
	for (const char *p = sb_str(&line); *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		field_line(_("Control:"), one, out);
		free(one);
		p += n + (p[n] == '\n');
	}
	sb_free(&line);
}

/* The card's notes, newest last, and its latest changes as the change log words them. */
static void print_card_notes(const struct card *card, const struct board *board,
			     const struct log_list *recent, struct strbuf *out)
{
	if (card->nnotes)
		sb_puts(out, _("\nNotes\n"));
	for (size_t i = 0; i < card->nnotes; i++) {
		sb_puts(out, "  ");
		print_note_time(card->notes[i].time, out);
		sb_putc(out, ' ');
		print_member(board, card->notes[i].author, out);
		sb_putc(out, '\n');
		indent_lines(card->notes[i].text, "    ", out);
	}
	if (!recent || !recent->n)
		return;
	sb_puts(out, _("\nLatest changes\n"));
	for (size_t i = 0; i < recent->n; i++) {
		const struct log_entry *e = &recent->v[i];

		sb_puts(out, "  ");
		print_time(e->time, out);
		sb_putc(out, ' ');
		text_fit(e->author, 16, true, out);
		sb_putc(out, ' ');
		text_sanitize(history_field_word(e->field), out);
		sb_puts(out, ": ");
		history_word_change(e->field, e->old_value, e->new_value, short_value, out);
		sb_putc(out, '\n');
	}
}

void print_card(const struct card *card, const struct board *board, const struct log_list *recent,
		const struct slippage *sl, const char *blocked, enum format format,
		struct strbuf *out)
{
	if (format == FORMAT_JSON) {
		card_json(card, board, NULL, true, out);
		if (blocked) { /* the object's closing brace becomes the reason's */
			out->buf[--out->len] = '\0';
			sb_puts(out, ", \"blocked_reason\": ");
			text_json(blocked, out);
			sb_putc(out, '}');
		}
		sb_putc(out, '\n');
		return;
	}
	sb_printf(out, "#%d  ", card->id);
	text_sanitize(card->title, out);
	sb_putc(out, '\n');
	print_card_fields(card, board, blocked, out);
	if (!str_empty(card->description)) {
		sb_putc(out, '\n');
		indent_lines(card->description, "  ", out);
	}
	print_register(card, out);
	print_card_notes(card, board, recent, out);
	if (sl && (sl->moves || sl->meetings)) {
		sb_puts(out, "\n");
		text_fit(_("Slippage"), 14, true, out);
		print_slippage(sl, out);
		sb_putc(out, '\n');
	}
}

void print_log(const struct log_list *log, enum format format, struct strbuf *out)
{
	if (format == FORMAT_JSON)
		sb_puts(out, "[\n");
	if (format == FORMAT_CSV)
		sb_puts(out, "time,author,email,card,field,old,new,commit,subject,reason\n");
	for (size_t i = 0; i < log->n; i++) {
		const struct log_entry *e = &log->v[i];

		if (format == FORMAT_JSON) {
			sb_printf(out, "  {\"commit\": \"%s\", \"time\": %lld, \"author\": ", e->commit,
				  e->time);
			text_json(e->author, out);
			sb_puts(out, ", \"email\": ");
			text_json(e->email, out);
			sb_printf(out, ", \"card\": %d, \"field\": ", e->card);
			text_json(e->field, out);
			sb_puts(out, ", \"old\": ");
			text_json(e->old_value, out);
			sb_puts(out, ", \"new\": ");
			text_json(e->new_value, out);
			sb_puts(out, ", \"subject\": ");
			text_json(e->subject, out);
			sb_puts(out, ", \"reason\": ");
			text_json(e->reason, out);
			sb_puts(out, i + 1 < log->n ? "},\n" : "}\n");
		} else if (format == FORMAT_CSV) {
			struct strbuf when = {0};
			char card[16];

			print_time(e->time, &when);
			snprintf(card, sizeof(card), "%d", e->card);
			const char *row[] = {sb_str(&when), e->author, e->email, card, e->field,
					     e->old_value, e->new_value, e->commit, e->subject, e->reason};
			text_csv_row(out, row, sizeof(row) / sizeof(*row));
			sb_free(&when);
		} else {
			char card[16];

			print_time(e->time, out);
			sb_putc(out, ' ');
			text_fit(e->author, 16, true, out);
			snprintf(card, sizeof(card), "#%d", e->card);
			sb_putc(out, ' ');
			if (e->card)
				sb_printf(out, "%-6s", card);
			else
				text_fit(_("board"), 6, true, out);
			sb_putc(out, ' ');
			text_fit(history_field_word(e->field), 11, true, out);
			sb_putc(out, ' ');
			history_word_change(e->field, e->old_value, e->new_value, short_value, out);
			sb_printf(out, "  %.7s", e->commit);
			if (!str_empty(e->reason)) {
				sb_puts(out, _("  reason: "));
				text_sanitize(e->reason, out);
			}
			sb_putc(out, '\n');
		}
	}
	if (format == FORMAT_JSON)
		sb_puts(out, "]\n");
}
