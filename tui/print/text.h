/* Text on its way to a terminal. Every user string drawn by the app or printed by the CLI
 * passes text_sanitize; everything cut or padded is measured in display columns. */
#ifndef COBOARD_TEXT_H
#define COBOARD_TEXT_H

#include <stdbool.h>

#include "strbuf.h"

/* Makes sure wide characters have a width: with a non-UTF-8 locale falls back to C.UTF-8. */
void text_init_locale(void);

/* Appends s with every control character made visible: C0 as ^X (ESC as ^[), DEL as ^?,
 * C1 and bidi controls as <U+XXXX>, invalid UTF-8 bytes as \xNN. Newlines too, unless
 * keep_newlines. */
void text_sanitize(const char *s, struct strbuf *out);
void text_sanitize_lines(const char *s, struct strbuf *out); /* keeps '\n' */

/* Display width of already-sanitized text. */
int text_width(const char *s);
/* Display width of s as text_sanitize shows it. */
int text_shown_width(const char *s);

/* Appends s (sanitized here) cut to at most width columns, ending in "…" when cut, and with
 * pad, padded with spaces to exactly width. Returns the columns used. */
int text_fit(const char *s, int width, bool pad, struct strbuf *out);

/* How many bytes of the sanitized text s fit in width columns, breaking after the last space
 * that fits when there is one (for wrapping a title over two lines). */
size_t text_break(const char *s, int width);
/* One line of s wrapped at width: text_break's length, or the rest of s where not even a
 * character fits (width 0 or less takes the rest: a last line). *next is where the
 * following line starts, past the spaces the line ended on. Returns the line's bytes. */
size_t text_wrap_line(const char *s, int width, const char **next);

/* Appends s as a JSON string literal, control characters as \uXXXX. */
void text_json(const char *s, struct strbuf *out);

/* Appends s as one CSV field: sanitized, quoted, quotes doubled. */
void text_csv(const char *s, struct strbuf *out);
/* One CSV line of n fields, each quoted and passed through text_csv. */
void text_csv_row(struct strbuf *out, const char *const *fields, size_t n);

#endif
