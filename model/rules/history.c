#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "i18n.h"

static void push(struct change_list *out, const char *field, const char *old_value,
		 const char *new_value)
{
	out->v = xgrow(out->v, out->n, sizeof(*out->v));
	out->v[out->n].field = xstrdup(field);
	out->v[out->n].old_value = xstrdup(old_value);
	out->v[out->n].new_value = xstrdup(new_value);
	out->n++;
}

static void compare(struct change_list *out, const char *field, const char *a, const char *b)
{
	if (strcmp(a, b) != 0)
		push(out, field, a, b);
}

static void compare_list(struct change_list *out, const char *field, const struct strvec *a,
			 const struct strvec *b)
{
	struct strbuf sa = {0}, sbuf = {0};

	if (!sv_equal(a, b)) {
		sv_join(a, ", ", &sa);
		sv_join(b, ", ", &sbuf);
		push(out, field, sb_str(&sa), sb_str(&sbuf));
	}
	sb_free(&sa);
	sb_free(&sbuf);
}

/* A conflict as one value: "FIELD: VALUE". */
static void push_conflict(struct change_list *out, const struct card_conflict *c, bool added)
{
	struct strbuf v = {0};

	sb_printf(&v, "%s: %s", c->field, c->value);
	push(out, "conflict", added ? "" : sb_str(&v), added ? sb_str(&v) : "");
	sb_free(&v);
}

static void compare_conflicts(struct change_list *out, const struct card *old,
			      const struct card *new)
{
	for (size_t i = 0; i < old->nconflicts; i++)
		if (!card_has_conflict(new, old->conflicts[i].field, old->conflicts[i].value))
			push_conflict(out, &old->conflicts[i], false);
	for (size_t i = 0; i < new->nconflicts; i++)
		if (!card_has_conflict(old, new->conflicts[i].field, new->conflicts[i].value))
			push_conflict(out, &new->conflicts[i], true);
}

/* A step as one value: its marker's words, then its text on the lines after. */
void history_step_value(const struct step *s, struct strbuf *out)
{
	if (step_is_request(s))
		sb_printf(out, "%d %s %s%s%s", s->number, s->kind, s->agency, *s->value ? " " : "",
			  s->value);
	else
		sb_printf(out, "%d %s", s->number, s->kind);
	if (*s->text)
		sb_printf(out, "\n%s", s->text);
}

static void compare_steps(struct change_list *out, const struct card *old,
			  const struct card *new)
{
	struct strbuf v = {0};

	for (int side = 0; side < 2; side++) {
		const struct card *from = side ? new : old, *other = side ? old : new;
		for (size_t i = 0; i < from->nsteps; i++) {
			const struct step *s = &from->steps[i];
			if (card_has_step(other, s))
				continue;
			sb_reset(&v);
			history_step_value(s, &v);
			push(out, step_is_request(s) ? "request" : "decision", side ? "" : sb_str(&v),
			     side ? sb_str(&v) : "");
		}
	}
	sb_free(&v);
}

void history_diff(const struct card *old, const struct card *new, struct change_list *out)
{
	struct card empty;

	card_init(&empty);
	if (!old)
		old = &empty;
	if (!new) {
		push(out, "removed", old->title, "");
		card_free(&empty);
		return;
	}
	if (old == &empty) {
		/* A new card: its title, and the fields a later change is measured against. */
		push(out, "created", "", new->title);
		compare(out, "column", "", new->column);
		compare(out, "lead", "", new->lead);
		compare_list(out, "co", &empty.co, &new->co);
		compare(out, "due", "", new->due);
		card_free(&empty);
		return;
	}
	compare(out, "title", old->title, new->title);
	compare(out, "column", old->column, new->column);
	/* A card moved up or down within its column: a change of its place, worded so. */
	if (strcmp(old->column, new->column) == 0 && strcmp(old->rank, new->rank) != 0)
		push(out, "order", old->rank, new->rank);
	compare(out, "lead", old->lead, new->lead);
	compare_list(out, "co", &old->co, &new->co);
	compare(out, "due", old->due, new->due);
	compare_list(out, "labels", &old->labels, &new->labels);
	if (old->archived != new->archived)
		push(out, "archived", old->archived ? "yes" : "no", new->archived ? "yes" : "no");
	compare(out, "description", old->description, new->description);
	compare(out, "item", old->item, new->item);
	compare(out, "source", old->source, new->source);
	compare(out, "every", old->every, new->every);
	/* Notes are a list with identity (author, time, text), compared as a multiset: one row
	 * per note gone or come, whatever its place. */
	bool *matched = xcalloc(new->nnotes + 1, sizeof(*matched));
	for (size_t i = 0; i < old->nnotes; i++) {
		size_t j = 0;
		while (j < new->nnotes && (matched[j] || !note_same(&old->notes[i], &new->notes[j])))
			j++;
		if (j < new->nnotes)
			matched[j] = true;
		else
			push(out, "note", old->notes[i].text, "");
	}
	for (size_t j = 0; j < new->nnotes; j++)
		if (!matched[j])
			push(out, "note", "", new->notes[j].text);
	free(matched);
	compare_conflicts(out, old, new);
	compare_steps(out, old, new);
	card_free(&empty);
}

void change_list_free(struct change_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].field);
		free(list->v[i].old_value);
		free(list->v[i].new_value);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

int history_is_responsibility(const char *field)
{
	return strcmp(field, "lead") == 0 || strcmp(field, "co") == 0;
}

static void value_as_is(const char *value, struct strbuf *out)
{
	sb_puts(out, value);
}

/* A note's first line in quotes, " …" when there is more. */
static void quote_note(const char *text, value_writer value, struct strbuf *out)
{
	size_t first = strcspn(text, "\n");
	char *line = xstrndup(text, first);

	sb_putc(out, '"');
	value(line, out);
	sb_putc(out, '"');
	if (text[first])
		sb_puts(out, " …");
	free(line);
}

/* The items of "A, B" that "C, D" lacks, each written as mark then item. */
static bool list_missing(const char *from, const char *in, const char *mark, value_writer value,
			 bool *first, struct strbuf *out)
{
	bool any = false;

	for (const char *p = from; *p;) {
		size_t n = strcspn(p, ",");
		char *item = xstrndup(p, n);

		if (*item && !history_list_has(in, item)) {
			sb_puts(out, *first ? "" : " ");
			*first = false;
			sb_puts(out, mark);
			value(item, out);
			any = true;
		}
		free(item);
		p += n;
		p += strspn(p, ", ");
	}
	return any;
}

bool history_list_has(const char *list, const char *item)
{
	size_t len = strlen(item);

	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		while (n && p[n - 1] == ' ')
			n--;
		if (n == len && strncmp(p, item, len) == 0)
			return true;
		p += strcspn(p, ",");
		p += strspn(p, ", ");
	}
	return false;
}

/* The words of a change: in the reader's language for people, in English in git (commit
 * messages stay as they are in every language). */
static const char *say(bool people, const char *english)
{
	return people ? gettext(english) : english;
}

/* How much two long one-line values share before they differ, less a few words of context:
 * a row cut to its width then shows the part that changed ("…control and supervision ->
 * …control and inspection"), not the same beginning twice. 0 when there is little to skip. */
static size_t shared_lead(const char *a, const char *b)
{
	enum { WORTH_SKIPPING = 32, CONTEXT = 16 };
	size_t n = 0;

	if (strchr(a, '\n') || strchr(b, '\n'))
		return 0;
	while (a[n] && a[n] == b[n])
		n++;
	if (n < WORTH_SKIPPING)
		return 0;
	n -= CONTEXT;
	while (n > 0 && a[n - 1] != ' ' && n > WORTH_SKIPPING - CONTEXT * 2) /* a word's start */
		n--;
	while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80) /* never inside a character */
		n--;
	return n;
}

static void value_from(const char *v, size_t skip, value_writer value, struct strbuf *out)
{
	if (!skip) {
		value(v, out);
		return;
	}
	struct strbuf cut = {0};
	sb_printf(&cut, "…%s", v + skip);
	value(sb_str(&cut), out);
	sb_free(&cut);
}

/* "OLD -> NEW", "(none)" for an empty side; for people, long values from where they differ. */
static void word_pair(const char *old_value, const char *new_value, value_writer value, bool people,
		      struct strbuf *out)
{
	size_t skip = people ? shared_lead(old_value, new_value) : 0;

	value_from(*old_value ? old_value : say(people, N_("(none)")), skip, value, out);
	sb_puts(out, " -> ");
	value_from(*new_value ? new_value : say(people, N_("(none)")), skip, value, out);
}

static void word_list_change(const char *old_value, const char *new_value, value_writer value,
			     bool people, struct strbuf *out)
{
	bool added, removed, first = true;

	if (!value)
		value = value_as_is;
	added = list_missing(new_value, old_value, "+", value, &first, out);
	removed = list_missing(old_value, new_value, "\u2212", value, &first, out);
	if (!added && !removed) /* the same items in another order */
		word_pair(old_value, new_value, value, people, out);
}

void history_word_list_change(const char *old_value, const char *new_value, value_writer value,
			      struct strbuf *out)
{
	word_list_change(old_value, new_value, value, false, out);
}

/* A request or decision row ("7 extension MOE 2026-06-30\nreason"), in words. */
static void word_step(const char *field, const char *v, bool taken_back, value_writer value,
		      bool people, struct strbuf *out)
{
	char kind[16] = "", agency[16] = "", extra[64] = "";
	int number = 0;
	size_t head = strcspn(v, "\n");
	char *line = xstrndup(v, head);

	sscanf(line, "%d %15s %15s %63s", &number, kind, agency, extra);
	if (taken_back)
		sb_puts(out, say(people, N_("withdrawn: ")));
	if (strcmp(field, "decision") == 0 && strcmp(kind, "accepted") == 0)
		sb_printf(out, say(people, N_("#%d accepted: taken off control")), number);
	else if (strcmp(field, "decision") == 0 && strcmp(kind, "returned") == 0)
		sb_printf(out, say(people, N_("#%d returned")), number);
	else if (strcmp(field, "decision") == 0 && strcmp(kind, "granted") == 0)
		sb_printf(out, say(people, N_("#%d granted")), number);
	else if (strcmp(field, "decision") == 0)
		sb_printf(out, say(people, N_("#%d refused")), number);
	else if (strcmp(kind, "extension") == 0)
		sb_printf(out, say(people, N_("extension #%d asked by %s to %s")), number, agency, extra);
	else if (strcmp(kind, "dispute") == 0)
		sb_printf(out, say(people, N_("dispute #%d by %s: lead to %s")), number, agency, extra);
	else if (strcmp(kind, "part") == 0)
		sb_printf(out, say(people, N_("part #%d by %s")), number, agency);
	else
		sb_printf(out, say(people, N_("report #%d by %s")), number, agency);
	if (v[head]) {
		sb_putc(out, ' ');
		quote_note(v + head + 1, value, out);
	}
	free(line);
}

static void word_change(const char *field, const char *old_value, const char *new_value,
			value_writer value, bool people, struct strbuf *out)
{
	if (!value)
		value = value_as_is;
	if (strcmp(field, "co") == 0 || strcmp(field, "labels") == 0) {
		word_list_change(old_value, new_value, value, people, out);
		return;
	}
	if (strcmp(field, "created") == 0) {
		value(new_value, out);
	} else if (strcmp(field, "note") == 0) {
		sb_puts(out, *new_value ? say(people, N_("added ")) : say(people, N_("removed ")));
		quote_note(*new_value ? new_value : old_value, value, out);
	} else if (strcmp(field, "order") == 0) {
		sb_puts(out, strcmp(new_value, old_value) < 0 ? say(people, N_("moved up in its column"))
							      : say(people, N_("moved down in its column")));
	} else if (strcmp(field, "request") == 0 || strcmp(field, "decision") == 0) {
		word_step(field, *new_value ? new_value : old_value, !*new_value, value, people, out);
	} else if (strcmp(field, "conflict") == 0) {
		/* "due: 2026-04-01": the field, then the value set aside. */
		const char *v = *new_value ? new_value : old_value;
		size_t name = strcspn(v, ":");
		sb_printf(out, "%s %.*s ", *new_value ? say(people, N_("set aside"))
						     : say(people, N_("resolved")), (int)name, v);
		quote_note(v[name] ? v + name + 2 : "", value, out);
	} else if (people && (strcmp(field, "due") == 0 || strcmp(field, "archived") == 0)) {
		char was[16], now[16];
		word_pair(history_value_for_people(field, old_value, was),
			  history_value_for_people(field, new_value, now), value, people, out);
	} else if (strcmp(field, "description") == 0 || strchr(old_value, '\n') ||
		   strchr(new_value, '\n')) {
		sb_puts(out, !*old_value ? say(people, N_("added"))
			     : !*new_value ? say(people, N_("removed")) : say(people, N_("changed")));
	} else {
		word_pair(old_value, new_value, value, people, out);
	}
}

void history_word_change(const char *field, const char *old_value, const char *new_value,
			 value_writer value, struct strbuf *out)
{
	word_change(field, old_value, new_value, value, true, out);
}

static const char *column_as_named(const struct board *board, const char *key)
{
	const struct column_def *column = board_column(board, key);

	return column ? board_column_name(column) : key;
}

void history_word_change_named(const struct board *board, const char *field,
			       const char *old_value, const char *new_value, value_writer value,
			       struct strbuf *out)
{
	if (strcmp(field, "column") == 0) {
		old_value = column_as_named(board, old_value);
		new_value = column_as_named(board, new_value);
	}
	word_change(field, old_value, new_value, value, true, out);
}

void history_word_change_in_git(const char *field, const char *old_value, const char *new_value,
				struct strbuf *out)
{
	word_change(field, old_value, new_value, NULL, false, out);
}

const char *history_field_word(const char *field)
{
	/* TRANSLATORS: the fields of a card as change rows name them (history, log, the card's
	 * latest changes); "co" is the co-executors, "due" the deadline, "order" the place in
	 * the column, "every" the period of a periodic item, "item" the item number. */
	static const char *const words[] = {
		N_("created"), N_("removed"), N_("title"), N_("column"), N_("order"), N_("lead"),
		N_("co"), N_("due"), N_("labels"), N_("archived"), N_("description"), N_("item"),
		N_("source"), N_("every"), N_("note"), N_("request"), N_("decision"), N_("conflict"),
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcmp(field, words[i]) == 0)
			return gettext(words[i]);
	return field;
}

const char *history_value_for_people(const char *field, const char *value, char buf[16])
{
	if (strcmp(field, "due") == 0) { /* 31.12.2026 in ru and kk */
		i18n_day(value, buf);
		return buf;
	}
	if (strcmp(field, "archived") == 0 && *value)
		return strcmp(value, "yes") == 0 ? _("yes") : _("no");
	return value;
}

const char *history_field_in_prose(const char *field)
{
	return strcmp(field, "co") == 0 ? _("co-executors") : history_field_word(field);
}

char *history_trailer(const char *message, const char *key)
{
	size_t klen = strlen(key);
	const char *p = message;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen + 1 && strncmp(p, key, klen) == 0 && p[klen] == ':') {
			const char *v = p + klen + 1;
			while (*v == ' ')
				v++;
			return xstrndup(v, (size_t)(p + len - v));
		}
		p = nl ? nl + 1 : NULL;
	}
	return xstrdup("");
}
