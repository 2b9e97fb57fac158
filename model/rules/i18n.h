/* Messages people read go through gettext (the "coboard" domain; catalogues in po/). The
 * functions that report (cb_fail, cb_error_prefix, and the front ends' message functions)
 * translate their format themselves; other text is marked _() where it is used, N_() where
 * it sits in a table and is translated when shown. Machine formats (CSV headers, JSON keys,
 * commit messages and trailers, card files) are never translated. */
#ifndef COBOARD_I18N_H
#define COBOARD_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(text) gettext(text)
#define N_(text) (text)
/* A phrase that stays English on purpose: a commit message or trailer, a file's or a mail's
 * header, a key of a machine format, words matched in git's own output. Marked so that the
 * check for phrases that bypass the catalogue (tests/cli/catalogue.sh) knows it is meant. */
#define UNTRANSLATED(text) text
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))

/* Once per process: the catalogues (beside the program in its build directory, else under
 * BIN/../share/locale, else installed_dir) and the language of the locale. */
void i18n_init(const char *installed_dir);

/* A member's own language ("ru", "kk", "en"), set in board.conf: messages and dates follow it
 * whatever the locale of the server the person reached over SSH. False when this machine has
 * no locale for it (the messages stay as they were). */
bool i18n_use_language(const char *language);

/* The language of the catalogue messages come from: "ru", "kk", or "en" (no catalogue), so
 * that what the board names in its own words follows the messages exactly. */
const char *i18n_language(void);

/* The day as people write it in the language of the messages: 31.12.2026 in Russian and
 * Kazakh, 2026-12-31 otherwise. day is YYYY-MM-DD; anything else is copied as it is. */
void i18n_day(const char *day, char out[16]);

#endif
