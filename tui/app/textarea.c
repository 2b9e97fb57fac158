#include "textarea.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

#define CTRL(c) ((c) & 0x1f)

static int char_width(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

/* What may enter the text: a newline only where lines are kept, a tab as a space, never a
 * control character (the reader's terminal must not receive one). 0 for nothing. */
static wchar_t admitted(const struct textarea *ta, uint32_t cp)
{
	if (cp == '\n')
		return ta->lines ? L'\n' : L' ';
	if (cp == '\t')
		return L' ';
	if (cp == UTF8_INVALID || utf8_is_control(cp))
		return 0;
	return (wchar_t)cp;
}

void textarea_insert(struct textarea *ta, wchar_t c)
{
	c = admitted(ta, (uint32_t)c);
	if (!c || ta->len >= TEXTAREA_MAX)
		return;
	if (ta->len + 2 > ta->cap) {
		ta->cap = ta->cap ? ta->cap * 2 : 256;
		ta->buf = xrealloc(ta->buf, (size_t)ta->cap * sizeof(wchar_t));
	}
	memmove(&ta->buf[ta->cur + 1], &ta->buf[ta->cur], (size_t)(ta->len - ta->cur) * sizeof(wchar_t));
	ta->buf[ta->cur++] = c;
	ta->len++;
	ta->changed = true;
}

static void delete_range(struct textarea *ta, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > ta->len)
		to = ta->len;
	if (from >= to)
		return;
	memmove(&ta->buf[from], &ta->buf[to], (size_t)(ta->len - to) * sizeof(wchar_t));
	ta->len -= to - from;
	if (ta->cur > to)
		ta->cur -= to - from;
	else if (ta->cur > from)
		ta->cur = from;
	ta->changed = true;
}

void textarea_set(struct textarea *ta, const char *utf8, bool lines)
{
	size_t n = strlen(utf8), i = 0;

	textarea_free(ta);
	ta->lines = lines;
	ta->goal = -1;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(utf8 + i, n - i, &cp);
		if (cp != '\r')
			textarea_insert(ta, (wchar_t)cp);
	}
	ta->changed = false;
}

void textarea_free(struct textarea *ta)
{
	free(ta->buf);
	*ta = (struct textarea){0};
}

char *textarea_text(const struct textarea *ta)
{
	struct strbuf sb = {0};
	char b[4];

	for (int i = 0; i < ta->len; i++)
		sb_add(&sb, b, utf8_encode((uint32_t)ta->buf[i], b));
	return sb_detach(&sb);
}

int textarea_rows(const struct textarea *ta, int width, int **starts)
{
	int n = 0, cap = 16, at = 0;
	int *s = xmalloc((size_t)cap * sizeof(int));

	if (width < 1)
		width = 1;
	for (;;) {
		int i = at, used = 0, space = -1;

		if (n == cap) {
			cap *= 2;
			s = xrealloc(s, (size_t)cap * sizeof(int));
		}
		s[n++] = at;
		while (i < ta->len && ta->buf[i] != L'\n') {
			int w = char_width(ta->buf[i]);
			if (ta->buf[i] == L' ' && i > at)
				space = i;
			if (used + w > width && i > at)
				break;
			used += w;
			i++;
		}
		if (i >= ta->len)
			break;
		if (ta->buf[i] == L'\n')
			at = i + 1;
		else /* wrapped: after the row's last space, or within a word longer than the row */
			at = space >= 0 ? space + 1 : i;
	}
	*starts = s;
	return n;
}

static int row_of(const int *starts, int rows, int pos)
{
	int r = 0;

	while (r + 1 < rows && starts[r + 1] <= pos)
		r++;
	return r;
}

/* The last cursor position of a row: before the next row's first character (its newline,
 * or the space the row wrapped after), or the end of the text. */
static int row_end(const struct textarea *ta, const int *starts, int rows, int r)
{
	return r + 1 < rows ? starts[r + 1] - 1 : ta->len;
}

static int width_between(const struct textarea *ta, int from, int to)
{
	int w = 0;

	for (int i = from; i < to; i++)
		w += char_width(ta->buf[i]);
	return w;
}

void textarea_cursor(const struct textarea *ta, int width, int *row, int *col)
{
	int *starts, rows = textarea_rows(ta, width, &starts);

	*row = row_of(starts, rows, ta->cur);
	*col = width_between(ta, starts[*row], ta->cur);
	free(starts);
}

/* The position in row r nearest the display column goal, never past the row's end. */
static int at_column(const struct textarea *ta, const int *starts, int rows, int r, int goal)
{
	int i = starts[r], end = row_end(ta, starts, rows, r), col = 0;

	while (i < end && col + char_width(ta->buf[i]) <= goal)
		col += char_width(ta->buf[i++]);
	return i;
}

static bool move_rows(struct textarea *ta, int width, int by)
{
	int *starts, rows = textarea_rows(ta, width, &starts);
	int r = row_of(starts, rows, ta->cur), to = r + by;

	if (ta->goal < 0)
		ta->goal = width_between(ta, starts[r], ta->cur);
	if (to < 0)
		to = 0;
	if (to >= rows)
		to = rows - 1;
	if (to == r)
		ta->cur = by < 0 ? starts[r] : row_end(ta, starts, rows, r);
	else
		ta->cur = at_column(ta, starts, rows, to, ta->goal);
	free(starts);
	return true;
}

static bool to_row_edge(struct textarea *ta, int width, bool end)
{
	int *starts, rows = textarea_rows(ta, width, &starts);
	int r = row_of(starts, rows, ta->cur);

	ta->cur = end ? row_end(ta, starts, rows, r) : starts[r];
	free(starts);
	return true;
}

static int line_start(const struct textarea *ta)
{
	int i = ta->cur;

	while (i > 0 && ta->buf[i - 1] != L'\n')
		i--;
	return i;
}

static int line_end(const struct textarea *ta)
{
	int i = ta->cur;

	while (i < ta->len && ta->buf[i] != L'\n')
		i++;
	return i;
}

static int word_back(const struct textarea *ta)
{
	int i = ta->cur;

	while (i > 0 && ta->buf[i - 1] == L' ')
		i--;
	while (i > 0 && ta->buf[i - 1] != L' ' && ta->buf[i - 1] != L'\n')
		i--;
	return i;
}

static bool moving_key(struct textarea *ta, wint_t key, int width, int page)
{
	switch (key) {
	case KEY_UP: return move_rows(ta, width, -1);
	case KEY_DOWN: return move_rows(ta, width, 1);
	case KEY_PPAGE: return move_rows(ta, width, -(page > 1 ? page - 1 : 1));
	case KEY_NPAGE: return move_rows(ta, width, page > 1 ? page - 1 : 1);
	default: break;
	}
	ta->goal = -1;
	switch (key) {
	case KEY_LEFT: if (ta->cur > 0) ta->cur--; return true;
	case KEY_RIGHT: if (ta->cur < ta->len) ta->cur++; return true;
	case KEY_HOME: return to_row_edge(ta, width, false);
	case KEY_END: return to_row_edge(ta, width, true);
	case KEY_BACKSPACE: delete_range(ta, ta->cur - 1, ta->cur); return true;
	case KEY_DC: delete_range(ta, ta->cur, ta->cur + 1); return true;
	default: return false;
	}
}

bool textarea_key(struct textarea *ta, wint_t key, bool is_key, int width, int page)
{
	if (is_key)
		return moving_key(ta, key, width, page);
	ta->goal = -1;
	switch (key) {
	case 127:
	case CTRL('h'): delete_range(ta, ta->cur - 1, ta->cur); return true;
	case CTRL('w'): delete_range(ta, word_back(ta), ta->cur); return true;
	case CTRL('u'): delete_range(ta, line_start(ta), ta->cur); return true;
	case CTRL('k'):
		delete_range(ta, ta->cur, line_end(ta) > ta->cur ? line_end(ta) : ta->cur + 1);
		return true;
	case CTRL('a'): return to_row_edge(ta, width, false);
	default:
		if (key != '\n' && key != '\t' && (key < 0x20 || utf8_is_control((uint32_t)key)))
			return false;
		textarea_insert(ta, (wchar_t)key);
		return true;
	}
}

void textarea_draw(struct textarea *ta, WINDOW *win, int y, int x, int width, int height,
		   attr_t attr, int *cy, int *cx)
{
	int *starts, rows = textarea_rows(ta, width, &starts);
	int r = row_of(starts, rows, ta->cur);

	if (height < 1)
		height = 1;
	if (ta->top > rows - height)
		ta->top = rows - height;
	if (ta->top < 0)
		ta->top = 0;
	if (r < ta->top)
		ta->top = r;
	if (r >= ta->top + height)
		ta->top = r - height + 1;
	wattrset(win, attr);
	for (int row = 0; row < height; row++) {
		int at = ta->top + row;

		mvwhline(win, y + row, x, ' ', width);
		if (at >= rows)
			continue;
		wmove(win, y + row, x);
		for (int i = starts[at], used = 0; i < ta->len && ta->buf[i] != L'\n' &&
						  (at + 1 >= rows || i < starts[at + 1]); i++) {
			int w = char_width(ta->buf[i]);
			if (used + w > width)
				break;
			waddnwstr(win, &ta->buf[i], 1);
			used += w;
		}
	}
	wattrset(win, A_NORMAL);
	*cy = y + r - ta->top;
	*cx = x + width_between(ta, starts[r], ta->cur);
	if (*cx > x + width - 1)
		*cx = x + width - 1;
	free(starts);
}
