/* Card text: parse/format round trips (fixed and random), parse errors, validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "board.h"
#include "card.h"
#include "cardlist.h"

static const char board_text[] = "title: T\n"
				 "column: todo | To do | 0\n"
				 "column: done | Done | 0\n"
				 "agency: MOE | Education\n"
				 "agency: MOH | Health\n";

static const char full_card[] = "title: Form the register\n"
				"column: todo\n"
				"rank: V\n"
				"lead: MOH\n"
				"co: MOE\n"
				"due: 2026-01-30\n"
				"labels: safety, register\n"
				"archived: no\n"
				"\n"
				"First line.\n"
				"\\--- note looks like a marker\n"
				"\n"
				"Last line.\n"
				"\n"
				"--- note 2026-01-20T10:00:00Z alice\n"
				"Confirmed.\n"
				"\n"
				"--- note 2026-01-21T09:00:00Z bob\n"
				"Two\n"
				"\n"
				"paragraphs.\n";

static void assert_round_trip(const char *text)
{
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct card card;

	assert_int_equal(card_parse(&card, text, strlen(text), &err), 0);
	card_format(&card, &out);
	assert_string_equal(sb_str(&out), text);
	sb_free(&out);
	card_free(&card);
}

static void test_round_trip_full(void **state)
{
	(void)state;
	assert_round_trip(full_card);
	assert_round_trip("title: T\ncolumn: todo\nrank: V\nlead: MOE\nco:\ndue:\nlabels:\narchived: yes\n");
	assert_round_trip("title: Қазақстан балалары\ncolumn: todo\nrank: V\nlead: MOE\nco:\ndue:\n"
			  "labels:\narchived: no\n\n--- note 2026-01-20T10:00:00Z алия\nЖазба\n");
}

static void test_parse_fields(void **state)
{
	struct cb_error err = {0};
	struct card card;

	(void)state;
	assert_int_equal(card_parse(&card, full_card, strlen(full_card), &err), 0);
	assert_string_equal(card.title, "Form the register");
	assert_string_equal(card.lead, "MOH");
	assert_int_equal(card.co.n, 1);
	assert_int_equal(card.labels.n, 2);
	assert_string_equal(card.labels.v[1], "register");
	assert_string_equal(card.description,
			    "First line.\n--- note looks like a marker\n\nLast line.");
	assert_int_equal(card.nnotes, 2);
	assert_string_equal(card.notes[1].author, "bob");
	assert_string_equal(card.notes[1].text, "Two\n\nparagraphs.");
	card_free(&card);
}

static void expect_parse_error(const char *text, const char *message)
{
	struct cb_error err = {0};
	struct card card;

	assert_int_equal(card_parse(&card, text, strlen(text), &err), -1);
	assert_non_null(strstr(err.msg, message));
	card_free(&card);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_parse_error("title: T\ncolour: red\n", "line 2: unknown field 'colour'");
	expect_parse_error("title: T\ntitle: U\n", "line 2: field 'title' given twice");
	expect_parse_error("title: T\njust words\n", "line 2: expected 'field: value'");
	expect_parse_error("title: T\ncolumn: todo\nlead: MOE\narchived: maybe\n",
			   "line 4: archived must be yes or no");
	expect_parse_error("title: T\ncolumn: todo\n", "missing field 'lead'");
	expect_parse_error("title: T\ncolumn: todo\nlead: MOE\n\n--- note 2026\n",
			   "line 5: a note marker needs a time and an author");
	{
		/* Found by the fuzzer: a NUL cut the description short and broke the round trip. */
		static const char nul[] = "title: T\ncolumn: todo\nlead: MOE\n\nabc\n\0\0";
		struct cb_error err = {0};
		struct card card;
		assert_int_equal(card_parse(&card, nul, sizeof(nul) - 1, &err), -1);
		assert_non_null(strstr(err.msg, "line 6: contains a NUL byte"));
		card_free(&card);
	}
}

/* Random cards built from awkward pieces: format, parse, format again gives the same text
 * and the same fields. */
static const char *const pieces[] = {
	"a", "Б", "ә", " ", "--- note ", "\\", "x:y", "\n", "  ", "—", "儿", "#", "|", ",", "z",
};

static char *random_text(unsigned *seed, bool multiline)
{
	struct strbuf sb = {0};
	int n = 1 + rand_r(seed) % 12;

	for (int i = 0; i < n; i++) {
		const char *p = pieces[rand_r(seed) % (sizeof(pieces) / sizeof(*pieces))];
		if (!multiline && strchr(p, '\n'))
			continue;
		sb_puts(&sb, p);
	}
	char *norm = text_normalize(sb_str(&sb));
	sb_free(&sb);
	/* Single-line values are stored trimmed. */
	if (!multiline) {
		char *start = norm;
		while (*start == ' ')
			start++;
		char *copy = xstrdup(*start ? start : "t");
		size_t len = strlen(copy);
		while (len && copy[len - 1] == ' ')
			copy[--len] = '\0';
		free(norm);
		return copy;
	}
	return norm;
}

static void test_round_trip_random(void **state)
{
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		struct card card, parsed;
		struct strbuf first = {0}, second = {0};
		struct cb_error err = {0};
		char *title = random_text(&seed, false);

		card_init(&card);
		/* Commas split lists; keep the title free of them only where it matters. */
		str_set(&card.title, title);
		str_set(&card.column, "todo");
		str_set(&card.rank, "V");
		str_set(&card.lead, "MOE");
		if (rand_r(&seed) % 2)
			sv_push(&card.co, "MOH");
		char *desc = random_text(&seed, true);
		str_set(&card.description, rand_r(&seed) % 3 ? desc : "");
		free(desc);
		int nnotes = rand_r(&seed) % 3;
		for (int i = 0; i < nnotes; i++) {
			char *text = random_text(&seed, true);
			card.notes = xrealloc(card.notes, (card.nnotes + 1) * sizeof(*card.notes));
			card.notes[card.nnotes].time = xstrdup("2026-01-20T10:00:00Z");
			card.notes[card.nnotes].author = xstrdup("alice");
			card.notes[card.nnotes].text = text;
			card.nnotes++;
		}
		card_format(&card, &first);
		assert_int_equal(card_parse(&parsed, first.buf, first.len, &err), 0);
		card_format(&parsed, &second);
		assert_string_equal(sb_str(&first), sb_str(&second));
		assert_string_equal(parsed.title, card.title);
		assert_string_equal(parsed.description, card.description);
		assert_int_equal(parsed.nnotes, card.nnotes);
		for (size_t i = 0; i < card.nnotes; i++)
			assert_string_equal(parsed.notes[i].text, card.notes[i].text);
		free(title);
		sb_free(&first);
		sb_free(&second);
		card_free(&card);
		card_free(&parsed);
	}
}

/* Any bytes at all: parsing never crashes, and what parses formats to a fixed point. */
static void test_parse_random_bytes(void **state)
{
	unsigned seed = 777;
	static const char alphabet[] = "title: column:lead:\n\n--- note x y\\\x1b\xff,";

	(void)state;
	for (int round = 0; round < 5000; round++) {
		char buf[200];
		size_t len = (size_t)(rand_r(&seed) % sizeof(buf));
		struct cb_error err = {0};
		struct card a, b;
		struct strbuf fa = {0}, fb = {0};

		for (size_t i = 0; i < len; i++)
			buf[i] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
		if (card_parse(&a, buf, len, &err) == 0) {
			card_format(&a, &fa);
			cb_error_clear(&err);
			assert_int_equal(card_parse(&b, fa.buf, fa.len, &err), 0);
			card_format(&b, &fb);
			assert_string_equal(sb_str(&fa), sb_str(&fb));
			card_free(&b);
		}
		card_free(&a);
		sb_free(&fa);
		sb_free(&fb);
	}
}

static void expect_invalid(struct card *card, const struct board *board, const char *message)
{
	struct cb_error err = {0};

	assert_int_equal(card_validate(card, board, &err), -1);
	if (!strstr(err.msg, message))
		fail_msg("expected '%s' in '%s'", message, err.msg);
}

static void test_validate(void **state)
{
	struct cb_error err = {0};
	struct board board;
	struct card card;
	char long_title[202];

	(void)state;
	assert_int_equal(board_parse(&board, board_text, strlen(board_text), &err), 0);
	assert_int_equal(card_parse(&card, full_card, strlen(full_card), &err), 0);
	assert_int_equal(card_validate(&card, &board, &err), 0);

	str_set(&card.due, "2026-02-30");
	expect_invalid(&card, &board, "'2026-02-30' is not a real date");
	str_set(&card.due, "2028-02-29");
	assert_int_equal(card_validate(&card, &board, &err), 0);
	str_set(&card.column, "later");
	expect_invalid(&card, &board, "unknown column 'later'; the columns are: todo, done");
	str_set(&card.column, "todo");
	str_set(&card.lead, "XYZ");
	expect_invalid(&card, &board, "unknown agency 'XYZ' for the lead; the agencies are: MOE, MOH");
	str_set(&card.lead, "MOE");
	expect_invalid(&card, &board, "MOE is the lead and cannot also be a co-executor");
	str_set(&card.lead, "MOH");
	str_set(&card.title, "");
	expect_invalid(&card, &board, "the title is empty");
	memset(long_title, 'x', 201);
	long_title[201] = '\0';
	str_set(&card.title, long_title);
	expect_invalid(&card, &board, "too long (201 characters; at most 200)");
	/* 200 Cyrillic letters are 400 bytes and still fit: the limit counts characters. */
	struct strbuf cyr = {0};
	for (int i = 0; i < 200; i++)
		sb_puts(&cyr, "Ж");
	str_set(&card.title, sb_str(&cyr));
	assert_int_equal(card_validate(&card, &board, &err), 0);
	sb_free(&cyr);
	card_free(&card);
	board_free(&board);
}

static void test_text_validate(void **state)
{
	struct cb_error err = {0};

	(void)state;
	assert_int_equal(text_validate("the title", "Қазақстан", false, &err), 0);
	assert_int_equal(text_validate("the title", "a\x1b[2J", false, &err), -1);
	assert_non_null(strstr(err.msg, "U+001B"));
	cb_error_clear(&err);
	assert_int_equal(text_validate("the note", "two\nlines", true, &err), 0);
	assert_int_equal(text_validate("the title", "two\nlines", false, &err), -1);
	cb_error_clear(&err);
	assert_int_equal(text_validate("x", "\xc2\x85", false, &err), -1); /* C1 NEL */
	cb_error_clear(&err);
	assert_int_equal(text_validate("x", "\xe2\x81\xa6", false, &err), -1); /* U+2066 */
	cb_error_clear(&err);
	assert_int_equal(text_validate("x", "\xc0\xaf", false, &err), -1); /* overlong */
	assert_non_null(strstr(err.msg, "not valid UTF-8"));
}

static void test_normalize(void **state)
{
	char *s;

	(void)state;
	s = text_normalize("\n\n  \r\nfirst  \r\nsecond\t\n\n\n");
	assert_string_equal(s, "first\nsecond");
	free(s);
}

static void test_card_paths(void **state)
{
	char path[32];

	(void)state;
	assert_int_equal(card_id_from_path("cards/12.card"), 12);
	assert_int_equal(card_id_from_path("cards/012.card"), 0);
	assert_int_equal(card_id_from_path("cards/12.card.bak"), 0);
	assert_int_equal(card_id_from_path("board.conf"), 0);
	/* In folders: the id's hundreds and thousands name the folder. */
	assert_int_equal(card_id_from_path("cards/12/1234.card"), 1234);
	assert_int_equal(card_id_from_path("cards/00/7.card"), 7);
	assert_int_equal(card_id_from_path("cards/23/12345.card"), 12345);
	assert_int_equal(card_id_from_path("cards/13/1234.card"), 0);
	assert_int_equal(card_id_from_path("cards/0/7.card"), 0);
	assert_int_equal(card_id_from_path("cards/00/00/7.card"), 0);
	assert_true(card_path_is_flat("cards/12.card"));
	assert_false(card_path_is_flat("cards/00/12.card"));
	card_path(7, path);
	assert_string_equal(path, "cards/00/7.card");
	card_path(1234, path);
	assert_string_equal(path, "cards/12/1234.card");
	card_path(999999, path);
	assert_string_equal(path, "cards/99/999999.card");
}

/* Rows of a list keep their strings in the list's blocks: they read as the card they are,
 * a copy of one is the list's no more, and filtering and freeing the list free each string
 * once (AddressSanitizer checks the last two). */
static void test_rows_borrowed(void **state)
{
	struct card_list list = {0};
	struct card_filter doing = {.column = "doing"};
	struct board board = {0};
	char title[200];
	struct card copy;

	(void)state;
	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	for (int i = 1; i <= 3000; i++) /* past several blocks */
		card_list_add_row(&list, &(struct card_row){.id = i,
							    .title = title,
							    .column = i % 3 ? "todo" : "doing",
							    .rank = "V",
							    .lead = "MOE",
							    .co = " MIA , MOH,,",
							    .due = "2026-04-01",
							    .labels = "safety",
							    .archived = i == 7});
	assert_int_equal(list.n, 3000);
	const struct card *c = &list.v[2999];
	assert_true(c->borrowed);
	assert_int_equal(c->id, 3000);
	assert_string_equal(c->title, title);
	assert_string_equal(c->column, "doing");
	assert_int_equal(c->co.n, 2);
	assert_string_equal(c->co.v[0], "MIA");
	assert_string_equal(c->co.v[1], "MOH");
	assert_int_equal(c->labels.n, 1);
	assert_string_equal(c->description, "");
	assert_true(list.v[6].archived);
	card_copy(&copy, c);
	assert_false(copy.borrowed);
	str_set(&copy.title, "edited");
	sv_push(&copy.co, "AKM");
	assert_string_equal(c->title, title);
	assert_int_equal(c->co.n, 2);
	card_free(&copy);
	card_list_filter(&list, &doing, &board);
	assert_int_equal(list.n, 1000);
	assert_string_equal(list.v[0].column, "doing");
	card_list_free(&list);
	assert_null(list.texts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_full),   cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_parse_errors),      cmocka_unit_test(test_round_trip_random),
		cmocka_unit_test(test_parse_random_bytes), cmocka_unit_test(test_validate),
		cmocka_unit_test(test_text_validate),     cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_card_paths),        cmocka_unit_test(test_rows_borrowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
