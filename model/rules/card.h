/* A card: one instruction on the board, stored as cards/<id>.card.
 *
 * The text is UTF-8 with LF: header lines "key: value" in a fixed order, then, when there is
 * a description or notes, a blank line and the description, then each note as a marker line
 * "--- note TIME AUTHOR" followed by its text, then each conflict a merge set aside as
 * "--- conflict FIELD" followed by the value not taken. A body line that would read as a
 * marker is escaped with a leading backslash. card_format(card_parse(x)) == x for any x coboard wrote. */
#ifndef COBOARD_CARD_H
#define COBOARD_CARD_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"
#include "utf8.h"

struct board;

enum { CARD_TITLE_MAX = 200, CARD_TEXT_MAX = 65536, CARD_LABEL_MAX = 32 };
/* A card file with its notes is at most CARD_FILE_MAX bytes: a bigger blob pushed from
 * outside is reported and skipped, never loaded. Ids run from 1 to CARD_ID_MAX. */
enum { CARD_FILE_MAX = 1 << 20, CARD_ID_MAX = 999999 };
/* Any other file of the board (board.conf, minutes) is at most BOARD_FILE_MAX bytes. */
enum { BOARD_FILE_MAX = 4 << 20 };
enum { CARD_ITEM_MAX = 32 }; /* characters of an item number ("4", "2.1.3") */

struct note {
	char *time;   /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char *author; /* member login */
	char *text;
};

/* Two offices changed one field of a card to different values: the merge kept one (the same
 * one on every server) and sets the other aside here until a secretary decides. */
struct card_conflict {
	char *field; /* title, column, lead, due or description */
	char *value; /* the value not taken */
};

/* A step of execution control (model/services/control.h): a request an agency files, or the
 * coordinator's decision on one. Kept on the card as a section like a note:
 *   --- request NUMBER KIND TIME AUTHOR AGENCY [VALUE]     then the text
 *   --- decision NUMBER VERDICT TIME AUTHOR [VALUE]        then the reason */
struct step {
	int number;   /* the request's number on the board; a decision: the request it decides */
	char *kind;   /* request: report, part, extension, dispute; decision: accepted, returned,
			 granted, refused */
	char *time;   /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char *author; /* member login */
	char *agency; /* the agency filing a request; "" for a decision */
	char *value;  /* extension: the date asked; dispute: the agency proposed; report: the
			 column the card left for review; a granted extension's decision: the
			 deadline it replaced; else "" */
	char *text;   /* the report, or the reasons */
};

struct card {
	int id;
	char *title;
	char *column;
	char *rank;
	char *lead;
	struct strvec co; /* co-executing agencies, in the order given */
	char *due;        /* YYYY-MM-DD or "" */
	struct strvec labels;
	bool archived;
	char *description; /* "" when none */
	/* Where the instruction comes from: its number in the control matrix ("4", "2.1") and
	 * the document ("Government meeting of January 2026"); "" when not given. */
	char *item, *source;
	/* A periodic item: "month:10" or "quarter:10", the period and the day its report is due
	 * by; "" for a one-time instruction. */
	char *every;
	struct note *notes;
	size_t nnotes;
	struct card_conflict *conflicts; /* sorted by field, then value; no two alike */
	size_t nconflicts;
	struct step *steps; /* in time order; no two alike */
	size_t nsteps;
	/* Read as a row of a list: its strings belong to the list (struct card_list), which
	 * frees them all at once; card_free leaves them. Such a card has no notes, values set
	 * aside or requests, and is not edited: card_copy makes one that can be. */
	bool borrowed;
};

/* Sets every string of an empty card to "" so callers never meet NULL. */
void card_init(struct card *card);
void card_free(struct card *card);
void card_copy(struct card *dst, const struct card *src);

/* Parses text (len bytes) into card (initialised here; the caller frees it even on error).
 * Errors name the line: "line 3: unknown field 'colour'". The id is not in the text. */
int card_parse(struct card *card, const char *text, size_t len, struct cb_error *err);

/* Appends the canonical text of card to out. */
void card_format(const struct card *card, struct strbuf *out);

/* Checks a card against the board before it is written: known column and agencies, a real
 * due date, limits, no control characters. Messages name the field and the value. */
int card_validate(const struct card *card, const struct board *board, struct cb_error *err);

enum due_state { DUE_NONE, DUE_LATER, DUE_SOON, DUE_OVERDUE };
enum { DUE_SOON_DAYS = 14 }; /* "the next two weeks", on the board and in the report */
enum { DUE_SOON_WORKING_DAYS = 10 }; /* the same two weeks on a board with a calendar */

/* Whether the card is overdue (due date passed and not in the board's last column), due
 * within DUE_SOON_DAYS, or neither, judged on today (NULL: the real today). */
enum due_state card_due_state(const struct card *card, const struct board *board,
			      const char *today);

/* Notes are identified by author, time and text together. */
bool note_same(const struct note *a, const struct note *b);
bool card_has_note(const struct card *card, const struct note *note);
/* Inserts a copy of note in time order (after notes of the same time). */
void card_insert_note(struct card *card, const struct note *note);
/* Removes the note with note's identity; false when the card has none. */
bool card_remove_note(struct card *card, const struct note *note);

/* Whether every is "month:DAY" or "quarter:DAY" (DAY 1-31). */
bool card_every_valid(const char *every);

/* Steps (card_step.c): a set with identity (every field), like notes. */
bool step_kind_is_request(const char *kind);
bool step_kind_is_decision(const char *kind);
bool step_is_request(const struct step *s);
bool step_same(const struct step *a, const struct step *b);
void step_copy(struct step *dst, const struct step *src);
void step_free(struct step *s);
bool card_has_step(const struct card *card, const struct step *s);
/* Inserts a copy of s in time order, unless the card has it. */
void card_insert_step(struct card *card, const struct step *s);
bool card_remove_step(struct card *card, const struct step *s);
/* The request numbered number on the card (NULL: none), and the latest decision on it. */
const struct step *card_request(const struct card *card, int number);
const struct step *card_decision(const struct card *card, int number);
/* Two offices decided request number differently (both decisions came in by sync). */
bool card_decided_twice(const struct card *card, int number);
/* A step's fields are well formed: time, author, the value its kind needs, its text. */
int step_validate(const struct step *s, struct cb_error *err);
/* The marker line of a step, for the card's text; parsing one (the text is set later). */
bool step_starts_marker(const char *line, size_t len);
void step_format_marker(const struct step *s, struct strbuf *out);
int step_parse_marker(const char *line, size_t len, int lineno, struct step *out,
		      struct cb_error *err);

/* The slot of a text field that a merge may set a value aside for (title, column, lead,
 * due, description), by its name; NULL for any other name. */
char **card_text_field(struct card *card, const char *field);
/* Its value, "" for any other name. */
const char *card_text_value(const struct card *card, const char *field);

/* Records a value set aside for field, unless it is already recorded. */
void card_add_conflict(struct card *card, const char *field, const char *value);
/* Drops the record of value set aside for field; false when there is none. */
bool card_remove_conflict(struct card *card, const char *field, const char *value);
bool card_has_conflict(const struct card *card, const char *field, const char *value);
/* Drops every value set aside that the card now holds in its field (the card was moved or
 * edited to it since): nothing is left to decide there. True when one was dropped. */
bool card_settle_conflicts(struct card *card);

/* Where a card lives in the board tree: cards/<folder>/<id>.card, the folder being the id's
 * hundreds and thousands digits (#1234 in cards/12/, #7 in cards/00/, #12345 in cards/23/),
 * so a change rewrites a folder of about a hundredth of the board, not the whole list, and
 * ids ending in a site's number spread over every folder. Boards made before folders keep
 * cards as cards/<id>.card until their first write; both are read. */
int card_folder(int id);
void card_path(int id, char out[32]);
/* The id of the card at path (either layout, ids 1 to CARD_ID_MAX, a folder matching the
 * id), else 0. */
int card_id_from_path(const char *path);
/* A card file in the layout before folders: cards/<id>.card. */
bool card_path_is_flat(const char *path);

#endif
