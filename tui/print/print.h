/* What the CLI prints, every structure in every format (text, CSV, JSON, Markdown): print.c
 * cards, boards and change logs; print_history.c blame, changes since, meetings, members;
 * print_report.c the report. Every user string goes through the sanitizer in text.h. */
#ifndef COBOARD_PRINT_H
#define COBOARD_PRINT_H

#include <stdbool.h>

#include "board.h"
#include "card.h"
#include "index.h"
#include "strbuf.h"

enum format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_MD, FORMAT_HTML };

/* Parses "text", "csv", "json", "md" (allowed: a mask of 1 << FORMAT_*). -1 if not allowed. */
int format_parse(const char *name, unsigned allowed, enum format *out);

/* Where a card's due state is judged, today is the day it is judged on: NULL for the real
 * today, a past day for the board as it stood then. */

/* "overdue", "due in 3 days", "" ... for the due column. */
void print_due_note(const struct card *card, const struct board *board, const char *today,
		    struct strbuf *out);
/* The due date and its note in width columns: whole when it fits, else with the note's
 * short words, else the short note alone; a number is never cut. */
void print_due_fitted(const struct card *card, const struct board *board, const char *today,
		      int width, struct strbuf *out);

/* A member as people are named: "Saule Secretary, sec", the login alone when board.conf has
 * no name for it (a member since removed). Sanitized. */
void print_member(const struct board *board, const char *login, struct strbuf *out);
/* Whether titles in text output are cut to fit a screen (the default) or kept whole (for a
 * file or a pipe, where nothing may be lost). */
void print_cut_titles(bool cut);
/* A title in a column width wide where titles are cut (a terminal), whole elsewhere. */
void print_title(const char *title, int width, struct strbuf *out);

void print_board_text(const struct board *board, const struct card_list *cards,
		      const char *today, struct strbuf *out);
void print_cards(const struct card_list *cards, const struct board *board, const char *today,
		 enum format format, struct strbuf *out);
struct slippage;
/* Every field, the notes, the recent changes and the slippage (sl may be NULL). */
/* Where the card's instruction comes from: "item 4, Government meeting of January 2026". */
void print_source(const struct card *card, struct strbuf *out);
/* A periodic item's period in words: "monthly, the report due by day 10". */
void print_every(const char *every, struct strbuf *out);
void print_card(const struct card *card, const struct board *board, const struct log_list *recent,
		const struct slippage *sl, const char *blocked, enum format format,
		struct strbuf *out);
void print_log(const struct log_list *log, enum format format, struct strbuf *out);

/* "deadline moved 2 times, +30 days; open for 1 meeting", or nothing when neither. */
void print_slippage(const struct slippage *sl, struct strbuf *out);

struct blame;
struct digest;
struct meeting;
struct report;
/* print_history.c */
void print_blame(const struct blame *b, int id, enum format format, struct strbuf *out);
/* since: what the user asked for, named when it is older than the board. */
void print_digest(const struct digest *d, const char *since, enum format format,
		  struct strbuf *out);
void print_meeting_status(const struct meeting *m, bool open, struct strbuf *out);
void print_members(const struct board *board, struct strbuf *out);
/* print_control.c: the coordinator's queue; a card's state of control, one line each, for
 * the card view; its register of requests and decisions. */
struct request_list;
void print_requests(const struct request_list *list, const struct board *board,
		    enum format format, struct strbuf *out);
void print_control_state(const struct card *card, struct strbuf *lines);
void print_register(const struct card *card, struct strbuf *out);
/* One change of who may do what that another office proposed, who being its author and
 * date ("" when unknown), and how to decide it. */
struct proposal;
void print_proposal(const struct proposal *p, const char *who, struct strbuf *out);
/* print_report.c: format is FORMAT_MD, FORMAT_CSV or FORMAT_JSON; FORMAT_HTML is the page
 * (print_html.c, print_report_html). */
void print_report_html(const struct report *r, const struct board *board, struct strbuf *out);
void print_report(const struct report *r, const struct board *board, enum format format,
		  bool discipline_table, struct strbuf *out);

/* print_sync.c: remotes with when each last synced, a sync's one line, values set aside. */
struct sync_remotes;
struct sync_result;
void print_remotes(const struct sync_remotes *list, long long now, struct strbuf *out);
void print_sync_result(const char *name, const struct sync_result *r, struct strbuf *out);
void print_conflicts(const struct card_list *cards, const struct board *board,
		     struct strbuf *out);

/* A due date (YYYY-MM-DD) as people write it in the language of the messages (31.12.2026 in
 * Russian and Kazakh), in out; returns out. Machine formats keep YYYY-MM-DD. */
const char *print_day(const char *day, char out[16]);
/* The same without the year when it is this year's (30.01, 01-30), for a narrow place. */
const char *print_day_short(const char *day, char out[16]);
/* Local "YYYY-MM-DD HH:MM" for a commit time (31.12.2026 14:05 in Russian and Kazakh). */
void print_time(long long epoch, struct strbuf *out);
/* A note's stored time (UTC, ISO 8601) the same way, or as stored when it is not one. */
void print_note_time(const char *iso, struct strbuf *out);

#endif
