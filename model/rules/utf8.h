/* UTF-8 decoding shared by validation (model) and display (tui). */
#ifndef COBOARD_UTF8_H
#define COBOARD_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (at most len bytes). Returns the number of bytes used (>= 1);
 * on an invalid or truncated sequence sets *cp to UTF8_INVALID and returns 1. */
#define UTF8_INVALID 0xFFFFFFFFu
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Characters coboard never accepts from a user and never sends raw to a terminal: C0, DEL,
 * C1, and every Unicode format character (bidirectional marks, embeddings, overrides and
 * isolates, zero-width characters, the byte-order mark, tags) with the line and paragraph
 * separators. */
bool utf8_is_control(uint32_t cp);

/* The one sanitizer: appends s to out with every character of utf8_is_control shown as a
 * visible escape (^[ for ESC, ^? for DEL, <U+202E> for the others) and invalid bytes as
 * \xNN; newlines are kept when keep_newlines. */
struct strbuf;
void utf8_sanitize(const char *s, bool keep_newlines, struct strbuf *out);

/* Writes code point cp (valid, not UTF8_INVALID) to out; returns the bytes written, 1-4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Whether a and b are the same text but for case, in any alphabet the C library knows the
 * case of (Cyrillic included): what a person types to name a column. */
bool utf8_same_but_case(const char *a, const char *b);

/* Number of code points, or -1 when s is not valid UTF-8. */
long utf8_length(const char *s);

/* Checks user text: valid UTF-8, no control characters (newlines only when multiline). */
struct cb_error;
int text_validate(const char *what, const char *text, bool multiline, struct cb_error *err);

/* Normalises free text the way it is stored: trailing spaces of lines and leading and
 * trailing blank lines removed, CRLF turned into LF. Caller frees. */
char *text_normalize(const char *text);

#endif
