#include "listview.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int page_of(const struct listview *lv)
{
	return lv->page > 0 ? lv->page : 1;
}

/* The window: a cursor stays inside it; a text never scrolls past its last page. */
static void settle(struct listview *lv)
{
	int page = page_of(lv), last_top = lv->rows - page > 0 ? lv->rows - page : 0;

	lv->sel = clamp(lv->sel, 0, lv->rows ? lv->rows - 1 : 0);
	if (lv->cursor) {
		if (lv->sel < lv->top)
			lv->top = lv->sel;
		if (lv->sel >= lv->top + page)
			lv->top = lv->sel - page + 1;
	}
	lv->top = clamp(lv->top, 0, last_top);
}

void listview_set_rows(struct listview *lv, int rows)
{
	lv->rows = rows > 0 ? rows : 0;
	settle(lv);
}

void listview_set_page(struct listview *lv, int page)
{
	lv->page = page;
	settle(lv);
}

void listview_show(struct listview *lv, int row)
{
	if (lv->cursor) {
		lv->sel = row;
	} else if (row < lv->top) {
		lv->top = row;
	} else if (row >= lv->top + page_of(lv)) {
		lv->top = row - page_of(lv) + 1;
	}
	settle(lv);
}

bool listview_act(struct listview *lv, enum action action)
{
	int *pos = lv->cursor ? &lv->sel : &lv->top;
	int page = page_of(lv);

	switch (action) {
	case ACT_UP: *pos -= 1; break;
	case ACT_DOWN: *pos += 1; break;
	case ACT_PAGE_UP: *pos -= page; break;
	case ACT_PAGE_DOWN: *pos += page; break;
	case ACT_TOP: *pos = 0; break;
	case ACT_BOTTOM: *pos = lv->rows; break;
	default: return false;
	}
	if (*pos < 0)
		*pos = 0;
	settle(lv);
	return true;
}

int listview_end(const struct listview *lv)
{
	int end = lv->top + page_of(lv);

	return end < lv->rows ? end : lv->rows;
}
