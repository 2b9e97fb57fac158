#include "card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "calendar.h"
#include "date.h"
#include "rank.h"
#include "utf8.h"

static const char note_marker[] = "--- note ";
static const char conflict_marker[] = "--- conflict ";

static bool starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* item and source come last and only when set, so cards written before them stay as they
 * were, byte for byte. */
enum field { F_TITLE, F_COLUMN, F_RANK, F_LEAD, F_CO, F_DUE, F_LABELS, F_ARCHIVED, F_ITEM,
	     F_SOURCE, F_EVERY, F_COUNT };
static const char *const field_names[F_COUNT] = {
	"title", "column", "rank", "lead", "co", "due", "labels", "archived", "item", "source",
	"every",
};

void card_init(struct card *card)
{
	memset(card, 0, sizeof(*card));
	card->title = xstrdup("");
	card->column = xstrdup("");
	card->rank = xstrdup("");
	card->lead = xstrdup("");
	card->due = xstrdup("");
	card->description = xstrdup("");
	card->item = xstrdup("");
	card->source = xstrdup("");
	card->every = xstrdup("");
}

void card_free(struct card *card)
{
	if (card->borrowed) {
		memset(card, 0, sizeof(*card));
		return;
	}
	free(card->title);
	free(card->column);
	free(card->rank);
	free(card->lead);
	free(card->due);
	free(card->description);
	free(card->item);
	free(card->source);
	free(card->every);
	sv_free(&card->co);
	sv_free(&card->labels);
	for (size_t i = 0; i < card->nnotes; i++) {
		free(card->notes[i].time);
		free(card->notes[i].author);
		free(card->notes[i].text);
	}
	free(card->notes);
	for (size_t i = 0; i < card->nconflicts; i++) {
		free(card->conflicts[i].field);
		free(card->conflicts[i].value);
	}
	free(card->conflicts);
	for (size_t i = 0; i < card->nsteps; i++)
		step_free(&card->steps[i]);
	free(card->steps);
	memset(card, 0, sizeof(*card));
}

static void add_note(struct card *card, const char *time, const char *author, const char *text)
{
	card->notes = xrealloc(card->notes, (card->nnotes + 1) * sizeof(*card->notes));
	card->notes[card->nnotes].time = xstrdup(time);
	card->notes[card->nnotes].author = xstrdup(author);
	card->notes[card->nnotes].text = xstrdup(text);
	card->nnotes++;
}

void card_copy(struct card *dst, const struct card *src)
{
	card_init(dst);
	dst->id = src->id;
	str_set(&dst->title, src->title);
	str_set(&dst->column, src->column);
	str_set(&dst->rank, src->rank);
	str_set(&dst->lead, src->lead);
	str_set(&dst->due, src->due);
	str_set(&dst->description, src->description);
	str_set(&dst->item, src->item);
	str_set(&dst->source, src->source);
	str_set(&dst->every, src->every);
	sv_copy(&dst->co, &src->co);
	sv_copy(&dst->labels, &src->labels);
	dst->archived = src->archived;
	for (size_t i = 0; i < src->nnotes; i++)
		add_note(dst, src->notes[i].time, src->notes[i].author, src->notes[i].text);
	for (size_t i = 0; i < src->nconflicts; i++)
		card_add_conflict(dst, src->conflicts[i].field, src->conflicts[i].value);
	for (size_t i = 0; i < src->nsteps; i++)
		card_insert_step(dst, &src->steps[i]);
}

/* A body line that reads as a note marker once any leading backslashes are removed. */
static bool looks_like_marker(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && line[i] == '\\')
		i++;
	return starts_with(line + i, len - i, note_marker) ||
	       starts_with(line + i, len - i, conflict_marker) ||
	       step_starts_marker(line + i, len - i);
}

/* Appends text line by line, escaping lines that would read as note markers. */
static void format_body_text(const char *text, struct strbuf *out)
{
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (looks_like_marker(p, len))
			sb_putc(out, '\\');
		sb_add(out, p, len);
		sb_putc(out, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
}

void card_format(const struct card *card, struct strbuf *out)
{
	struct strbuf co = {0}, labels = {0};
	const char *values[F_COUNT];

	sv_join(&card->co, ", ", &co);
	sv_join(&card->labels, ", ", &labels);
	values[F_TITLE] = card->title;
	values[F_COLUMN] = card->column;
	values[F_RANK] = card->rank;
	values[F_LEAD] = card->lead;
	values[F_CO] = sb_str(&co);
	values[F_DUE] = card->due;
	values[F_LABELS] = sb_str(&labels);
	values[F_ARCHIVED] = card->archived ? "yes" : "no";
	values[F_ITEM] = card->item;
	values[F_SOURCE] = card->source;
	values[F_EVERY] = card->every;
	for (int f = 0; f < F_COUNT; f++) {
		if (f >= F_ITEM && str_empty(values[f]))
			continue;
		if (str_empty(values[f]))
			sb_printf(out, "%s:\n", field_names[f]);
		else
			sb_printf(out, "%s: %s\n", field_names[f], values[f]);
	}
	if (!str_empty(card->description)) {
		sb_putc(out, '\n');
		format_body_text(card->description, out);
	}
	for (size_t i = 0; i < card->nnotes; i++) {
		sb_printf(out, "\n%s%s %s\n", note_marker, card->notes[i].time, card->notes[i].author);
		format_body_text(card->notes[i].text, out);
	}
	for (size_t i = 0; i < card->nconflicts; i++) {
		sb_printf(out, "\n%s%s\n", conflict_marker, card->conflicts[i].field);
		format_body_text(card->conflicts[i].value, out);
	}
	for (size_t i = 0; i < card->nsteps; i++) {
		sb_putc(out, '\n');
		step_format_marker(&card->steps[i], out);
		if (*card->steps[i].text)
			format_body_text(card->steps[i].text, out);
	}
	sb_free(&co);
	sb_free(&labels);
}

struct line {
	const char *s;
	size_t len;
};

static bool next_line(const char **p, const char *end, struct line *line)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	line->s = *p;
	line->len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	*p = nl ? nl + 1 : end;
	return true;
}

/* Puts *value in *slot and the old value of *slot in *value, for the caller to free: a
 * field parsed is not copied again. */
static void swap_str(char **slot, char **value)
{
	char *old = *slot;

	*slot = *value;
	*value = old;
}

static int parse_header_line(struct card *card, struct line line, int lineno, bool seen[F_COUNT],
			     struct cb_error *err)
{
	const char *colon = memchr(line.s, ':', line.len);
	size_t keylen, vlen;
	const char *value;
	char *v;
	int f;

	if (!colon)
		return cb_fail(err, CB_ECORRUPT, "line %d: expected 'field: value'", lineno);
	keylen = (size_t)(colon - line.s);
	for (f = 0; f < F_COUNT; f++)
		if (strlen(field_names[f]) == keylen && memcmp(field_names[f], line.s, keylen) == 0)
			break;
	if (f == F_COUNT)
		return cb_fail(err, CB_ECORRUPT, "line %d: unknown field '%.*s'", lineno,
			       (int)(keylen > 40 ? 40 : keylen), line.s);
	if (seen[f])
		return cb_fail(err, CB_ECORRUPT, "line %d: field '%s' given twice", lineno,
			       field_names[f]);
	seen[f] = true;
	value = colon + 1;
	vlen = line.len - keylen - 1;
	while (vlen && *value == ' ')
		value++, vlen--;
	while (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
		vlen--;
	v = xstrndup(value, vlen);
	switch (f) {
	case F_TITLE: swap_str(&card->title, &v); break;
	case F_COLUMN: swap_str(&card->column, &v); break;
	case F_RANK: swap_str(&card->rank, &v); break;
	case F_LEAD: swap_str(&card->lead, &v); break;
	case F_DUE: swap_str(&card->due, &v); break;
	case F_ITEM: swap_str(&card->item, &v); break;
	case F_SOURCE: swap_str(&card->source, &v); break;
	case F_EVERY: swap_str(&card->every, &v); break;
	case F_CO: sv_split_list(&card->co, v); break;
	case F_LABELS: sv_split_list(&card->labels, v); break;
	case F_ARCHIVED:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			free(v);
			return cb_fail(err, CB_ECORRUPT, "line %d: archived must be yes or no",
				       lineno);
		}
		card->archived = strcmp(v, "yes") == 0;
		break;
	}
	free(v);
	return 0;
}

/* Collects body lines into sb, unescaping markers; trailing blank lines are dropped. */
static void body_add_line(struct strbuf *sb, struct line line)
{
	if (line.len && line.s[0] == '\\' && looks_like_marker(line.s, line.len))
		line.s++, line.len--;
	sb_add(sb, line.s, line.len);
	sb_putc(sb, '\n');
}

static char *body_finish(struct strbuf *sb)
{
	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	return sb_detach(sb);
}

static int parse_note_marker(struct line line, int lineno, char **time, char **author,
			     struct cb_error *err)
{
	const char *p = line.s + sizeof(note_marker) - 1;
	size_t rest = line.len - (sizeof(note_marker) - 1);
	const char *space = memchr(p, ' ', rest);

	if (!space || space == p || (size_t)(space - p) + 1 >= rest)
		return cb_fail(err, CB_ECORRUPT, "line %d: a note marker needs a time and an author",
			       lineno);
	*time = xstrndup(p, (size_t)(space - p));
	*author = xstrndup(space + 1, rest - (size_t)(space - p) - 1);
	return 0;
}

/* The part of the body being read: the description, a note or a conflict. */
struct section {
	enum { SECTION_DESCRIPTION, SECTION_NOTE, SECTION_CONFLICT, SECTION_STEP } kind;
	char *time, *author, *field;
	struct step step;
	struct strbuf text;
};

static void finish_section(struct card *card, struct section *sec)
{
	char *body = body_finish(&sec->text);

	if (sec->kind == SECTION_DESCRIPTION)
		str_set(&card->description, body);
	else if (sec->kind == SECTION_NOTE)
		add_note(card, sec->time, sec->author, body);
	else if (sec->kind == SECTION_STEP) {
		free(sec->step.text);
		sec->step.text = xstrdup(body);
		card_insert_step(card, &sec->step);
		step_free(&sec->step);
	} else
		card_add_conflict(card, sec->field, body);
	free(body);
	free(sec->time);
	free(sec->author);
	free(sec->field);
	sec->time = sec->author = sec->field = NULL;
}

/* A marker line starts the next section; 1 when line is none, -1 on a malformed one. */
static int start_section(struct card *card, struct section *sec, struct line line, int lineno,
			 struct cb_error *err)
{
	bool note = starts_with(line.s, line.len, note_marker);
	bool step = step_starts_marker(line.s, line.len);

	if (!note && !step && !starts_with(line.s, line.len, conflict_marker))
		return 1;
	finish_section(card, sec);
	if (step) {
		sec->kind = SECTION_STEP;
		return step_parse_marker(line.s, line.len, lineno, &sec->step, err);
	}
	if (note) {
		sec->kind = SECTION_NOTE;
		return parse_note_marker(line, lineno, &sec->time, &sec->author, err);
	}
	sec->kind = SECTION_CONFLICT;
	sec->field = xstrndup(line.s + sizeof(conflict_marker) - 1,
			      line.len - (sizeof(conflict_marker) - 1));
	if (!*sec->field || strchr(sec->field, ' '))
		return cb_fail(err, CB_ECORRUPT, "line %d: a conflict marker needs one field name",
			       lineno);
	return 0;
}

int card_parse(struct card *card, const char *text, size_t len, struct cb_error *err)
{
	const char *p = text, *end = text + len;
	bool seen[F_COUNT] = {0}, in_header = true;
	struct section sec = {SECTION_DESCRIPTION, NULL, NULL, NULL, {0}, {0}};
	struct line line;
	int lineno = 0, rc = 0;

	card_init(card);
	while (next_line(&p, end, &line)) {
		lineno++;
		/* Values are C strings: a NUL would silently cut one short. */
		if (memchr(line.s, '\0', line.len)) {
			rc = cb_fail(err, CB_ECORRUPT, "line %d: contains a NUL byte", lineno);
			goto out;
		}
		if (in_header) {
			if (line.len == 0)
				in_header = false;
			else if ((rc = parse_header_line(card, line, lineno, seen, err)) < 0)
				goto out;
			continue;
		}
		if ((rc = start_section(card, &sec, line, lineno, err)) < 0)
			goto out;
		if (rc == 1)
			body_add_line(&sec.text, line);
		rc = 0;
	}
	finish_section(card, &sec);
	for (int f = F_TITLE; f <= F_LEAD; f++) {
		if (f != F_RANK && !seen[f]) {
			rc = cb_fail(err, CB_ECORRUPT, "line %d: missing field '%s'", lineno + 1,
				     field_names[f]);
			goto out;
		}
	}
out:
	free(sec.time);
	free(sec.author);
	free(sec.field);
	step_free(&sec.step);
	sb_free(&sec.text);
	return rc;
}

static int validate_label(const char *label, struct cb_error *err)
{
	long n = utf8_length(label);

	if (n <= 0 || n > CARD_LABEL_MAX)
		return cb_fail(err, CB_EINVALID, "label '%s' must be 1 to %d characters", label,
			       CARD_LABEL_MAX);
	for (const char *p = label; *p; p++)
		if (*p == ' ' || *p == ',' || *p == '\t')
			return cb_fail(err, CB_EINVALID,
				       "label '%s' may not contain spaces or commas", label);
	return text_validate("a label", label, false, err);
}

bool card_every_valid(const char *every)
{
	int day = 0, used = 0;
	char unit[8] = "";

	if (sscanf(every, "%7[a-z]:%d%n", unit, &day, &used) != 2 || every[used])
		return false;
	return (strcmp(unit, "month") == 0 || strcmp(unit, "quarter") == 0) && day >= 1 &&
	       day <= 31;
}

/* Whether text has a line git writes into a file it could not merge. */
static bool conflict_marker_line(const char *text)
{
	static const char *const markers[] = {"<<<<<<< ", "=======", ">>>>>>> "};

	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");
		for (size_t i = 0; i < 3; i++) {
			size_t m = strlen(markers[i]);
			if (len >= m && memcmp(p, markers[i], m) == 0 &&
			    (i != 1 || len == m))
				return true;
		}
		p += len + (p[len] == '\n');
	}
	return false;
}

/* Names the field a validation failure is about, so a form can show it beside the field. */
static int on_field(struct cb_error *err, const char *field, int rc)
{
	if (err)
		err->field = field;
	return rc;
}

int card_validate(const struct card *card, const struct board *board, struct cb_error *err)
{
	long title_len = utf8_length(card->title);

	if (str_empty(card->title))
		return on_field(err, "title", cb_fail(err, CB_EINVALID,
						      "the title is empty; a card needs a title"));
	if (title_len < 0 || title_len > CARD_TITLE_MAX)
		return on_field(err, "title", cb_fail(err, CB_EINVALID,
			       "the title is too long (%ld characters; at most %d)", title_len,
			       CARD_TITLE_MAX));
	if (!board_column(board, card->column))
		return on_field(err, "column",
				cb_fail(err, CB_ENOTFOUND, "unknown column '%s'; the columns are: %s",
					card->column, board_column_keys(board)));
	if (!rank_valid(card->rank))
		return on_field(err, "column", cb_fail(err, CB_EINVALID,
						       "card rank '%s' is not a valid rank key",
						       card->rank));
	if (!board_agency(board, card->lead))
		return on_field(err, "lead", cb_fail(err, CB_ENOTFOUND,
			       "unknown agency '%s' for the lead; the agencies are: %s",
			       card->lead, board_agency_codes(board)));
	for (size_t i = 0; i < card->co.n; i++) {
		if (!board_agency(board, card->co.v[i]))
			return on_field(err, "co", cb_fail(err, CB_ENOTFOUND,
				       "unknown agency '%s' among the co-executors; known: %s",
				       card->co.v[i], board_agency_codes(board)));
		if (strcmp(card->co.v[i], card->lead) == 0)
			return on_field(err, "co", cb_fail(err, CB_EINVALID,
				       "%s is the lead and cannot also be a co-executor",
				       card->lead));
		for (size_t j = 0; j < i; j++)
			if (strcmp(card->co.v[i], card->co.v[j]) == 0)
				return on_field(err, "co", cb_fail(err, CB_EINVALID, "co-executor %s is listed twice",
					       card->co.v[i]));
	}
	if (!str_empty(card->due) && !date_valid(card->due))
		return on_field(err, "due", cb_fail(err, CB_EINVALID,
			       "'%s' is not a real date; write the due date as YYYY-MM-DD (or "
			       "DD.MM.YYYY)", card->due));
	for (size_t i = 0; i < card->labels.n; i++)
		if (validate_label(card->labels.v[i], err) < 0)
			return on_field(err, "labels", -1);
	if (strlen(card->description) > CARD_TEXT_MAX)
		return on_field(err, "description", cb_fail(err, CB_EINVALID, "the description is longer than %d bytes",
			       CARD_TEXT_MAX));
	for (size_t i = 0; i < card->nsteps; i++)
		if (step_validate(&card->steps[i], err) < 0)
			return -1;
	if (utf8_length(card->item) > CARD_ITEM_MAX || utf8_length(card->source) > CARD_TITLE_MAX)
		return on_field(err, "source", cb_fail(err, CB_EINVALID, "the item number is at most %d "
			       "and the source at most %d characters", CARD_ITEM_MAX, CARD_TITLE_MAX));
	if (text_validate("the item number", card->item, false, err) < 0 ||
	    text_validate("the source", card->source, false, err) < 0)
		return on_field(err, "source", -1);
	if (!str_empty(card->every) && !card_every_valid(card->every))
		return on_field(err, "every", cb_fail(err, CB_EINVALID, "'%s' is not a period: write "
			       "month or quarter, with the day the report is due by (month:10)",
			       card->every));
	/* A merge left unfinished by hand: git's markers must not become the card's text. */
	if (conflict_marker_line(card->description) ||
	    conflict_marker_line(card->title))
		return on_field(err, "description",
				cb_fail(err, CB_EINVALID, "the text holds a git conflict marker (a "
					"line starting '<<<<<<<', '=======' or '>>>>>>>'); finish "
					"the merge by hand and remove it"));
	for (size_t i = 0; i < card->nnotes; i++)
		if (conflict_marker_line(card->notes[i].text))
			return cb_fail(err, CB_EINVALID, "a note of %s holds a git conflict marker (a "
				       "line starting '<<<<<<<', '=======' or '>>>>>>>'); finish the "
				       "merge by hand and remove it", card->notes[i].author);
	return 0;
}

/* The id in "<digits>.card", 0 when name is anything else or the id is out of range. */
static int id_from_name(const char *name)
{
	const char *p = name;
	long id = 0;

	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && id <= CARD_ID_MAX)
		id = id * 10 + (*p++ - '0');
	return id <= CARD_ID_MAX && strcmp(p, ".card") == 0 ? (int)id : 0;
}

int card_folder(int id)
{
	return id / 100 % 100;
}

int card_id_from_path(const char *path)
{
	const char *name, *slash;
	int id;

	if (strncmp(path, "cards/", 6) != 0)
		return 0;
	name = path + 6;
	slash = strchr(name, '/');
	if (!slash)
		return id_from_name(name); /* the layout of boards made before folders */
	id = id_from_name(slash + 1);
	if (!id || slash - name != 2 || name[0] != '0' + card_folder(id) / 10 ||
	    name[1] != '0' + card_folder(id) % 10)
		return 0;
	return id;
}

bool card_path_is_flat(const char *path)
{
	return strncmp(path, "cards/", 6) == 0 && !strchr(path + 6, '/');
}

void card_path(int id, char out[32])
{
	snprintf(out, 32, "cards/%02d/%d.card", card_folder(id), id);
}

enum due_state card_due_state(const struct card *card, const struct board *board,
			      const char *today)
{
	long days;

	if (str_empty(card->due) || !date_valid(card->due))
		return DUE_NONE;
	if (board_column_is_done(board, card->column))
		return DUE_LATER;
	days = date_days_until(card->due, today);
	if (days < 0)
		return DUE_OVERDUE;
	/* On a board with a working calendar, "soon" counts working days. */
	if (board_has_calendar(board) && days <= 2 * DUE_SOON_DAYS) {
		char now[11];
		if (!today || !date_valid(today)) {
			date_today(now);
			today = now;
		}
		return calendar_working_days_until(board, today, card->due) <= DUE_SOON_WORKING_DAYS
			       ? DUE_SOON
			       : DUE_LATER;
	}
	return days <= DUE_SOON_DAYS ? DUE_SOON : DUE_LATER;
}

bool note_same(const struct note *a, const struct note *b)
{
	return strcmp(a->time, b->time) == 0 && strcmp(a->author, b->author) == 0 &&
	       strcmp(a->text, b->text) == 0;
}

bool card_has_note(const struct card *card, const struct note *note)
{
	for (size_t i = 0; i < card->nnotes; i++)
		if (note_same(&card->notes[i], note))
			return true;
	return false;
}

void card_insert_note(struct card *card, const struct note *note)
{
	size_t at = card->nnotes;

	while (at > 0 && strcmp(card->notes[at - 1].time, note->time) > 0)
		at--;
	card->notes = xrealloc(card->notes, (card->nnotes + 1) * sizeof(*card->notes));
	memmove(&card->notes[at + 1], &card->notes[at], (card->nnotes - at) * sizeof(*card->notes));
	card->notes[at] = (struct note){xstrdup(note->time), xstrdup(note->author),
					xstrdup(note->text)};
	card->nnotes++;
}

bool card_remove_note(struct card *card, const struct note *note)
{
	for (size_t i = 0; i < card->nnotes; i++) {
		if (!note_same(&card->notes[i], note))
			continue;
		free(card->notes[i].time);
		free(card->notes[i].author);
		free(card->notes[i].text);
		memmove(&card->notes[i], &card->notes[i + 1],
			(card->nnotes - i - 1) * sizeof(*card->notes));
		card->nnotes--;
		return true;
	}
	return false;
}

char **card_text_field(struct card *card, const char *field)
{
	char **const slots[] = {&card->title,	    &card->column, &card->lead,	  &card->due,
				&card->description, &card->item,   &card->source, &card->every};
	static const char *const names[] = {"title", "column", "lead",   "due",
					    "description", "item", "source", "every"};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(names[i], field) == 0)
			return slots[i];
	return NULL;
}

const char *card_text_value(const struct card *card, const char *field)
{
	/* Read only: the slot of a card that is not changed. */
	char **slot = card_text_field((struct card *)card, field);

	return slot ? *slot : "";
}

static int conflict_order(const struct card_conflict *c, const char *field, const char *value)
{
	int by_field = strcmp(c->field, field);

	return by_field ? by_field : strcmp(c->value, value);
}

bool card_has_conflict(const struct card *card, const char *field, const char *value)
{
	for (size_t i = 0; i < card->nconflicts; i++)
		if (conflict_order(&card->conflicts[i], field, value) == 0)
			return true;
	return false;
}

bool card_settle_conflicts(struct card *card)
{
	bool settled = false;

	for (size_t i = 0; i < card->nconflicts;) {
		const struct card_conflict *c = &card->conflicts[i];
		if (strcmp(card_text_value(card, c->field), c->value) == 0 &&
		    card_remove_conflict(card, c->field, c->value)) {
			settled = true;
			continue;
		}
		i++;
	}
	return settled;
}

void card_add_conflict(struct card *card, const char *field, const char *value)
{
	size_t at = 0;

	while (at < card->nconflicts && conflict_order(&card->conflicts[at], field, value) < 0)
		at++;
	if (at < card->nconflicts && conflict_order(&card->conflicts[at], field, value) == 0)
		return;
	card->conflicts = xrealloc(card->conflicts, (card->nconflicts + 1) * sizeof(*card->conflicts));
	memmove(&card->conflicts[at + 1], &card->conflicts[at],
		(card->nconflicts - at) * sizeof(*card->conflicts));
	card->conflicts[at] = (struct card_conflict){xstrdup(field), xstrdup(value)};
	card->nconflicts++;
}

bool card_remove_conflict(struct card *card, const char *field, const char *value)
{
	for (size_t i = 0; i < card->nconflicts; i++) {
		if (conflict_order(&card->conflicts[i], field, value) != 0)
			continue;
		free(card->conflicts[i].field);
		free(card->conflicts[i].value);
		memmove(&card->conflicts[i], &card->conflicts[i + 1],
			(card->nconflicts - i - 1) * sizeof(*card->conflicts));
		card->nconflicts--;
		return true;
	}
	return false;
}
