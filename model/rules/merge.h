/* Two versions of a board changed apart (two offices, or a clerk's clone) become one, file by
 * file, against the version they share. The same rules serve `coboard sync` and git's merge
 * driver (`coboard merge-card`), so a plain `git pull` merges exactly as sync does.
 *
 * Cards merge field by field: a field changed on one side takes that change; co-executors,
 * labels, notes and conflicts are sets (what one side added or removed is added or removed);
 * a field both sides changed to different values keeps the value that sorts last (byte order:
 * for a due date, the later date) on every server alike, and the other value is set aside on
 * the card as a conflict for a secretary to decide. board.conf merges line by line, keyed by
 * what a line defines (a column, an agency, a member, a setting); a line both changed keeps the
 * one that sorts last and the other stays as a "# conflict: " comment below it. Minutes
 * written on both sides under one name are both kept, one after the other. */
#ifndef COBOARD_MERGE_H
#define COBOARD_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "card.h"
#include "error.h"
#include "strbuf.h"

/* One version of a file: text NULL when the file is absent on that side. */
struct version {
	const char *text;
	size_t len;
};

/* out = ours and theirs merged against base (NULL: a card made on both sides, merged against
 * an empty one). Returns how many values were newly set aside as conflicts. */
int card_merge(const struct card *base, const struct card *ours, const struct card *theirs,
	       struct card *out);

/* Merges the file at path. *present is false when the merge removes it; out receives the
 * text otherwise. Returns the number of values newly set aside, or -1 when a card version
 * does not parse (err names the file and the line). */
int merge_file(const char *path, struct version base, struct version ours,
	       struct version theirs, struct strbuf *out, bool *present, struct cb_error *err);


#endif
