#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

#include "utf8.h"

void text_init_locale(void)
{
	const char *codeset;

	setlocale(LC_ALL, "");
	/* Numbers are machine formats here (JSON, CSV): never a decimal comma. */
	setlocale(LC_NUMERIC, "C");
	i18n_init(COBOARD_LOCALEDIR);
	codeset = nl_langinfo(CODESET);
	if (!codeset || strcmp(codeset, "UTF-8") != 0)
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
}

void text_sanitize(const char *s, struct strbuf *out)
{
	utf8_sanitize(s, false, out);
}

void text_sanitize_lines(const char *s, struct strbuf *out)
{
	utf8_sanitize(s, true, out);
}

static int char_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f) /* most of what a board holds: no table to look up */
		return 1;
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int width = 0;

	while (i < len) {
		uint32_t cp;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			width++; /* printable ASCII, most of any text here: one column each */
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		width += cp == UTF8_INVALID ? 1 : char_width(cp);
	}
	return width;
}

/* The length of s when it is all printable ASCII, most of what a board holds: a byte is a
 * column and nothing needs sanitizing or decoding. -1 otherwise. */
static long printable_ascii_len(const char *s)
{
	size_t n = 0;

	while ((unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7f)
		n++;
	return s[n] ? -1 : (long)n;
}

int text_shown_width(const char *s)
{
	long ascii = printable_ascii_len(s);

	if (ascii >= 0)
		return (int)ascii;
	struct strbuf clean = {0};
	text_sanitize(s, &clean);
	int width = text_width(sb_str(&clean));
	sb_free(&clean);
	return width;
}

static int pad_to(struct strbuf *out, int used, int width)
{
	static const char spaces[] = "                                ";

	while (used < width) {
		int n = width - used < (int)sizeof(spaces) - 1 ? width - used : (int)sizeof(spaces) - 1;

		sb_add(out, spaces, (size_t)n);
		used += n;
	}
	return used;
}

int text_fit(const char *s, int width, bool pad, struct strbuf *out)
{
	size_t start = out->len;
	int used;

	if (width <= 0)
		return 0;
	long ascii = printable_ascii_len(s);
	if (ascii >= 0) {
		used = ascii <= width ? (int)ascii : width;
		sb_add(out, s, ascii <= width ? (size_t)ascii : (size_t)width - 1);
		if (ascii > width)
			sb_puts(out, "…");
		return pad ? pad_to(out, used, width) : used;
	}
	/* Sanitized straight into out: most fields fit, and only one that does not is copied
	 * aside to be cut. */
	utf8_sanitize(s, false, out);
	used = text_width(out->buf ? out->buf + start : "");
	if (used > width) {
		char *clean = xstrndup(out->buf + start, out->len - start);
		size_t len = out->len - start, i = 0;

		out->len = start;
		out->buf[start] = '\0';
		used = 0;
		/* Leave one column for the ellipsis. */
		while (i < len) {
			uint32_t cp;
			size_t n = utf8_decode(clean + i, len - i, &cp);
			int w = char_width(cp);

			if (used + w > width - 1)
				break;
			sb_add(out, clean + i, n);
			used += w;
			i += n;
		}
		sb_puts(out, "…");
		used++;
		free(clean);
	}
	return pad ? pad_to(out, used, width) : used;
}

size_t text_break(const char *s, int width)
{
	size_t len = strlen(s), i = 0, last_space = 0;
	int used = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int w = cp == UTF8_INVALID ? 1 : char_width(cp);

		if (used + w > width)
			return last_space ? last_space : i;
		if (cp == ' ')
			last_space = i + 1;
		used += w;
		i += n;
	}
	return len;
}

size_t text_wrap_line(const char *s, int width, const char **next)
{
	size_t n = width > 0 ? text_break(s, width) : 0;

	if (n == 0)
		n = strlen(s);
	*next = s + n + strspn(s + n, " ");
	return n;
}

void text_json(const char *s, struct strbuf *out)
{
	size_t len = strlen(s), i = 0;

	sb_putc(out, '"');
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == UTF8_INVALID)
			sb_puts(out, "\\ufffd");
		else if (cp == '"' || cp == '\\')
			sb_printf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			sb_puts(out, "\\n");
		else if (utf8_is_control(cp))
			sb_printf(out, "\\u%04x", (unsigned)cp);
		else
			sb_add(out, s + i, n);
		i += n;
	}
	sb_putc(out, '"');
}

void text_csv(const char *s, struct strbuf *out)
{
	struct strbuf clean = {0};

	utf8_sanitize(s, true, &clean);
	sb_putc(out, '"');
	/* A leading = + - @ would make a spreadsheet run the cell as a formula: an apostrophe
	 * makes it text. Tabs and carriage returns are already escaped by the sanitizer. */
	if (clean.len && strchr("=+-@", clean.buf[0]))
		sb_putc(out, '\'');
	for (size_t i = 0; i < clean.len; i++) {
		if (clean.buf[i] == '"')
			sb_putc(out, '"');
		sb_putc(out, clean.buf[i]);
	}
	sb_putc(out, '"');
	sb_free(&clean);
}

void text_csv_row(struct strbuf *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_putc(out, ',');
		text_csv(fields[i], out);
	}
	sb_putc(out, '\n');
}
