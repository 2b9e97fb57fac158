/* Growable strings and string vectors. Both own their memory; _free releases it. */
#ifndef COBOARD_STRBUF_H
#define COBOARD_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/* Room for element n of an array that grows one at a time (p holds n elements of size and
 * was only ever grown by xgrow): doubles at powers of two, so n appends cost O(n), not
 * O(n^2) copying. */
void *xgrow(void *p, size_t n, size_t size);

struct strbuf {
	char *buf; /* always NUL-terminated once anything was added */
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const char *s, size_t len);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(const struct strbuf *sb); /* "" when empty */
char *sb_detach(struct strbuf *sb);          /* caller frees; sb is empty afterwards */
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

struct strvec {
	char **v;
	size_t n, cap;
};

void sv_push(struct strvec *sv, const char *s); /* copies s */
bool sv_contains(const struct strvec *sv, const char *s);
bool sv_equal(const struct strvec *a, const struct strvec *b);
/* Splits on commas, trims spaces, drops empty items. */
void sv_split_list(struct strvec *sv, const char *text);
/* The same one item at a time: the next item of the list at *p (len bytes at *item), false
 * when there is none. */
bool list_next_item(const char **p, const char **item, size_t *len);
/* Joins with sep into sb (appending). */
void sv_join(const struct strvec *sv, const char *sep, struct strbuf *sb);
void sv_copy(struct strvec *dst, const struct strvec *src);
void sv_free(struct strvec *sv);
/* Removes (and frees) item i, keeping the order of the rest. */
void sv_remove_at(struct strvec *sv, size_t i);

/* Small helpers every module needs. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
bool str_empty(const char *s);
/* Replaces *slot with a copy of value, freeing the old one. */
void str_set(char **slot, const char *value);

#endif
