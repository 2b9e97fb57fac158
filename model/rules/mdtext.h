/* User text inside the Markdown coboard writes (minutes, reports). */
#ifndef COBOARD_MDTEXT_H
#define COBOARD_MDTEXT_H

#include "strbuf.h"

/* Appends s sanitized (control characters escaped visibly, as everywhere) with everything
 * Markdown would read as markup escaped: a heading, rule, quote or list marker at a line's
 * start, emphasis, links, code, tables and HTML. Lines after the first are indented to stay
 * inside the list item the text is written in. */
void md_text(const char *s, struct strbuf *out);

#endif
