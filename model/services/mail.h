/* Mail: the sendmail interface every Unix mail system offers, and header encoding. */
#ifndef COBOARD_MAIL_H
#define COBOARD_MAIL_H

#include <stdbool.h>

#include "strbuf.h"

/* Text for a header: as it is when printable ASCII, else RFC 2047 encoded words (UTF-8,
 * base64), folded. */
void mail_header_text(const char *text, struct strbuf *out);

/* Runs `program -t -i` (the recipients are the message's own To: line) with message on its
 * standard input: 0 when it took the message, else -1 with why in problem. */
int mail_send(const char *program, const char *message, struct strbuf *problem);

#endif
