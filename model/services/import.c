#include "import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "history.h"
#include "i18n.h"
#include "ops_internal.h"
#include "rank.h"
#include "utf8.h"
#include "ops_file.h"

/* --- the file: CSV or TSV, quotes and line breaks inside cells ------------------------- */

struct table {
	struct strvec *rows; /* each row's cells */
	int *lines;          /* the line each row starts on */
	size_t n;
};

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		sv_free(&t->rows[i]);
	free(t->rows);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

/* The separator the header row uses: a tab, a semicolon (Excel in many locales), a comma. */
static char separator(const char *p, const char *end)
{
	size_t tabs = 0, semis = 0, commas = 0;

	for (bool quoted = false; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			tabs += *p == '\t', semis += *p == ';', commas += *p == ',';
	}
	return tabs ? '\t' : semis > commas ? ';' : ',';
}

static void parse_table(const char *text, size_t len, struct table *t)
{
	const char *p = text, *end = text + len;
	struct strbuf cell = {0};
	struct strvec row = {0};
	int line = 1, row_line = 1;
	bool quoted = false, any = false;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3; /* the BOM Excel writes */
	char sep = separator(p, end);
	for (; p <= end; p++) {
		char c = p < end ? *p : '\n';
		if (quoted) {
			if (c == '"' && p + 1 < end && p[1] == '"') {
				sb_putc(&cell, '"');
				p++;
			} else if (c == '"') {
				quoted = false;
			} else {
				line += c == '\n';
				if (c != '\r')
					sb_putc(&cell, c);
			}
			continue;
		}
		if (c == '"' && cell.len == 0) {
			quoted = any = true;
		} else if (c == sep) {
			sv_push(&row, sb_str(&cell));
			sb_reset(&cell);
			any = true;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			if (any || cell.len) {
				sv_push(&row, sb_str(&cell));
				t->rows = xgrow(t->rows, t->n, sizeof(*t->rows));
				t->lines = xgrow(t->lines, t->n, sizeof(*t->lines));
				t->lines[t->n] = row_line;
				t->rows[t->n++] = row;
				memset(&row, 0, sizeof(row));
			}
			sb_reset(&cell);
			any = false;
			row_line = ++line;
		} else {
			sb_putc(&cell, c);
			any = true;
		}
	}
	sv_free(&row);
	sb_free(&cell);
}

/* --- the header: English, Russian or Kazakh names ------------------------------------- */

enum column { COL_ITEM, COL_TITLE, COL_LEAD, COL_CO, COL_DUE, COL_LABELS, COL_DESCRIPTION,
	      COL_SOURCE, COL_NONE };

static const char *const header_names[COL_NONE][18] = {
	[COL_ITEM] = {"no", "#", "№", "item", "number", "n", "№ п/п", "п/п", "номер", "пункт",
		      "№ пункта", "тармақ", "нөмір", NULL},
	[COL_TITLE] = {"instruction", "title", "task", "поручение", "наименование", "мероприятие",
		       "содержание поручения", "тапсырма", "тапсырманың мазмұны", "атауы",
		       "іс-шара", NULL},
	[COL_LEAD] = {"lead", UNTRANSLATED("lead agency"), "responsible", "головной исполнитель",
		      "ответственный", "ответственный исполнитель", "исполнитель",
		      "головное", "головное ведомство", "жауапты орындаушы", "бас орындаушы",
		      "орындаушы", "жауапты", "жауапты мекеме", "жетекші", "жетекші мекеме", NULL},
	[COL_CO] = {"co-executors", "co", "co-executor", "соисполнители", "соисполнитель",
		    "бірлескен орындаушылар", "бірлесіп орындаушылар", "қосымша орындаушылар",
		    NULL},
	[COL_DUE] = {"deadline", "due", UNTRANSLATED("due date"), "срок", "срок исполнения",
		     "срок выполнения", "мерзім", "мерзімі", "орындау мерзімі", "орындалу мерзімі",
		     NULL},
	[COL_LABELS] = {"labels", "label", "метки", "теги", "белгілер", NULL},
	[COL_DESCRIPTION] = {"description", "notes", "описание", "примечание", "сипаттама",
			     "ескерту", NULL},
	[COL_SOURCE] = {"source", "document", "источник", "основание", "документ", "дереккөз",
			"негіздеме", "құжат", NULL},
};
/* A column as a problem names it; column_word gives it in the reader's language. */
static const char *const column_words[COL_NONE] = {
	/* TRANSLATORS: the item number's column of an imported control matrix. */
	N_("No."),
	/* TRANSLATORS: the column of an imported control matrix that holds the instruction. */
	N_("instruction"), N_("lead"), N_("co-executors"), N_("deadline"), N_("labels"),
	N_("description"), N_("source")};

static const char *column_word(enum column c)
{
	return _(column_words[c]);
}

/* Lower case for ASCII, Russian and Kazakh letters, spaces trimmed, a final '.' or ':' off:
 * "Срок исполнения:" and "срок исполнения" are one name. */
static char *fold(const char *s)
{
	struct strbuf out = {0};
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID) {
			i += 1;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (cp >= 0x410 && cp <= 0x42f)
			cp += 0x20;
		else if (cp == 0x401 || cp == 0x406)
			cp += 0x50;
		else if ((cp >= 0x492 && cp <= 0x4bb && cp % 2 == 0) || cp == 0x4d8 || cp == 0x4e8)
			cp += 1;
		char buf[4];
		size_t w = utf8_encode(cp, buf);
		sb_add(&out, buf, w);
		i += n;
	}
	char *t = sb_detach(&out);
	char *start = t + strspn(t, " \t");
	size_t n = strlen(start);
	while (n && strchr(" \t.:", start[n - 1]))
		start[--n] = '\0';
	char *result = xstrdup(start);
	free(t);
	return result;
}

static enum column column_of(const char *name)
{
	char *f = fold(name);
	enum column found = COL_NONE;

	for (int c = 0; c < COL_NONE && found == COL_NONE; c++)
		for (int k = 0; header_names[c][k]; k++)
			if (strcmp(f, header_names[c][k]) == 0)
				found = (enum column)c;
	free(f);
	return found;
}

/* --- agencies as people write them ---------------------------------------------------- */

static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), *row = xcalloc(m + 1, sizeof(*row));

	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[m];
	free(row);
	return d;
}

/* The agency typed: a code in any case, or a name; NULL when none matches. */
static const struct agency *agency_typed(const struct board *board, const char *typed)
{
	const struct agency *a = board_agency_find(board, typed);
	char *t = fold(typed);

	for (size_t i = 0; !a && i < board->nagencies; i++) {
		char *name = fold(board->agencies[i].name);
		if (strcmp(name, t) == 0)
			a = &board->agencies[i];
		free(name);
	}
	free(t);
	return a;
}

/* "the closest codes: MIA, MOE, MOH" for an agency not found. */
static void closest_codes(const struct board *board, const char *typed, struct strbuf *out)
{
	size_t best[3] = {(size_t)-1, (size_t)-1, (size_t)-1};
	const char *codes[3] = {NULL, NULL, NULL};
	char *t = fold(typed);

	for (size_t i = 0; i < board->nagencies; i++) {
		char *code = fold(board->agencies[i].code), *name = fold(board->agencies[i].name);
		size_t d = distance(t, code), dn = distance(t, name);
		if (dn < d)
			d = dn;
		for (int k = 0; k < 3; k++)
			if (d < best[k]) {
				for (int j = 2; j > k; j--) {
					best[j] = best[j - 1];
					codes[j] = codes[j - 1];
				}
				best[k] = d;
				codes[k] = board->agencies[i].code;
				break;
			}
		free(code);
		free(name);
	}
	free(t);
	for (int k = 0; k < 3 && codes[k]; k++)
		sb_printf(out, "%s%s", k ? ", " : "", codes[k]);
}

/* --- rows into cards ------------------------------------------------------------------- */

static void problem(struct import_plan *plan, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void problem(struct import_plan *plan, int line, const char *column, const char *fmt, ...)
{
	char what[400];
	struct strbuf msg = {0};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (column)
		sb_printf(&msg, _("line %d, column %s: %s"), line, column, what);
	else
		sb_printf(&msg, _("line %d: %s"), line, what);
	sv_push(&plan->problems, sb_str(&msg));
	sb_free(&msg);
}

static void take_agencies(struct import_plan *plan, const struct board *board, int line,
			  const char *text, struct strvec *out)
{
	struct strvec typed = {0};
	char *copy = xstrdup(text);

	for (char *p = copy; *p; p++)
		if (*p == ';' || *p == '\n')
			*p = ',';
	sv_split_list(&typed, copy);
	for (size_t i = 0; i < typed.n; i++) {
		const struct agency *a = agency_typed(board, typed.v[i]);
		if (a) {
			if (!sv_contains(out, a->code))
				sv_push(out, a->code);
			continue;
		}
		struct strbuf near = {0};
		closest_codes(board, typed.v[i], &near);
		problem(plan, line, column_word(COL_CO),
			_("unknown agency '%s'; the closest codes: %s"), typed.v[i], sb_str(&near));
		sb_free(&near);
	}
	sv_free(&typed);
	free(copy);
}

static const char *cell(const struct strvec *row, const int *where, enum column c)
{
	return where[c] >= 0 && (size_t)where[c] < row->n ? row->v[where[c]] : "";
}

static void read_row(struct session *s, const struct board *board, const struct strvec *row,
		     const int *where, int line, const char *source_default, const char *today,
		     struct import_plan *plan)
{
	struct import_row *r;
	size_t before = plan->problems.n;
	char *title = text_normalize(cell(row, where, COL_TITLE));
	struct cb_error err = {0};

	plan->rows = xgrow(plan->rows, plan->n, sizeof(*plan->rows));
	r = &plan->rows[plan->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	card_init(&r->card);
	for (char *p = title; *p; p++)
		if (*p == '\n')
			*p = ' ';
	str_set(&r->card.title, title);
	free(title);
	if (!*r->card.title)
		problem(plan, line, column_word(COL_TITLE), _("the instruction is empty"));
	const char *lead = cell(row, where, COL_LEAD);
	const struct agency *a = agency_typed(board, lead);
	if (a) {
		str_set(&r->card.lead, a->code);
	} else {
		struct strbuf near = {0};
		closest_codes(board, lead, &near);
		problem(plan, line, column_word(COL_LEAD),
			*lead ? _("unknown agency '%s'; the closest codes: %s")
			      : _("no lead agency%s; the closest codes: %s"),
			lead, sb_str(&near));
		sb_free(&near);
	}
	take_agencies(plan, board, line, cell(row, where, COL_CO), &r->card.co);
	for (size_t i = 0; i < r->card.co.n; i++)
		if (strcmp(r->card.co.v[i], r->card.lead) == 0)
			sv_remove_at(&r->card.co, i--);
	const char *due = cell(row, where, COL_DUE);
	char day[11];
	if (*due && calendar_deadline(board, due, today, day, NULL, &err) < 0)
		problem(plan, line, column_word(COL_DUE), "%s", err.msg);
	else if (*due)
		str_set(&r->card.due, day);
	char *labels = xstrdup(cell(row, where, COL_LABELS));
	for (char *p = labels; *p; p++)
		if (*p == ';' || *p == ' ')
			*p = ',';
	sv_split_list(&r->card.labels, labels);
	free(labels);
	char *description = text_normalize(cell(row, where, COL_DESCRIPTION));
	str_set(&r->card.description, description);
	free(description);
	char *item = text_normalize(cell(row, where, COL_ITEM));
	str_set(&r->card.item, item);
	free(item);
	const char *source = cell(row, where, COL_SOURCE);
	str_set(&r->card.source, *source ? source : source_default);
	str_set(&r->card.column, board->columns[0].key);
	str_set(&r->card.rank, "V"); /* placed when added; any valid key for the check */
	cb_error_clear(&err);
	if (plan->problems.n == before && card_validate(&r->card, board, &err) < 0)
		problem(plan, line, err.field ? err.field : NULL, "%s", err.msg);
	if (*r->card.item &&
	    index_card_by_item(s->index, r->card.item, r->card.source, &r->existing, &err) < 0)
		problem(plan, line, NULL, "%s", err.msg);
	for (size_t i = 0; i < plan->n - 1 && *r->card.item; i++)
		if (strcmp(plan->rows[i].card.item, r->card.item) == 0 &&
		    strcmp(plan->rows[i].card.source, r->card.source) == 0)
			problem(plan, line, column_word(COL_ITEM),
				_("item %s is also on line %d; each item once"), r->card.item,
				plan->rows[i].line);
}

/* What differs between the card now and the row: the fields the matrix gives. */
static void compare_existing(struct session *s, struct import_row *r)
{
	struct card now;
	struct cb_error err = {0};
	struct change_list changes = {0};

	if (index_card(s->index, r->existing, &now, &err) == 0) {
		struct card wanted;
		card_copy(&wanted, &now);
		str_set(&wanted.title, r->card.title);
		str_set(&wanted.lead, r->card.lead);
		sv_free(&wanted.co);
		sv_copy(&wanted.co, &r->card.co);
		str_set(&wanted.due, r->card.due);
		if (r->card.labels.n) {
			sv_free(&wanted.labels);
			sv_copy(&wanted.labels, &r->card.labels);
		}
		if (*r->card.description)
			str_set(&wanted.description, r->card.description);
		history_diff(&now, &wanted, &changes);
		for (size_t i = 0; i < changes.n; i++) {
			struct strbuf line = {0};
			sb_printf(&line, "%s ", changes.v[i].field);
			history_word_change(changes.v[i].field, changes.v[i].old_value,
					    changes.v[i].new_value, NULL, &line);
			sv_push(&r->changes, sb_str(&line));
			sb_free(&line);
		}
		card_free(&r->card);
		r->card = wanted;
	}
	card_free(&now);
	change_list_free(&changes);
}

int import_read(struct session *s, const char *text, size_t len, const char *source_default,
		struct import_plan *plan, struct cb_error *err)
{
	struct table t = {0};
	struct board board;
	int where[COL_NONE];
	char today[11];

	memset(plan, 0, sizeof(*plan));
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			return cb_fail(err, CB_EINVALID, "the file is not UTF-8 (byte %zu): save it as "
				       "\"CSV UTF-8\" (Excel) or with the character set UTF-8 "
				       "(LibreOffice)", i + 1);
		i += n;
	}
	parse_table(text, len, &t);
	if (t.n < 1) {
		table_free(&t);
		return cb_fail(err, CB_EINVALID, "the file is empty: its first row names the columns "
			       "(No., instruction, lead, co-executors, deadline, ...)");
	}
	for (int c = 0; c < COL_NONE; c++)
		where[c] = -1;
	for (size_t i = 0; i < t.rows[0].n; i++) {
		enum column c = column_of(t.rows[0].v[i]);
		if (c == COL_NONE && *t.rows[0].v[i])
			sv_push(&plan->ignored, t.rows[0].v[i]);
		else if (c != COL_NONE && where[c] < 0)
			where[c] = (int)i;
	}
	if (where[COL_TITLE] < 0 || where[COL_LEAD] < 0) {
		table_free(&t);
		return cb_fail(err, CB_EINVALID, "the first row names no %s column: it names the "
			       "columns (No., instruction, lead, co-executors, deadline, labels, "
			       "description, source; or in Russian or Kazakh)",
			       column_word(where[COL_TITLE] < 0 ? COL_TITLE : COL_LEAD));
	}
	if (index_refresh(s->index, err) < 0 || index_board(s->index, &board, err) < 0) {
		table_free(&t);
		return -1;
	}
	date_today(today);
	for (size_t i = 1; i < t.n; i++)
		read_row(s, &board, &t.rows[i], where, t.lines[i], source_default, today, plan);
	for (size_t i = 0; i < plan->n; i++)
		if (plan->rows[i].existing)
			compare_existing(s, &plan->rows[i]);
	board_free(&board);
	table_free(&t);
	return 0;
}

/* --- writing: the new rows as one commit, the changed ones one by one -------------------- */

struct import_op {
	struct import_plan *plan;
	const char *file;
};

static int apply_new_rows(struct session *s, struct board *board, const git_oid *tip, void *arg,
			  struct file_op *op, struct cb_error *err)
{
	struct import_op *io = arg;
	struct strvec ranks = {0};
	int *ids = NULL, next;
	char *rank = NULL;

	(void)tip;
	if (board_role(board, s->login) < ROLE_SECRETARY)
		return cb_fail(err, CB_EDENIED, "%s may not import: the coordinator's office "
			       "(secretaries and admins) enters the control matrix", s->login);
	if (index_next_id(s->index, &next, err) < 0 || ops_on_site(s, board, &next, err) < 0 ||
	    index_column_ranks(s->index, board->columns[0].key, 0, &ids, &ranks, err) < 0)
		return -1;
	int step = board->nsites ? 100 : 1;
	rank = ranks.n ? xstrdup(ranks.v[ranks.n - 1]) : NULL;
	io->plan->added = 0;
	for (size_t i = 0; i < io->plan->n; i++) {
		struct import_row *r = &io->plan->rows[i];
		struct strbuf text = {0};
		char path[32];
		if (r->existing)
			continue;
		char *after = rank_between(rank, NULL);
		free(rank);
		rank = after;
		r->card.id = next;
		next += step;
		str_set(&r->card.rank, rank);
		card_format(&r->card, &text);
		card_path(r->card.id, path);
		file_op_add(op, path, text.buf, text.len);
		sb_free(&text);
		io->plan->added++;
	}
	free(rank);
	free(ids);
	sv_free(&ranks);
	sb_printf(&op->message, "Import %zu item%s from %s\n\n", io->plan->added,
		  io->plan->added == 1 ? "" : "s", io->file);
	op->op = "import";
	return 0;
}

int import_apply(struct session *s, struct import_plan *plan, const char *file, bool update,
		 struct cb_error *err)
{
	struct import_op io = {plan, file};
	struct op_result res;
	size_t fresh = 0;

	if (plan->problems.n)
		return cb_fail(err, CB_EINVALID, "the file has %zu problem%s (listed above); nothing "
			       "was imported", plan->problems.n, plan->problems.n == 1 ? "" : "s");
	for (size_t i = 0; i < plan->n; i++)
		fresh += !plan->rows[i].existing;
	if (fresh && ops_file_op(s, apply_new_rows, &io, &res, err) < 0)
		return -1;
	for (size_t i = 0; update && i < plan->n; i++) {
		struct import_row *r = &plan->rows[i];
		struct card now;
		struct strbuf reason = {0};
		if (!r->existing || !r->changes.n)
			continue;
		if (index_card(s->index, r->existing, &now, err) < 0) {
			card_free(&now);
			return -1;
		}
		sb_printf(&reason, UNTRANSLATED("import of %s, item %s"), file, r->card.item);
		int rc = ops_save_card(s, &now, &r->card, "import", sb_str(&reason), &res, err);
		card_free(&now);
		sb_free(&reason);
		if (rc < 0)
			return -1;
		plan->changed += res.changed;
	}
	return 0;
}

void import_plan_free(struct import_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++) {
		card_free(&plan->rows[i].card);
		sv_free(&plan->rows[i].changes);
	}
	free(plan->rows);
	sv_free(&plan->problems);
	sv_free(&plan->ignored);
	memset(plan, 0, sizeof(*plan));
}
