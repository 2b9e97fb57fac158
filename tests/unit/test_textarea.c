/* The app's text editor without a screen: wrapping by words and display width, the cursor
 * moving by the rows the reader sees, what may enter the text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "textarea.h"

static void type(struct textarea *ta, const char *utf8, int width)
{
	struct textarea typed = {0};

	/* Through textarea_set's decoding, one character at a time through the key path. */
	textarea_set(&typed, utf8, true);
	for (int i = 0; i < typed.len; i++)
		textarea_key(ta, (wint_t)typed.buf[i], false, width, 5);
	textarea_free(&typed);
}

static char *row_text(const struct textarea *ta, int width, int row)
{
	int *starts, rows = textarea_rows(ta, width, &starts);
	struct textarea part = {0};
	char *text;

	assert_true(row < rows);
	int end = row + 1 < rows ? starts[row + 1] : ta->len;
	part.buf = ta->buf + starts[row];
	part.len = end - starts[row];
	text = textarea_text(&part);
	free(starts);
	return text;
}

static void expect_row(const struct textarea *ta, int width, int row, const char *want)
{
	char *got = row_text(ta, width, row);

	assert_string_equal(got, want);
	free(got);
}

static void test_wraps_by_words(void **state)
{
	struct textarea ta = {0};
	int *starts, row, col;

	(void)state;
	textarea_set(&ta, "", true);
	type(&ta, "one two three four", 10);
	assert_int_equal(textarea_rows(&ta, 10, &starts), 2);
	free(starts);
	expect_row(&ta, 10, 0, "one two ");
	expect_row(&ta, 10, 1, "three four");
	textarea_cursor(&ta, 10, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 10);
	/* A word longer than the row is cut where the row ends. */
	textarea_set(&ta, "abcdefghijklmnop", true);
	expect_row(&ta, 10, 0, "abcdefghij");
	expect_row(&ta, 10, 1, "klmnop");
	/* Wide characters count two columns: five to a row of ten. */
	textarea_set(&ta, "漢字漢字漢字", true);
	expect_row(&ta, 10, 0, "漢字漢字漢");
	expect_row(&ta, 10, 1, "字");
	/* A line break ends a row; an empty last line is a row of its own. */
	textarea_set(&ta, "first\n", true);
	assert_int_equal(textarea_rows(&ta, 10, &starts), 2);
	free(starts);
	textarea_free(&ta);
}

static void test_moves_by_rows(void **state)
{
	struct textarea ta = {0};
	int row, col;

	(void)state;
	textarea_set(&ta, "Қазақстан балалары\nshort\nthe third line", true);
	ta.cur = 4; /* in "Қазақстан" */
	textarea_key(&ta, KEY_DOWN, true, 40, 5);
	textarea_cursor(&ta, 40, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 4);
	textarea_key(&ta, KEY_END, true, 40, 5);
	textarea_cursor(&ta, 40, &row, &col);
	assert_int_equal(col, 5);
	/* Down from the end of a short line keeps the column it came from. */
	ta.cur = 12;
	textarea_key(&ta, KEY_DOWN, true, 40, 5);
	textarea_key(&ta, KEY_DOWN, true, 40, 5);
	textarea_cursor(&ta, 40, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 12);
	/* Up from the first row goes to its start; down from the last, to its end. */
	ta.cur = 3;
	textarea_key(&ta, KEY_UP, true, 40, 5);
	assert_int_equal(ta.cur, 0);
	ta.cur = 40;
	textarea_key(&ta, KEY_DOWN, true, 40, 5);
	assert_int_equal(ta.cur, ta.len);
	textarea_key(&ta, KEY_HOME, true, 40, 5);
	textarea_cursor(&ta, 40, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 0);
	textarea_free(&ta);
}

static void test_edits(void **state)
{
	struct textarea ta = {0};
	char *text;

	(void)state;
	textarea_set(&ta, "keep\nthis line goes", true);
	assert_false(ta.changed);
	textarea_key(&ta, 'u' & 0x1f, false, 40, 5); /* Ctrl-U: the line up to the cursor */
	assert_true(ta.changed);
	type(&ta, "new", 40);
	textarea_key(&ta, KEY_BACKSPACE, true, 40, 5);
	textarea_key(&ta, 'w' & 0x1f, false, 40, 5); /* Ctrl-W: the word before the cursor */
	type(&ta, "fresh\nend", 40);
	ta.cur = 2;
	textarea_key(&ta, 'k' & 0x1f, false, 40, 5); /* Ctrl-K: the rest of the line */
	textarea_key(&ta, 'k' & 0x1f, false, 40, 5); /* and then its line break */
	text = textarea_text(&ta);
	assert_string_equal(text, "kefresh\nend");
	free(text);
	textarea_free(&ta);
}

static void test_what_enters(void **state)
{
	struct textarea ta = {0};
	char *text;

	(void)state;
	/* A paragraph is one line: a newline typed or pasted becomes a space. */
	textarea_set(&ta, "two\nlines", false);
	type(&ta, "\nmore", 40);
	text = textarea_text(&ta);
	assert_string_equal(text, "two lines more");
	free(text);
	/* No control character reaches the text: escapes and bidi overrides are dropped, a tab
	 * is a space, CR is dropped on the way in. */
	textarea_set(&ta, "a\r\nb\tc", true);
	assert_false(textarea_key(&ta, 0x1b, false, 40, 5));
	assert_false(textarea_key(&ta, 0x202E, false, 40, 5));
	textarea_insert(&ta, 0x07);
	text = textarea_text(&ta);
	assert_string_equal(text, "a\nb c");
	free(text);
	textarea_free(&ta);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wraps_by_words),
		cmocka_unit_test(test_moves_by_rows),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_what_enters),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
