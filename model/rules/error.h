/* One error convention for the whole project: a function returns 0 on success or -1 on
 * failure, and fills the caller's struct cb_error with a code and a message written for the
 * person at the keyboard (what went wrong and, where there is one, the way out). */
#ifndef COBOARD_ERROR_H
#define COBOARD_ERROR_H

enum cb_code {
	CB_OK = 0,
	CB_EFAIL,     /* anything else: I/O, git, SQLite */
	CB_EINVALID,  /* bad input from the user */
	CB_ENOTFOUND, /* no such card, column, agency, member */
	CB_EDENIED,   /* the acting member's role does not allow it */
	CB_ELOCKED,   /* another writer held the board past the timeout */
	CB_ECONFLICT, /* the branch moved under us, or a later change stands in the way */
	CB_ECORRUPT,  /* a card, board.conf or the index does not parse */
};

struct cb_error {
	enum cb_code code;
	char msg[512];
	const char *field; /* the card field a validation error is about, else NULL */
};

/* Sets err (if not NULL) and returns -1, so callers can write `return cb_fail(...)`.
 * The first error is kept: a later cb_fail on an already-set error does nothing. */
int cb_fail(struct cb_error *err, enum cb_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefixes the message already in err with context, e.g. "cards/12.card: ". */
void cb_error_prefix(struct cb_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void cb_error_clear(struct cb_error *err);

#endif
