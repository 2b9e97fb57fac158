/* board.conf: parse, format, validation, roles and access rules. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "board.h"
#include "card.h"

static const char conf[] =
	"# coboard board definition: see README.md, \"board.conf\".\n"
	"title: Children of Kazakhstan\n"
	"default-role: viewer\n"
	"\n"
	"column: todo | To do | 0\n"
	"column: in-progress | In progress | 5\n"
	"column: done | Done | 0\n"
	"\n"
	"agency: MOE | Ministry of Education\n"
	"agency: MOH | Ministry of Healthcare\n"
	"\n"
	"member: alice | Әлия Сейіт | alice@example.kz | secretary | MOE\n"
	"member: marat | Marat | marat@example.kz | member | MOE | ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTests0123456789 marat@laptop\n"
	"member: root | Admin | root@example.kz | admin |\n";

static void test_round_trip(void **state)
{
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct board board;

	(void)state;
	assert_int_equal(board_parse(&board, conf, strlen(conf), &err), 0);
	assert_string_equal(board.title, "Children of Kazakhstan");
	assert_int_equal(board.ncolumns, 3);
	assert_int_equal(board.columns[1].limit, 5);
	assert_string_equal(board.columns[1].name, "In progress");
	assert_int_equal(board.nagencies, 2);
	assert_int_equal(board.nmembers, 3);
	assert_string_equal(board.members[0].name, "Әлия Сейіт");
	assert_string_equal(board.members[1].key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTests0123456789 marat@laptop");
	assert_string_equal(board_column_keys(&board), "todo, in-progress, done");
	assert_string_equal(board_agency_codes(&board), "MOE, MOH");
	board_format(&board, &out);
	assert_string_equal(sb_str(&out), conf);
	sb_free(&out);
	board_free(&board);
}

/* Names in other languages: kept through a round trip, shown to their readers only, found
 * by what a reader types, and allowed before the line of what they name. */
static void test_local_names(void **state)
{
	static const char named[] =
		"column-kk: todo | Орындауға\n"
		"column: todo | To do | 0\n"
		"column: done | Done | 0 | done\n"
		"agency: MOE | Ministry of Education\n"
		"column-ru: todo | К исполнению\n"
		"agency-ru: MOE | Министерство просвещения\n"
		"title-kk: Қазақстан балалары\n"
		"title: Children of Kazakhstan\n";
	struct cb_error err = {0};
	struct strbuf out = {0};
	struct board board, again;

	(void)state;
	assert_int_equal(board_parse(&board, named, strlen(named), &err), 0);
	assert_string_equal(board.columns[0].local.ru, "К исполнению");
	assert_string_equal(board.columns[0].local.kk, "Орындауға");
	assert_null(board.columns[1].local.ru);
	assert_string_equal(board.agencies[0].local.ru, "Министерство просвещения");
	assert_null(board.agencies[0].local.kk);
	assert_string_equal(board.title_local.kk, "Қазақстан балалары");
	assert_null(board.title_local.ru);
	/* Without a catalogue (the test's locale) the reader gets the English name. */
	assert_string_equal(board_column_name(&board.columns[0]), "To do");
	assert_string_equal(board_agency_name(&board.agencies[0]), "Ministry of Education");
	assert_string_equal(board_title(&board), "Children of Kazakhstan");
	assert_string_equal(board_column_find(&board, "к исполнению")->key, "todo");
	assert_string_equal(board_column_find(&board, "Орындауға")->key, "todo");
	board_format(&board, &out);
	assert_non_null(strstr(sb_str(&out), "column: done | Done | 0 | done\n"
					     "column-ru: todo | К исполнению\n"
					     "column-kk: todo | Орындауға\n"));
	assert_non_null(strstr(sb_str(&out), "agency-ru: MOE | Министерство просвещения\n"));
	assert_non_null(strstr(sb_str(&out), "title: Children of Kazakhstan\n"
					     "title-kk: Қазақстан балалары\n"));
	assert_int_equal(board_parse(&again, sb_str(&out), out.len, &err), 0);
	assert_string_equal(again.columns[0].local.kk, "Орындауға");
	assert_string_equal(again.title_local.kk, "Қазақстан балалары");
	board_free(&again);
	sb_free(&out);
	board_free(&board);
}

static void expect_error(const char *text, const char *message)
{
	struct cb_error err = {0};
	struct board board;

	assert_int_equal(board_parse(&board, text, strlen(text), &err), -1);
	if (!strstr(err.msg, message))
		fail_msg("expected '%s' in '%s'", message, err.msg);
	board_free(&board);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("title: T\n", "defines no columns");
	expect_error("column: todo | To do\ncolour: red\n", "line 2: unknown entry 'colour'");
	expect_error("column: todo\n", "line 1: expected 'column: key | name | limit'");
	expect_error("column: todo | To do | many\n", "line 1: the WIP limit must be a number");
	expect_error("column: To Do | x\n", "column key 'To Do' must be");
	expect_error("column: a | A\ncolumn: a | B\n", "column 'a' is defined twice");
	expect_error("column: a | A\nagency: moe | x\n", "agency code 'moe' must be");
	expect_error("column: a | A\nagency: MOE | x\nagency: MOE | y\n", "agency 'MOE' is defined twice");
	expect_error("column: a | A\nmember: bob | B | b@x | boss |\n", "line 2: unknown role");
	expect_error("column: a | A\nmember: bob | B | b@x | viewer | XYZ\n",
		     "member 'bob' names unknown agency 'XYZ'");
	expect_error("column: a | A\nmember: b b | B | b@x | viewer |\n", "member login 'b b'");
	expect_error("column: a | A\ndefault-role: god\n", "line 2: unknown role 'god'");
	expect_error("column: a | A\nno colon here\n", "line 2: expected 'entry: value'");
	expect_error("column: a | A\ncolumn-ru: b | Б\n",
		     "line 2: expected 'column-ru: KEY | name' for a column KEY defined");
	expect_error("column: a | A\nagency-kk: MOE | Оқу\n",
		     "line 2: expected 'agency-kk: CODE | name' for an agency CODE defined");
	expect_error("column: a | A\ncolumn-fr: a | Á\n", "line 2: unknown entry 'column-fr'");
	/* Keys land in authorized_keys after coboard's own options: nothing may add options. */
	expect_error("column: a | A\nmember: bob | B | b@x | viewer | | command=\"sh\" ssh-ed25519 "
		     "AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey\n",
		     "the key of 'bob' is not an OpenSSH public key");
	expect_error("column: a | A\nmember: bob | B | b@x | viewer | | ssh-ed25519 "
		     "AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey x\" y\n",
		     "the key of 'bob' is not an OpenSSH public key");
	expect_error("column: a | A\nmember: bob | B | b@x | viewer | | ssh-ed25519 short\n",
		     "not an OpenSSH public key");
}

static void test_roles(void **state)
{
	struct cb_error err = {0};
	struct board board;
	struct card moe_card, moh_card, shared;

	(void)state;
	assert_int_equal(board_parse(&board, conf, strlen(conf), &err), 0);
	card_init(&moe_card);
	str_set(&moe_card.lead, "MOE");
	card_init(&moh_card);
	str_set(&moh_card.lead, "MOH");
	card_init(&shared);
	str_set(&shared.lead, "MOH");
	sv_push(&shared.co, "MOE");

	assert_int_equal(board_role(&board, "alice"), ROLE_SECRETARY);
	assert_int_equal(board_role(&board, "stranger"), ROLE_VIEWER);
	assert_null(board_may_edit_card(&board, "alice", &moh_card));
	assert_null(board_may_edit_card(&board, "marat", &moe_card));
	assert_null(board_may_edit_card(&board, "marat", &shared));
	assert_non_null(board_may_edit_card(&board, "marat", &moh_card));
	assert_non_null(board_may_edit_card(&board, "stranger", &moe_card));
	assert_null(board_may_add_card(&board, "marat", "MOE"));
	assert_non_null(board_may_add_card(&board, "marat", "MOH"));
	assert_null(board_may_admin(&board, "root"));
	assert_non_null(board_may_admin(&board, "alice"));
	assert_null(board_may_run_meeting(&board, "alice"));
	assert_non_null(board_may_run_meeting(&board, "marat"));

	struct member m = {.login = "stranger", .name = "S", .email = "", .agency = "", .key = "",
			   .role = ROLE_MEMBER};
	board_set_member(&board, &m);
	assert_int_equal(board_role(&board, "stranger"), ROLE_MEMBER);
	assert_true(board_remove_member(&board, "stranger"));
	assert_false(board_remove_member(&board, "stranger"));
	assert_int_equal(board_role(&board, "stranger"), ROLE_VIEWER);

	card_free(&moe_card);
	card_free(&moh_card);
	card_free(&shared);
	board_free(&board);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_local_names),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_roles),
	};
	setlocale(LC_CTYPE, "C.UTF-8"); /* the case of Cyrillic letters */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
