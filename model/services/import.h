/* The control matrix comes in: a spreadsheet of instructions (CSV or TSV, UTF-8 with or
 * without a BOM, as LibreOffice and Excel save it) becomes cards. The header row names the
 * columns in English, Russian or Kazakh (No., instruction, lead, co-executors, deadline,
 * labels, description, source); agencies are codes or names as people write them. Rows are
 * matched to cards by their item number, so importing the same file again adds nothing:
 * what differs is listed, and changed only when asked, each card as its own change. New rows
 * are one commit, or nothing when any row is broken. */
#ifndef COBOARD_IMPORT_H
#define COBOARD_IMPORT_H

#include <stdbool.h>

#include "ops.h"

/* One row as it will be, or what is wrong with it. */
struct import_row {
	int line;              /* in the file, counting from 1 (the header) */
	struct card card;      /* the card the row makes (id 0 until added) */
	int existing;          /* the card with this item number, 0 when none */
	struct strvec changes; /* existing: "due 2026-03-31 -> 2026-04-15", one per field */
};

struct import_plan {
	struct import_row *rows;
	size_t n;
	struct strvec problems; /* "line 4, column lead: unknown agency ..." */
	struct strvec ignored;  /* header names coboard does not read */
	size_t added, changed;  /* after import_apply */
};

/* Reads text (the file's bytes) against the board: every row checked, nothing written.
 * source_default (the file's name) is each row's source when the file has no such column.
 * -1 only when the file cannot be read at all (no header, not UTF-8). */
int import_read(struct session *s, const char *text, size_t len, const char *source_default,
		struct import_plan *plan, struct cb_error *err);
/* Adds the new rows as one commit ("Import N items from FILE"), and with update, changes
 * each matched card that differs, one commit each with the reason "import of FILE". Nothing
 * when the plan has problems. */
int import_apply(struct session *s, struct import_plan *plan, const char *file, bool update,
		 struct cb_error *err);
void import_plan_free(struct import_plan *plan);

#endif
