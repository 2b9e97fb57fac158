/* The report's figures, per agency: its cards in each column, the overdue ones, the ones due
 * in the next two weeks, every card's slippage, and the changes of lead and co-executors in
 * a period that involve the agency. Printers (md, csv, json) only lay these out. */
#ifndef COBOARD_REPORT_H
#define COBOARD_REPORT_H

#include <stdbool.h>

#include "index.h"
#include "session.h"
#include "slippage.h"

struct report_card {
	const struct card *card;
	bool lead; /* the agency leads it (else it is a co-executor) */
	bool overdue, due_soon;
	long days_overdue; /* as of the report's day; 0 when not overdue */
	struct slippage slippage;
};

/* Executive discipline of an agency over a period (discipline.c). */
struct discipline {
	int on_time, late;        /* items taken off control in the period */
	int extensions_asked, extensions_granted;
	int returned;             /* reports returned in the period */
	int open_overdue;         /* items it leads still on control, overdue at the period's end */
	double mean_days_late;    /* over the late ones */
};
void discipline_of(const struct request_list *requests, const struct card_list *cards,
		   const struct board *board, const char *agency, const char *since,
		   const char *until, struct discipline *out);

struct agency_report {
	const struct agency *agency;
	int *per_column;             /* the agency's cards in each column, in board order */
	struct report_card *cards;   /* every card the agency leads or co-executes, board order */
	size_t ncards;
	int noverdue;                /* how many of cards are overdue */
	const struct log_entry **changes; /* responsibility changes it gained or lost, newest first */
	size_t nchanges;
	struct discipline discipline;     /* over since .. until */
};

struct report {
	char today[11];
	long long since;
	char since_day[11], until_day[11]; /* the period of the discipline figures */
	struct card_list cards;
	struct log_list log;
	struct agency_report *v;
	size_t n;
	/* For the page (report_discipline fills them): the requests, and the deadlines moved in
	 * the period with their reasons, newest first. */
	struct request_list requests;
	struct log_list due_moves;
};

/* The report for one agency (code) or all (NULL), with changes since the epoch since; each
 * card's slippage only when asked (a history query per card). */
int report_build(struct session *s, const struct board *board, const char *agency,
		 long long since, bool slippage, struct report *out, struct cb_error *err);
/* The discipline figures of every agency of r over since_day .. until_day (YYYY-MM-DD). */
int report_discipline(struct session *s, const struct board *board, struct report *r,
		      const char *since_day, const char *until_day, struct cb_error *err);
void report_free(struct report *r);

/* order[0..r->n): indexes into r->v, the most overdue first (board order among equals). */
void report_order_by_overdue(const struct report *r, int *order);

#endif
