/* The index's queries: filters, search, the change log's filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date.h"
#include "fixture.h"

static size_t count_cards(struct session *s, const struct board *board,
			  const struct card_filter *filter, int *first_id)
{
	struct card_list cards = {0};
	struct cb_error err = {0};
	size_t n;

	assert_int_equal(index_cards(s->index, board, filter, &cards, &err), 0);
	n = cards.n;
	*first_id = n ? cards.v[0].id : 0;
	card_list_free(&cards);
	return n;
}

static void test_card_filters(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct cb_error err = {0};
	struct board board;
	struct op_result res;
	int first;

	(void)state;
	assert_int_equal(index_board(s->index, &board, &err), 0);
	/* An agency matches as lead and as co-executor. */
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.agency = "MOE"}, &first), 2);
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.agency = "MOH"}, &first), 1);
	assert_int_equal(first, 1);
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.column = "doing"}, &first), 1);
	assert_int_equal(first, 2);
	/* Label patterns are text: '%' and '_' match only themselves. */
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.label = "100%_sure"}, &first), 1);
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.label = "100%"}, &first), 0);
	/* Overdue as of a given day; nothing in the done column is overdue. */
	assert_int_equal(count_cards(s, &board,
				     &(struct card_filter){.overdue = true, .today = "2026-03-01"}, &first),
			 1);
	assert_int_equal(first, 2);
	assert_int_equal(ops_move(s, 2, "done", 0, 0, "work done", &res, &err), 0);
	assert_int_equal(count_cards(s, &board,
				     &(struct card_filter){.overdue = true, .today = "2026-03-01"}, &first),
			 0);
	/* Archived cards are left out unless asked for. */
	assert_int_equal(ops_archive(s, 1, NULL, &res, &err), 0);
	assert_int_equal(count_cards(s, &board, &(struct card_filter){0}, &first), 1);
	assert_int_equal(count_cards(s, &board, &(struct card_filter){.archived = true}, &first), 2);
	board_free(&board);
	fixture_close(&f, s);
}

static void test_search(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct card_list hits = {0};
	struct cb_error err = {0};
	struct op_result res;

	(void)state;
	assert_int_equal(ops_note(s, 1, "Summer camps in Almaty confirmed", &res, &err), 0);
	assert_int_equal(index_search(s->index, "almat", &hits, &err), 0);
	assert_int_equal(hits.n, 1);
	assert_int_equal(hits.v[0].id, 1);
	card_list_free(&hits);
	assert_int_equal(index_search(s->index, "inspect unannounced", &hits, &err), 0);
	assert_int_equal(hits.n, 1);
	assert_int_equal(hits.v[0].id, 2);
	card_list_free(&hits);
	assert_int_equal(index_search(s->index, "nothing-like-this", &hits, &err), 0);
	assert_int_equal(hits.n, 0);
	card_list_free(&hits);
	fixture_close(&f, s);
}

static void test_log_filters(void **state)
{
	struct fixture f;
	struct session *s = fixture_open(&f, "alice");
	struct log_filter responsibility = {.responsibility_only = true, .card = 1};
	struct log_filter by_agency = {.agency = "AKM"};
	struct log_list log = {0};
	struct cb_error err = {0};
	struct op_result res;

	(void)state;
	assert_int_equal(ops_move(s, 1, "doing", 0, 0, NULL, &res, &err), 0);
	assert_int_equal(ops_assign(s, 1, "AKM", NULL, "moved to the region", &res, &err), 0);
	assert_int_equal(index_log(s->index, &responsibility, &log, &err), 0);
	/* Newest first: the reassignment, then the lead and co-executors set at creation. */
	assert_true(log.n >= 1);
	assert_string_equal(log.v[0].field, "lead");
	assert_string_equal(log.v[0].old_value, "MOH");
	assert_string_equal(log.v[0].new_value, "AKM");
	assert_string_equal(log.v[0].reason, "moved to the region");
	for (size_t i = 0; i < log.n; i++)
		assert_true(strcmp(log.v[i].field, "lead") == 0 || strcmp(log.v[i].field, "co") == 0);
	log_list_free(&log);
	/* An agency's log is the history of the cards it now leads or co-executes. */
	assert_int_equal(index_log(s->index, &by_agency, &log, &err), 0);
	assert_true(log.n > 1);
	for (size_t i = 0; i < log.n; i++)
		assert_int_equal(log.v[i].card, 1);
	log_list_free(&log);
	fixture_close(&f, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_card_filters),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_log_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
