/* Reminders by mail: for each agency, one message to each of its members with an e-mail
 * address, in that member's language: what comes due within the board's reminder days
 * (reminder-days in board.conf, default 7 and 1, counted in working days), what has become
 * overdue, reports returned to the agency, its requests decided, and items newly assigned to
 * it. Only what happened since the agency's last reminder is news, so a daily timer never
 * repeats itself and a missed day catches up. Sent through the system's sendmail interface
 * (`sendmail -t -i`; the program is the repository's coboard.sendmail, default
 * /usr/sbin/sendmail: never a path from board.conf, which other offices write). */
#ifndef COBOARD_REMIND_H
#define COBOARD_REMIND_H

#include <stdbool.h>

#include "session.h"

/* One message, ready to send: headers and body. */
struct reminder {
	char *agency, *login, *to;
	struct strbuf text;
};
struct reminders {
	struct reminder *v;
	size_t n;
	struct strvec failed; /* "MOE: sendmail exited with status 75", per agency */
	size_t sent;
};

/* Composes the messages of every agency (or one), as of now. */
int remind_compose(struct session *s, const char *agency, struct reminders *out,
		   struct cb_error *err);
/* Sends them, agency by agency; an agency whose messages all went is marked reminded up to
 * now; one that failed is named in out->failed and will be reminded again next time. */
int remind_send(struct session *s, struct reminders *r, struct cb_error *err);
void reminders_free(struct reminders *r);

/* A member's own choice: no reminders for login (off true), or again. */
int remind_opt_out(struct session *s, const char *login, bool off, struct cb_error *err);

#endif
