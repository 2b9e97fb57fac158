/* Field-level changes between two versions of a card: the rows of the change log and the
 * body of every commit message come from the same comparison. */
#ifndef COBOARD_HISTORY_H
#define COBOARD_HISTORY_H

#include <stddef.h>

#include "card.h"
#include "strbuf.h"

struct field_change {
	char *field; /* created, removed, title, column, lead, co, due, labels, archived,
		       * description, note */
	char *old_value, *new_value;
};

struct change_list {
	struct field_change *v;
	size_t n;
};

/* Appends the changes from old to new. old NULL: the card was created ("created" with the
 * title, then its column, lead, co-executors and due date); new NULL: the card file was
 * removed ("removed"). A move within a column (rank only) produces no row. */
void history_diff(const struct card *old, const struct card *new, struct change_list *out);
/* A request or decision as the value of its history row. */
void history_step_value(const struct step *s, struct strbuf *out);
void change_list_free(struct change_list *list);

/* Writes one value of a change as the place it appears needs it (sanitized for a terminal,
 * escaped for Markdown, cut to a width, or as it is). */
typedef void (*value_writer)(const char *value, struct strbuf *out);

/* A field change as a person reads it, the same wording in the commit body, the minutes, the
 * change log, the card view and the report: "OLD -> NEW" ("(none)" for an empty value);
 * "+AKM −MIA" for co-executors and labels;
 * 'added "FIRST LINE"' or 'removed "..."' for a note; "added", "removed" or "changed" for
 * the description and other multi-line text; the title for a new card ("created"). value
 * writes the user's values; NULL writes them as they are. */
void history_word_change(const char *field, const char *old_value, const char *new_value,
			 value_writer value, struct strbuf *out);

/* The same, with a column named as the board names it in the reader's language, where the
 * columns are shown by name (the app, the minutes); the CLI's rows keep the key that
 * `move` takes and `list` shows. */
void history_word_change_named(const struct board *board, const char *field,
			       const char *old_value, const char *new_value, value_writer value,
			       struct strbuf *out);

/* The same words in English, for the body of a commit message (which stays as it is in every
 * language); history_word_change words them in the reader's language. */
void history_word_change_in_git(const char *field, const char *old_value, const char *new_value,
				struct strbuf *out);

/* A field as a change row names it, in the reader's language ("co" in English). */
const char *history_field_word(const char *field);
/* A field's value as people read it: a deadline as they write dates (31.12.2026 in Russian
 * and Kazakh), archived as yes or no in their words, anything else as it is. buf (16 bytes)
 * holds the result when one is made. */
const char *history_value_for_people(const char *field, const char *value, char buf[16]);
/* The same in a sentence (the minutes): the co-executors named in full, where rows say "co". */
const char *history_field_in_prose(const char *field);

/* A list's change as what came and went, in English: "+AKM −MIA" (co-executors, labels). */
void history_word_list_change(const char *old_value, const char *new_value, value_writer value,
			      struct strbuf *out);
/* Whether a list value ("AKM, MIA") holds item; a plain value ("MOE") is a list of one. */
bool history_list_has(const char *list, const char *item);

/* The value of a commit message's trailer line "KEY: VALUE" (Op, Member, Merged-From ...),
 * "" when there is none. Caller frees. */
char *history_trailer(const char *message, const char *key);

/* True for the fields that carry responsibility: lead and co-executors. */
int history_is_responsibility(const char *field);

#endif
