/* The one sanitizer and display-width helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"
#include "text.h"

static char *sanitized(const char *s)
{
	struct strbuf out = {0};

	text_sanitize(s, &out);
	return sb_detach(&out);
}

static void expect_sanitized(const char *in, const char *want)
{
	char *got = sanitized(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_sanitize(void **state)
{
	(void)state;
	expect_sanitized("plain Қазақ text", "plain Қазақ text");
	expect_sanitized("a\x1b[2Jb", "a^[[2Jb");
	expect_sanitized("\x1b]0;title\x07", "^[]0;title^G");
	expect_sanitized("tab\there", "tab^Ihere");
	expect_sanitized("new\nline", "new^Jline");
	expect_sanitized("del\x7f", "del^?");
	expect_sanitized("c1\xc2\x9b" "31m", "c1<U+009B>31m");
	expect_sanitized("bidi\xe2\x80\xae" "x\xe2\x81\xa9", "bidi<U+202E>x<U+2069>");
	expect_sanitized("bad\xff\xfe", "bad\\xFF\\xFE");
	expect_sanitized("cut\xd0", "cut\\xD0");
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("Қазақ"), 5);
	assert_int_equal(text_width("儿童"), 4);
	assert_int_equal(text_width("e\xcc\x81"), 1); /* combining accent */
	/* As shown: a control character takes the columns of its ^X form. */
	assert_int_equal(text_shown_width("abc"), 3);
	assert_int_equal(text_shown_width(""), 0);
	assert_int_equal(text_shown_width("a\x01" "b"), 4);
	assert_int_equal(text_shown_width("Қазақ"), 5);
	assert_int_equal(text_shown_width("儿童"), 4);
}

static void expect_fit(const char *in, int width, bool pad, const char *want)
{
	struct strbuf out = {0};

	text_fit(in, width, pad, &out);
	assert_string_equal(sb_str(&out), want);
	assert_true(text_width(sb_str(&out)) <= width);
	if (pad)
		assert_int_equal(text_width(sb_str(&out)), width);
	sb_free(&out);
}

static void test_fit(void **state)
{
	(void)state;
	expect_fit("short", 8, true, "short   ");
	expect_fit("exactly8", 8, true, "exactly8");
	expect_fit("too long text", 8, false, "too lon…");
	expect_fit("Дети Казахстана", 6, true, "Дети …");
	/* A wide character that would straddle the edge is left out, and padding fills. */
	expect_fit("儿童权利", 6, true, "儿童… ");
	expect_fit("a\x1b[2J", 6, true, "a^[[2J");
	expect_fit("a\x1b[2Jbcdef", 6, false, "a^[[2…");
	expect_fit("ab", 1, true, "…");
	expect_fit("", 3, true, "   ");
	/* Padding wider than one run of spaces. */
	expect_fit("x", 70, true,
		   "x                                                                     ");
}

/* Wrapping by words: a line ends at the last space that fits and the next starts with its
 * word; a word wider than the line is broken; nothing fits, or width 0: the rest. */
static void test_wrap_line(void **state)
{
	const char *s = "К исполнению  сегодня", *next;

	(void)state;
	assert_int_equal(text_wrap_line(s, 14, &next), strlen("К исполнению  "));
	assert_string_equal(next, "сегодня");
	assert_int_equal(text_wrap_line("supervision", 10, &next), strlen("supervisio"));
	assert_string_equal(next, "n");
	assert_int_equal(text_wrap_line("漢字", 1, &next), strlen("漢字"));
	assert_string_equal(next, "");
	assert_int_equal(text_wrap_line("two words", 0, &next), strlen("two words"));
	assert_int_equal(text_wrap_line("", 5, &next), 0);
	assert_string_equal(next, "");
}

static void test_json_csv(void **state)
{
	struct strbuf out = {0};

	(void)state;
	text_json("q\"b\\n\nc\x1b\xe2\x80\xae", &out);
	assert_string_equal(sb_str(&out), "\"q\\\"b\\\\n\\nc\\u001b\\u202e\"");
	sb_reset(&out);
	text_csv("say \"hi\", then\x1b", &out);
	assert_string_equal(sb_str(&out), "\"say \"\"hi\"\", then^[\"");
	sb_free(&out);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2026-02-28"));
	assert_false(date_valid("2026-02-29"));
	assert_true(date_valid("2028-02-29"));
	assert_false(date_valid("2100-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("2026-02-30"));
	assert_false(date_valid("2026-4-01"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("26-04-01"));
	assert_int_equal(date_to_days("1970-01-01"), 0);
	assert_int_equal(date_to_days("2026-03-01") - date_to_days("2026-02-01"), 28);
	setenv("COBOARD_TODAY", "2026-03-01", 1);
	assert_int_equal(date_days_until("2026-03-08", NULL), 7);
	assert_int_equal(date_days_until("2026-01-30", NULL), -30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize), cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),      cmocka_unit_test(test_json_csv),
		cmocka_unit_test(test_dates),    cmocka_unit_test(test_wrap_line),
	};
	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
