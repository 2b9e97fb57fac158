#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

#define CTRL(c) ((c) & 0x1f)

void lineedit_set(struct lineedit *le, const char *utf8)
{
	size_t len = strlen(utf8), i = 0;

	le->len = 0;
	while (i < len && le->len < LINEEDIT_MAX) {
		uint32_t cp;
		i += utf8_decode(utf8 + i, len - i, &cp);
		if (cp != UTF8_INVALID && !utf8_is_control(cp))
			le->buf[le->len++] = (wchar_t)cp;
	}
	le->buf[le->len] = L'\0';
	le->cur = le->len;
}

char *lineedit_text(const struct lineedit *le)
{
	struct strbuf sb = {0};
	char b[4];

	for (int i = 0; i < le->len; i++)
		sb_add(&sb, b, utf8_encode((uint32_t)le->buf[i], b));
	return sb_detach(&sb);
}

static void insert(struct lineedit *le, wchar_t c)
{
	if (le->len >= LINEEDIT_MAX)
		return;
	memmove(&le->buf[le->cur + 1], &le->buf[le->cur], (size_t)(le->len - le->cur) * sizeof(wchar_t));
	le->buf[le->cur++] = c;
	le->buf[++le->len] = L'\0';
}

static void delete_at(struct lineedit *le, int at)
{
	if (at < 0 || at >= le->len)
		return;
	memmove(&le->buf[at], &le->buf[at + 1], (size_t)(le->len - at) * sizeof(wchar_t));
	le->len--;
}

bool lineedit_key(struct lineedit *le, wint_t key, bool is_key)
{
	if (is_key) {
		switch (key) {
		case KEY_LEFT: if (le->cur > 0) le->cur--; return true;
		case KEY_RIGHT: if (le->cur < le->len) le->cur++; return true;
		case KEY_HOME: le->cur = 0; return true;
		case KEY_END: le->cur = le->len; return true;
		case KEY_BACKSPACE:
			if (le->cur > 0)
				delete_at(le, --le->cur);
			return true;
		case KEY_DC: delete_at(le, le->cur); return true;
		default: return false;
		}
	}
	switch (key) {
	case 127:
	case CTRL('h'):
		if (le->cur > 0)
			delete_at(le, --le->cur);
		return true;
	case CTRL('a'): le->cur = 0; return true;
	case CTRL('u'): le->len = le->cur = 0; le->buf[0] = L'\0'; return true;
	case CTRL('k'): le->len = le->cur; le->buf[le->len] = L'\0'; return true;
	default:
		/* Control characters never enter the text: the user cannot type an escape. */
		if (key < 0x20 || utf8_is_control((uint32_t)key))
			return false;
		insert(le, (wchar_t)key);
		return true;
	}
}

static int width_of(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

int lineedit_draw(const struct lineedit *le, WINDOW *win, int y, int x, int width, attr_t attr)
{
	int start = 0, used = 0, cursor_col = x;

	/* Scroll so the cursor stays in view, leaving one column for it at the end. */
	for (;;) {
		int w = 0;
		for (int i = start; i < le->cur; i++)
			w += width_of(le->buf[i]);
		if (w < width || start >= le->cur)
			break;
		start++;
	}
	wattrset(win, attr);
	mvwhline(win, y, x, ' ', width);
	wmove(win, y, x);
	for (int i = start; i < le->len; i++) {
		int w = width_of(le->buf[i]);
		if (used + w > width)
			break;
		if (i == le->cur)
			cursor_col = x + used;
		waddnwstr(win, &le->buf[i], 1);
		used += w;
	}
	if (le->cur >= le->len)
		cursor_col = x + used;
	wattrset(win, A_NORMAL);
	return cursor_col;
}
