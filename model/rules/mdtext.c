#include "mdtext.h"

#include <string.h>

#include "utf8.h"

/* What starts a block at the beginning of a line: escaped with a backslash. */
static void escape_line_start(const char *line, size_t len, struct strbuf *out, size_t *skip)
{
	size_t digits = strspn(line, "0123456789");

	*skip = 0;
	if (len && strchr("#>-+=", line[0]) && line[0]) {
		sb_putc(out, '\\');
	} else if (digits && digits < len && (line[digits] == '.' || line[digits] == ')')) {
		sb_add(out, line, digits);
		sb_putc(out, '\\');
		*skip = digits;
	}
}

void md_text(const char *s, struct strbuf *out)
{
	struct strbuf clean = {0};
	const char *p;

	utf8_sanitize(s, true, &clean);
	p = sb_str(&clean);
	for (bool first = true; p; first = false) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), skip;

		while (len && (*p == ' ' || *p == '\t')) /* no indented code blocks */
			p++, len--;
		if (!first)
			sb_puts(out, len ? "\n  " : "\n");
		escape_line_start(p, len, out, &skip);
		for (size_t i = skip; i < len; i++) {
			if (strchr("\\`*_[]<>|~&!", p[i]))
				sb_putc(out, '\\');
			sb_putc(out, p[i]);
		}
		p = nl ? nl + 1 : NULL;
	}
	sb_free(&clean);
}
