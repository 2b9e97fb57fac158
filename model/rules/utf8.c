#include "utf8.h"

#include <string.h>
#include <wctype.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n;

	if (len == 0) {
		*cp = UTF8_INVALID;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		n = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		*cp = UTF8_INVALID;
		return 1;
	}
	if (len < n) {
		*cp = UTF8_INVALID;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = UTF8_INVALID;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = UTF8_INVALID;
		return 1;
	}
	*cp = c;
	return n;
}

/* Unicode's format characters (category Cf) and the line and paragraph separators: they are
 * invisible, join or reorder text, so a title could hide or mimic another. */
static bool is_format(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
		{0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
		{0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
		{0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
		{0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
		{0xE0020, 0xE007F},
	};

	if (cp < 0xAD)
		return false;
	for (size_t i = 0; i < sizeof(ranges) / sizeof(*ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

bool utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || is_format(cp);
}

long utf8_length(const char *s)
{
	size_t len = strlen(s), i = 0;
	long n = 0;

	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			return -1;
		n++;
	}
	return n;
}

void utf8_sanitize(const char *s, bool keep_newlines, struct strbuf *out)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = 0;

		/* A run of printable ASCII, most of any text here, is copied as it is. */
		while (i + n < len && (unsigned char)s[i + n] >= 0x20 && (unsigned char)s[i + n] < 0x7f)
			n++;
		if (n) {
			sb_add(out, s + i, n);
			i += n;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);

		if (cp == UTF8_INVALID)
			sb_printf(out, "\\x%02X", (unsigned char)s[i]);
		else if (cp == '\n' && keep_newlines)
			sb_putc(out, '\n');
		else if (cp < 0x20)
			sb_printf(out, "^%c", (char)(cp + 0x40));
		else if (cp == 0x7F)
			sb_puts(out, "^?");
		else if (utf8_is_control(cp))
			sb_printf(out, "<U+%04X>", (unsigned)cp);
		else
			sb_add(out, s + i, n);
		i += n;
	}
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int text_validate(const char *what, const char *text, bool multiline, struct cb_error *err)
{
	size_t len = strlen(text), i = 0;

	what = gettext(what);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);

		if (cp == UTF8_INVALID)
			return cb_fail(err, CB_EINVALID, "%s is not valid UTF-8 (byte %zu)", what,
				       i + 1);
		if (utf8_is_control(cp) && !(multiline && cp == '\n'))
			return cb_fail(err, CB_EINVALID,
				       "%s contains a control character (U+%04X at byte %zu); "
				       "remove it and try again",
				       what, (unsigned)cp, i + 1);
		i += n;
	}
	return 0;
}

char *text_normalize(const char *text)
{
	struct strbuf out = {0};
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len && p[len - 1] == '\r')
			len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len || out.len)
			sb_add(&out, p, len), sb_putc(&out, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	while (out.len && out.buf[out.len - 1] == '\n')
		out.buf[--out.len] = '\0';
	return sb_detach(&out);
}

bool utf8_same_but_case(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;

	while (i < la && j < lb) {
		uint32_t ca, cb;
		i += utf8_decode(a + i, la - i, &ca);
		j += utf8_decode(b + j, lb - j, &cb);
		if (ca == UTF8_INVALID || cb == UTF8_INVALID)
			return false;
		if (ca != cb && towlower((wint_t)ca) != towlower((wint_t)cb))
			return false;
	}
	return i == la && j == lb;
}
