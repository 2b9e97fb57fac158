/* The steps of execution control kept on a card: requests an agency files and the
 * coordinator's decisions on them, each a section of the card file like a note. */
#include "card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "date.h"
#include "i18n.h"

static const char request_marker[] = "--- request ";
static const char decision_marker[] = "--- decision ";

static const char *const request_kinds[] = {"report", "part", "extension", "dispute"};
static const char *const decision_kinds[] = {"accepted", "returned", "granted", "refused"};

static bool one_of(const char *word, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(word, words[i]) == 0)
			return true;
	return false;
}

bool step_kind_is_request(const char *kind)
{
	return one_of(kind, request_kinds, sizeof(request_kinds) / sizeof(*request_kinds));
}

bool step_kind_is_decision(const char *kind)
{
	return one_of(kind, decision_kinds, sizeof(decision_kinds) / sizeof(*decision_kinds));
}

bool step_is_request(const struct step *s)
{
	return step_kind_is_request(s->kind);
}

void step_free(struct step *s)
{
	free(s->kind);
	free(s->time);
	free(s->author);
	free(s->agency);
	free(s->value);
	free(s->text);
	memset(s, 0, sizeof(*s));
}

void step_copy(struct step *dst, const struct step *src)
{
	*dst = (struct step){src->number,	   xstrdup(src->kind),  xstrdup(src->time),
			     xstrdup(src->author), xstrdup(src->agency), xstrdup(src->value),
			     xstrdup(src->text)};
}

bool step_same(const struct step *a, const struct step *b)
{
	return a->number == b->number && strcmp(a->kind, b->kind) == 0 &&
	       strcmp(a->time, b->time) == 0 && strcmp(a->author, b->author) == 0 &&
	       strcmp(a->agency, b->agency) == 0 && strcmp(a->value, b->value) == 0 &&
	       strcmp(a->text, b->text) == 0;
}

bool card_has_step(const struct card *card, const struct step *s)
{
	for (size_t i = 0; i < card->nsteps; i++)
		if (step_same(&card->steps[i], s))
			return true;
	return false;
}

static int step_order(const struct step *a, const struct step *b)
{
	int by_time = strcmp(a->time, b->time);

	if (by_time)
		return by_time;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	return (int)step_is_request(b) - (int)step_is_request(a);
}

void card_insert_step(struct card *card, const struct step *s)
{
	size_t at = card->nsteps;

	if (card_has_step(card, s))
		return;
	/* In time order; within one second by request number, a request before its decision. */
	while (at > 0 && step_order(&card->steps[at - 1], s) > 0)
		at--;
	card->steps = xrealloc(card->steps, (card->nsteps + 1) * sizeof(*card->steps));
	memmove(&card->steps[at + 1], &card->steps[at], (card->nsteps - at) * sizeof(*card->steps));
	step_copy(&card->steps[at], s);
	card->nsteps++;
}

bool card_remove_step(struct card *card, const struct step *s)
{
	for (size_t i = 0; i < card->nsteps; i++) {
		if (!step_same(&card->steps[i], s))
			continue;
		step_free(&card->steps[i]);
		memmove(&card->steps[i], &card->steps[i + 1],
			(card->nsteps - i - 1) * sizeof(*card->steps));
		card->nsteps--;
		return true;
	}
	return false;
}

bool step_starts_marker(const char *line, size_t len)
{
	return (len >= sizeof(request_marker) - 1 &&
		memcmp(line, request_marker, sizeof(request_marker) - 1) == 0) ||
	       (len >= sizeof(decision_marker) - 1 &&
		memcmp(line, decision_marker, sizeof(decision_marker) - 1) == 0);
}

void step_format_marker(const struct step *s, struct strbuf *out)
{
	if (step_is_request(s)) {
		sb_printf(out, "%s%d %s %s %s %s", request_marker, s->number, s->kind, s->time,
			  s->author, s->agency);
		if (*s->value)
			sb_printf(out, " %s", s->value);
	} else {
		sb_printf(out, "%s%d %s %s %s", decision_marker, s->number, s->kind, s->time,
			  s->author);
		if (*s->value)
			sb_printf(out, " %s", s->value);
	}
	sb_putc(out, '\n');
}

int step_parse_marker(const char *line, size_t len, int lineno, struct step *out,
		      struct cb_error *err)
{
	bool request = len >= sizeof(request_marker) - 1 &&
		       memcmp(line, request_marker, sizeof(request_marker) - 1) == 0;
	const char *p = line + (request ? sizeof(request_marker) : sizeof(decision_marker)) - 1;
	char *copy = xstrndup(p, len - (size_t)(p - line));
	char *words[7] = {0};
	size_t n = 0;
	int rc = 0;

	for (char *w = strtok(copy, " "); w && n < 7; w = strtok(NULL, " "))
		words[n++] = w;
	memset(out, 0, sizeof(*out));
	long number = n ? strtol(words[0], NULL, 10) : 0;
	bool shaped = request ? (n == 5 || n == 6) && step_kind_is_request(words[1])
			      : (n == 4 || n == 5) && step_kind_is_decision(words[1]);
	if (!shaped || number < 1 || number > 99999999 || strspn(words[0], "0123456789") !=
								 strlen(words[0])) {
		rc = cb_fail(
			err, CB_ECORRUPT,
			request ? N_("line %d: expected '--- request NUMBER KIND TIME AUTHOR AGENCY "
				     "[VALUE]' (kinds: report, part, extension, dispute)")
				: N_("line %d: expected '--- decision NUMBER VERDICT TIME AUTHOR [VALUE]' "
				     "(accepted, returned, granted, refused)"),
			lineno);
	} else {
		*out = (struct step){(int)number,
				     xstrdup(words[1]),
				     xstrdup(words[2]),
				     xstrdup(words[3]),
				     xstrdup(request ? words[4] : ""),
				     xstrdup(request && n == 6 ? words[5]
						   : !request && n == 5 ? words[4] : ""),
				     xstrdup("")};
	}
	free(copy);
	return rc;
}

const struct step *card_request(const struct card *card, int number)
{
	for (size_t i = 0; i < card->nsteps; i++)
		if (card->steps[i].number == number && step_is_request(&card->steps[i]))
			return &card->steps[i];
	return NULL;
}

const struct step *card_decision(const struct card *card, int number)
{
	const struct step *last = NULL;

	for (size_t i = 0; i < card->nsteps; i++)
		if (card->steps[i].number == number && !step_is_request(&card->steps[i]))
			last = &card->steps[i];
	return last;
}

bool card_decided_twice(const struct card *card, int number)
{
	const struct step *first = NULL;

	for (size_t i = 0; i < card->nsteps; i++) {
		const struct step *s = &card->steps[i];
		if (s->number != number || step_is_request(s))
			continue;
		if (first && strcmp(first->kind, s->kind) != 0)
			return true;
		first = s;
	}
	return false;
}

int step_validate(const struct step *s, struct cb_error *err)
{
	if (date_note_epoch(s->time) < 0 || !login_valid(s->author))
		return cb_fail(err, CB_EINVALID, "request %d: a step needs a time "
			       "(YYYY-MM-DDTHH:MM:SSZ) and an author's login", s->number);
	if (strcmp(s->kind, "extension") == 0 && !date_valid(s->value))
		return cb_fail(err, CB_EINVALID, "request %d: an extension names the date asked "
			       "(YYYY-MM-DD)", s->number);
	if (strcmp(s->kind, "dispute") == 0 && !*s->value)
		return cb_fail(err, CB_EINVALID, "request %d: a dispute names the agency proposed",
			       s->number);
	if (strchr(s->value, ' ') || strchr(s->agency, ' '))
		return cb_fail(err, CB_EINVALID, "request %d: a value without spaces", s->number);
	if (strlen(s->text) > CARD_TEXT_MAX)
		return cb_fail(err, CB_EINVALID, "request %d: the text is longer than %d bytes",
			       s->number, CARD_TEXT_MAX);
	return text_validate("the text of a request", s->text, true, err);
}
