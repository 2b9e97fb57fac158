/* What the CLI prints: cards, boards and change logs as text, CSV and JSON. Every user
 * string goes through the sanitizer in text.h. */
#ifndef COBOARD_PRINT_H
#define COBOARD_PRINT_H

#include <stdbool.h>

#include "../model/board.h"
#include "../model/card.h"
#include "../model/index.h"
#include "../model/strbuf.h"

enum format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON };

/* Parses "text", "csv", "json" (allowed: a mask of 1 << FORMAT_*). -1 if not allowed. */
int format_parse(const char *name, unsigned allowed, enum format *out);

/* "overdue", "due in 3 days", "" ... for the due column. */
void print_due_note(const struct card *card, const struct board *board, struct strbuf *out);

/* One aligned line for a card; show_column adds the column key. */
void print_card_row(const struct card *card, const struct board *board, bool show_column,
		    struct strbuf *out);
void print_board_text(const struct board *board, const struct card_list *cards,
		      struct strbuf *out);
void print_cards(const struct card_list *cards, const struct board *board, enum format format,
		 struct strbuf *out);
void print_card(const struct card *card, const struct board *board, const struct log_list *recent,
		enum format format, struct strbuf *out);
void print_log(const struct log_list *log, enum format format, struct strbuf *out);

struct slippage;
/* "deadline moved 2 times, +30 days; open for 1 meeting", or nothing when neither. */
void print_slippage(const struct slippage *sl, struct strbuf *out);

/* Local "YYYY-MM-DD HH:MM" for a commit time. */
void print_time(long long epoch, struct strbuf *out);

#endif
