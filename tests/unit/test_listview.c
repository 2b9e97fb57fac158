/* Scrolling and selection as every view uses them, and the keymaps behind them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "keymap.h"
#include "listview.h"

static void test_cursor_list(void **state)
{
	struct listview lv = {.cursor = true};

	(void)state;
	listview_set_rows(&lv, 100);
	listview_set_page(&lv, 10);
	assert_true(listview_act(&lv, ACT_DOWN));
	assert_int_equal(lv.sel, 1);
	assert_int_equal(lv.top, 0);
	listview_act(&lv, ACT_PAGE_DOWN);
	assert_int_equal(lv.sel, 11);
	assert_int_equal(lv.top, 2); /* the window follows the selection */
	listview_act(&lv, ACT_BOTTOM);
	assert_int_equal(lv.sel, 99);
	assert_int_equal(lv.top, 90);
	assert_int_equal(listview_end(&lv), 100);
	listview_act(&lv, ACT_PAGE_DOWN);
	assert_int_equal(lv.sel, 99);
	listview_act(&lv, ACT_TOP);
	assert_int_equal(lv.sel, 0);
	assert_int_equal(lv.top, 0);
	listview_act(&lv, ACT_UP);
	assert_int_equal(lv.sel, 0);
	/* Fewer rows after a reload: the selection stays on a row that exists. */
	listview_show(&lv, 50);
	listview_set_rows(&lv, 20);
	assert_int_equal(lv.sel, 19);
	assert_true(lv.top <= 19 && lv.top + 10 > 19);
	listview_set_rows(&lv, 0);
	assert_int_equal(lv.sel, 0);
	assert_int_equal(listview_end(&lv), 0);
	assert_false(listview_act(&lv, ACT_OPEN));
}

static void test_scrolling_text(void **state)
{
	struct listview lv = {.cursor = false};

	(void)state;
	listview_set_page(&lv, 20);
	listview_set_rows(&lv, 50);
	listview_act(&lv, ACT_DOWN);
	assert_int_equal(lv.top, 1);
	listview_act(&lv, ACT_BOTTOM); /* G and End: the last page, not past it */
	assert_int_equal(lv.top, 30);
	listview_act(&lv, ACT_DOWN);
	assert_int_equal(lv.top, 30);
	listview_act(&lv, ACT_PAGE_UP);
	assert_int_equal(lv.top, 10);
	listview_show(&lv, 45);
	assert_int_equal(lv.top, 26);
	/* A text shorter than the screen does not scroll. */
	listview_set_rows(&lv, 5);
	assert_int_equal(lv.top, 0);
	listview_act(&lv, ACT_PAGE_DOWN);
	assert_int_equal(lv.top, 0);
}

static void test_keymaps(void **state)
{
	struct strbuf hints = {0};

	(void)state;
	/* h is "left" on the board and the card's history in a card; the generic keys work in
	 * both. */
	assert_int_equal(keymap_action(&keymap_board, 'h', false), ACT_LEFT);
	assert_int_equal(keymap_action(&keymap_card, 'h', false), ACT_HISTORY);
	assert_int_equal(keymap_action(&keymap_card, '?', false), ACT_HELP);
	assert_int_equal(keymap_action(&keymap_log, 'G', false), ACT_BOTTOM);
	assert_int_equal(keymap_action(&keymap_help, KEY_END, true), ACT_BOTTOM);
	assert_int_equal(keymap_action(&keymap_log, 'w', false), ACT_FILTER_PERSON);
	assert_int_equal(keymap_action(&keymap_board, 'w', false), ACT_NONE);
	assert_int_equal(keymap_action(&keymap_diff, 'e', false), ACT_NONE);

	keymap_hints(&keymap_log, true, 200, &hints);
	assert_non_null(strstr(sb_str(&hints), "w:who"));
	assert_null(strstr(sb_str(&hints), "a:add"));
	sb_reset(&hints);
	keymap_hints(&keymap_board, false, 200, &hints);
	assert_null(strstr(sb_str(&hints), "e:edit")); /* a viewer is not offered writes */
	assert_non_null(strstr(sb_str(&hints), "/:search"));
	sb_reset(&hints);
	/* Narrow: ?:help stays, first; the least important go. */
	keymap_hints(&keymap_board, true, 30, &hints);
	assert_int_equal(strncmp(sb_str(&hints), "  ?:help", 8), 0);
	assert_true(strlen(sb_str(&hints)) <= 30);
	assert_null(strstr(sb_str(&hints), "[:earlier"));
	sb_free(&hints);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_list),
		cmocka_unit_test(test_scrolling_text),
		cmocka_unit_test(test_keymaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
