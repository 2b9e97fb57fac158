#include "merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static bool same(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* The three-way choice of one value. When both sides changed it differently the value that
 * sorts last is kept (keep_least: first) and the other goes to *aside. */
static const char *pick(const char *base, const char *ours, const char *theirs, bool keep_least,
			const char **aside)
{
	*aside = NULL;
	if (same(ours, theirs) || same(theirs, base))
		return ours;
	if (same(ours, base))
		return theirs;
	bool ours_wins = (strcmp(ours, theirs) > 0) != keep_least;
	*aside = ours_wins ? theirs : ours;
	return ours_wins ? ours : theirs;
}

static void set_aside(struct card *out, const char *field, const char *value, int *count)
{
	if (!card_has_conflict(out, field, value)) {
		card_add_conflict(out, field, value);
		(*count)++;
	}
}

static void merge_scalar(struct card *out, const char *field, char **dst, const char *base,
			 const char *ours, const char *theirs, int *count)
{
	const char *aside;

	str_set(dst, pick(base, ours, theirs, false, &aside));
	if (aside)
		set_aside(out, field, aside, count);
}

/* The column as a scalar; the place in it comes from the side whose column was taken, and
 * when both placed the card in the same column, the higher place (no conflict: an order). */
static void merge_column(struct card *out, const struct card *base, const struct card *ours,
			 const struct card *theirs, int *count)
{
	bool ours_moved = !same(ours->column, base->column);
	bool theirs_moved = !same(theirs->column, base->column);
	const char *aside;

	merge_scalar(out, "column", &out->column, base->column, ours->column, theirs->column, count);
	if (ours_moved && theirs_moved && !same(ours->column, theirs->column))
		str_set(&out->rank, same(out->column, ours->column) ? ours->rank : theirs->rank);
	else if (ours_moved != theirs_moved)
		str_set(&out->rank, ours_moved ? ours->rank : theirs->rank);
	else
		str_set(&out->rank, pick(base->rank, ours->rank, theirs->rank, true, &aside));
}

/* What one side added or removed is added or removed: ours' order, then theirs' additions. */
static void merge_list(const struct strvec *base, const struct strvec *ours,
		       const struct strvec *theirs, struct strvec *out)
{
	for (size_t i = 0; i < ours->n; i++)
		if (!sv_contains(base, ours->v[i]) || sv_contains(theirs, ours->v[i]))
			sv_push(out, ours->v[i]);
	for (size_t i = 0; i < theirs->n; i++)
		if (!sv_contains(ours, theirs->v[i]) && !sv_contains(base, theirs->v[i]))
			sv_push(out, theirs->v[i]);
}

static void merge_notes(const struct card *base, const struct card *ours,
			const struct card *theirs, struct card *out)
{
	for (size_t i = 0; i < ours->nnotes; i++)
		if (!card_has_note(base, &ours->notes[i]) || card_has_note(theirs, &ours->notes[i]))
			card_insert_note(out, &ours->notes[i]);
	for (size_t i = 0; i < theirs->nnotes; i++)
		if (!card_has_note(ours, &theirs->notes[i]) && !card_has_note(base, &theirs->notes[i]))
			card_insert_note(out, &theirs->notes[i]);
}

/* Requests and decisions are a set, as notes are: what either side filed or decided is
 * kept, what one side took back (an undo) is gone. Two decisions of one request stay both,
 * and `coboard conflicts` names them. */
static void merge_steps(const struct card *base, const struct card *ours,
			const struct card *theirs, struct card *out)
{
	for (size_t i = 0; i < ours->nsteps; i++)
		if (!card_has_step(base, &ours->steps[i]) || card_has_step(theirs, &ours->steps[i]))
			card_insert_step(out, &ours->steps[i]);
	for (size_t i = 0; i < theirs->nsteps; i++)
		if (!card_has_step(ours, &theirs->steps[i]) && !card_has_step(base, &theirs->steps[i]))
			card_insert_step(out, &theirs->steps[i]);
}

static void merge_conflicts(const struct card *base, const struct card *ours,
			    const struct card *theirs, struct card *out)
{
	for (int side = 0; side < 2; side++) {
		const struct card *from = side ? theirs : ours, *other = side ? ours : theirs;

		for (size_t i = 0; i < from->nconflicts; i++) {
			const struct card_conflict *c = &from->conflicts[i];
			bool in_base = card_has_conflict(base, c->field, c->value);

			if (!in_base || card_has_conflict(other, c->field, c->value))
				card_add_conflict(out, c->field, c->value);
		}
	}
}

/* Two offices decided one value set aside differently (one kept the card's value, the other
 * took the value set aside): the merge keeps one as it keeps any value, and the other is set
 * aside again, so that neither decision is lost without a word. */
static void decided_twice(const struct card *base, const struct card *ours,
			  const struct card *theirs, struct card *out, int *count)
{
	for (size_t i = 0; i < base->nconflicts; i++) {
		const struct card_conflict *c = &base->conflicts[i];
		const char *o = card_text_value(ours, c->field), *t = card_text_value(theirs, c->field);

		if (card_has_conflict(ours, c->field, c->value) ||
		    card_has_conflict(theirs, c->field, c->value) || same(o, t))
			continue;
		const char *other = same(card_text_value(out, c->field), o) ? t : o;
		if (!card_has_conflict(out, c->field, other)) {
			card_add_conflict(out, c->field, other);
			(*count)++;
		}
	}
}

int card_merge(const struct card *base, const struct card *ours, const struct card *theirs,
	       struct card *out)
{
	struct card empty;
	int count = 0;

	card_init(&empty);
	if (!base)
		base = &empty;
	card_init(out);
	out->id = ours->id;
	merge_conflicts(base, ours, theirs, out);
	merge_scalar(out, "title", &out->title, base->title, ours->title, theirs->title, &count);
	merge_column(out, base, ours, theirs, &count);
	merge_scalar(out, "lead", &out->lead, base->lead, ours->lead, theirs->lead, &count);
	merge_scalar(out, "due", &out->due, base->due, ours->due, theirs->due, &count);
	merge_scalar(out, "description", &out->description, base->description,
		     ours->description, theirs->description, &count);
	merge_scalar(out, "item", &out->item, base->item, ours->item, theirs->item, &count);
	merge_scalar(out, "source", &out->source, base->source, ours->source, theirs->source,
		     &count);
	merge_scalar(out, "every", &out->every, base->every, ours->every, theirs->every, &count);
	merge_list(&base->co, &ours->co, &theirs->co, &out->co);
	merge_list(&base->labels, &ours->labels, &theirs->labels, &out->labels);
	/* A lead taken from one side may be a co-executor the other side added. */
	for (size_t i = 0; i < out->co.n; i++)
		if (same(out->co.v[i], out->lead))
			sv_remove_at(&out->co, i--);
	out->archived = ours->archived == base->archived ? theirs->archived : ours->archived;
	merge_notes(base, ours, theirs, out);
	merge_steps(base, ours, theirs, out);
	decided_twice(base, ours, theirs, out, &count);
	card_settle_conflicts(out);
	card_free(&empty);
	return count;
}

/* --- board.conf --------------------------------------------------------------------------- */

/* A board.conf line and what it defines: "column:todo", "member:alice", "title:"; a comment
 * or blank line is itself, numbered by how often the same text came before. */
struct conf_line {
	char *key, *text;
};

struct conf {
	struct conf_line *v;
	size_t n;
};

static char *conf_key(const char *line, const struct conf *so_far)
{
	struct strbuf key = {0};
	const char *colon = strchr(line, ':');
	static const char *const keyed[] = {"column", "agency", "member", "site", "column-ru",
						"column-kk", "agency-ru", "agency-kk"};

	if (*line && *line != '#' && colon) {
		size_t kind = (size_t)(colon - line);
		const char *v = colon + 1;

		sb_printf(&key, "%.*s:", (int)kind, line);
		for (size_t i = 0; i < sizeof(keyed) / sizeof(*keyed); i++) {
			if (strlen(keyed[i]) != kind || strncmp(line, keyed[i], kind) != 0)
				continue;
			while (*v == ' ')
				v++;
			size_t n = strcspn(v, "|");
			while (n && v[n - 1] == ' ')
				n--;
			sb_add(&key, v, n);
		}
		return sb_detach(&key);
	}
	int seen = 0;
	for (size_t i = 0; i < so_far->n; i++)
		if (same(so_far->v[i].text, line))
			seen++;
	sb_printf(&key, "%d\n%s", seen, line);
	return sb_detach(&key);
}

static void conf_push(struct conf *c, const char *key, const char *text)
{
	c->v = xgrow(c->v, c->n, sizeof(*c->v));
	c->v[c->n].key = xstrdup(key);
	c->v[c->n].text = xstrdup(text);
	c->n++;
}

static void conf_read(struct version v, struct conf *out)
{
	const char *p = v.text, *end = v.text ? v.text + v.len : NULL;

	memset(out, 0, sizeof(*out));
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		char *key = conf_key(line, out);

		conf_push(out, key, line);
		free(key);
		free(line);
		p = nl ? nl + 1 : end;
	}
}

static void conf_free(struct conf *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].text);
	}
	free(c->v);
}

static const char *conf_find(const struct conf *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (same(c->v[i].key, key))
			return c->v[i].text;
	return NULL;
}

/* Adds text after the line keyed after (NULL: at the start). */
static void conf_insert_after(struct conf *c, const char *after, const char *key,
			      const char *text)
{
	size_t at = 0;

	for (size_t i = 0; after && i < c->n; i++)
		if (same(c->v[i].key, after))
			at = i + 1;
	/* A line set aside stays right below the line it lost to. */
	while (at < c->n && strncmp(c->v[at].text, BOARD_CONFLICT_PREFIX,
				    strlen(BOARD_CONFLICT_PREFIX)) == 0)
		at++;
	conf_push(c, key, text);
	struct conf_line added = c->v[c->n - 1];
	memmove(&c->v[at + 1], &c->v[at], (c->n - 1 - at) * sizeof(*c->v));
	c->v[at] = added;
}

static int merge_conf(struct version base_v, struct version ours_v, struct version theirs_v,
		      struct strbuf *out)
{
	struct conf base, ours, theirs, result = {0};
	int count = 0;

	conf_read(base_v, &base);
	conf_read(ours_v, &ours);
	conf_read(theirs_v, &theirs);
	for (size_t i = 0; i < ours.n; i++) {
		const char *key = ours.v[i].key, *o = ours.v[i].text;
		const char *b = conf_find(&base, key), *t = conf_find(&theirs, key), *aside;

		if (!t) {
			if (!b || !same(b, o))
				conf_push(&result, key, o); /* added here, or changed here and gone there */
			continue;
		}
		conf_push(&result, key, pick(b ? b : "", o, t, false, &aside));
		if (aside) {
			struct strbuf note = {0};
			sb_printf(&note, "%s%s", BOARD_CONFLICT_PREFIX, aside);
			char *note_key = conf_key(sb_str(&note), &result);
			conf_push(&result, note_key, sb_str(&note));
			free(note_key);
			sb_free(&note);
			count++;
		}
	}
	for (size_t i = 0; i < theirs.n; i++) {
		const char *key = theirs.v[i].key, *t = theirs.v[i].text;
		const char *b = conf_find(&base, key);

		if (conf_find(&ours, key) || (b && same(b, t)))
			continue;
		conf_insert_after(&result, i ? theirs.v[i - 1].key : NULL, key, t);
	}
	for (size_t i = 0; i < result.n; i++)
		sb_printf(out, "%s\n", result.v[i].text);
	conf_free(&base);
	conf_free(&ours);
	conf_free(&theirs);
	conf_free(&result);
	return count;
}

/* --- files ------------------------------------------------------------------------------ */

static bool version_same(struct version a, struct version b)
{
	if (!a.text || !b.text)
		return !a.text && !b.text;
	return a.len == b.len && memcmp(a.text, b.text, a.len) == 0;
}

static int parse_side(const char *path, const char *side, struct version v, struct card *card,
		      struct cb_error *err)
{
	struct cb_error perr = {0};

	card_free(card);
	if (card_parse(card, v.text, v.len, &perr) == 0)
		return 0;
	side = gettext(side);
	return cb_fail(err, CB_ECORRUPT, "%s on %s does not parse (%s); fix it and merge again",
		       path, side, perr.msg);
}

static int merge_card_file(const char *path, struct version base_v, struct version ours_v,
			   struct version theirs_v, struct strbuf *out, struct cb_error *err)
{
	struct card base, ours, theirs, merged;
	int rc = -1;

	card_init(&base);
	card_init(&ours);
	card_init(&theirs);
	card_init(&merged);
	if (parse_side(path, N_("our side"), ours_v, &ours, err) < 0 ||
	    parse_side(path, N_("their side"), theirs_v, &theirs, err) < 0 ||
	    (base_v.text && parse_side(path, N_("the common version"), base_v, &base, err) < 0))
		goto out;
	card_free(&merged);
	rc = card_merge(base_v.text ? &base : NULL, &ours, &theirs, &merged);
	card_format(&merged, out);
out:
	card_free(&base);
	card_free(&ours);
	card_free(&theirs);
	card_free(&merged);
	return rc;
}

/* Minutes are records: both are kept, in byte order so every server writes the same. */
static bool is_minutes(const char *path)
{
	size_t n = strlen(path);

	return strncmp(path, "meetings/", 9) == 0 && n > 3 && strcmp(path + n - 3, ".md") == 0;
}

int merge_file(const char *path, struct version base, struct version ours,
	       struct version theirs, struct strbuf *out, bool *present, struct cb_error *err)
{
	struct version take;

	*present = true;
	if (version_same(ours, theirs) || version_same(theirs, base))
		take = ours;
	else if (version_same(ours, base))
		take = theirs;
	else if (!ours.text || !theirs.text)
		take = ours.text ? ours : theirs; /* a change outweighs a removal */
	else if (card_id_from_path(path) > 0)
		return merge_card_file(path, base, ours, theirs, out, err);
	else if (same(path, "board.conf"))
		return merge_conf(base, ours, theirs, out);
	else {
		bool ours_first = ours.len < theirs.len ||
				  (ours.len == theirs.len && memcmp(ours.text, theirs.text, ours.len) < 0);
		struct version first = ours_first ? ours : theirs, last = ours_first ? theirs : ours;
		if (is_minutes(path)) {
			sb_add(out, first.text, first.len);
			sb_puts(out, "\n");
		}
		sb_add(out, last.text, last.len);
		return 0;
	}
	*present = take.text != NULL;
	if (take.text)
		sb_add(out, take.text, take.len);
	return 0;
}
