#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#include "i18n.h"

#define CTRL(c) ((c) & 0x1f)
#define K(k) KEY_CODE(k)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define MOVING N_("Moving around")
#define CHANGING N_("Changing the board")
#define VIEWING N_("Viewing")
#define HISTORY N_("History")
#define CONTROL N_("Execution control")

static const struct key_binding board_keys[] = {
	{ACT_LEFT, {K(KEY_LEFT), 'h'}, N_("select the column to the left"), NULL, 0, MOVING},
	{ACT_RIGHT, {K(KEY_RIGHT), 'l'}, N_("select the column to the right"), NULL, 0, MOVING},
	{ACT_OPEN, {'\n', K(KEY_ENTER), '\r'}, N_("open the card (or double-click it)"), N_("Enter:open"), 2, MOVING},
	{ACT_MOVE_LEFT, {K(KEY_SLEFT), 'H'}, N_("move the card to the previous column"), N_("H/L:move"), 3, CHANGING},
	{ACT_MOVE_RIGHT, {K(KEY_SRIGHT), 'L'}, N_("move the card to the next column"), NULL, 0, CHANGING},
	{ACT_MOVE_TO, {'C'}, N_("move the card to any column, picked from a list"), N_("C:column"), 21, CHANGING},
	{ACT_MOVE_UP, {K(KEY_SR), 'K'}, N_("move the card up in its column"), NULL, 0, CHANGING},
	{ACT_MOVE_DOWN, {K(KEY_SF), 'J'}, N_("move the card down in its column"), NULL, 0, CHANGING},
	{ACT_ADD, {'a'}, N_("add a card to the selected column"), N_("a:add"), 4, CHANGING},
	{ACT_EDIT, {'e'}, N_("edit title, lead, co-executors, due date, labels, description"), N_("e:edit"), 5, CHANGING},
	{ACT_REASSIGN, {'r'}, N_("reassign: pick the lead, then the co-executors"), N_("r:reassign"), 6, CHANGING},
	{ACT_NOTE, {'n'}, N_("add a note to the card"), N_("n:note"), 7, CHANGING},
	{ACT_DUE, {'d'}, N_("set or clear the due date"), N_("d:due"), 8, CHANGING},
	{ACT_ARCHIVE, {'x'}, N_("archive the card (asks first)"), N_("x:archive"), 12, CHANGING},
	{ACT_DECIDE, {'!'}, N_("decide a value a sync set aside (two offices changed one field)"), NULL, 0, CHANGING},
	{ACT_SUBMIT, {'S'}, N_("report on the card: the lead's report of execution, or a co-executor's part"), NULL, 0, CONTROL},
	{ACT_EXTEND, {'E'}, N_("ask for a new deadline, with reasons (the lead agency)"), NULL, 0, CONTROL},
	{ACT_DISPUTE, {'P'}, N_("propose another lead, with reasons (soon after the assignment)"), NULL, 0, CONTROL},
	{ACT_REQUESTS, {'Q'}, N_("the coordinator's queue: reports and requests waiting for a decision"), N_("Q:requests"), 25, CONTROL},
	{ACT_UNDO, {'u'}, N_("undo your own last change (asks first)"), N_("u:undo"), 13, CHANGING},
	{ACT_MEETING, {'M'}, N_("start a meeting, or end it and commit its minutes"), N_("M:meeting"), 16, CHANGING},
	{ACT_SEARCH, {'/'}, N_("search titles, descriptions and notes as you type"), N_("/:search"), 9, VIEWING},
	{ACT_LANES, {'s'}, N_("swimlanes by lead agency, on or off"), N_("s:lanes"), 14, VIEWING},
	{ACT_COMPACT, {'z'}, N_("compact: one line per card, or full cards again"), N_("z:compact"), 22, VIEWING},
	{ACT_DASHBOARD, {'D'}, N_("the dashboard: every agency's cards by column and overdue"), N_("D:dashboard"), 23, VIEWING},
	{ACT_FILTER_AGENCY, {'f'}, N_("show one agency's cards (lead or co-executor)"), N_("f:agency"), 10, VIEWING},
	{ACT_FILTER_LABEL, {'t'}, N_("show the cards with a label"), N_("t:label"), 17, VIEWING},
	{ACT_FILTER_OVERDUE, {'o'}, N_("show only overdue cards, or all again"), N_("o:overdue"), 11, VIEWING},
	{ACT_FILTER_MINE, {'m'}, N_("show my agency's cards"), N_("m:mine"), 15, VIEWING},
	{ACT_FILTER_CLEAR, {'c'}, N_("clear the filters and the search"), N_("c:clear"), 18, VIEWING},
	{ACT_LOG, {'A'}, N_("the board's activity log; Enter shows a change as a diff"), N_("A:log"), 19, HISTORY},
	{ACT_TIME_BACK, {'['}, N_("the board as it stood one change earlier (read-only)"), N_("[:earlier"), 20, HISTORY},
	{ACT_TIME_FORWARD, {']'}, N_("one change later; back at the present it is live again"), NULL, 0, HISTORY},
	{ACT_TIME_GOTO, {'T'}, N_("the board as it stood on a date, at a commit, or before the last meeting"), N_("T:time"), 24, HISTORY},
};

static const struct key_binding card_keys[] = {
	{ACT_MOVE_LEFT, {K(KEY_SLEFT), 'H'}, N_("move the card to the previous column"), N_("H/L:move"), 3},
	{ACT_MOVE_RIGHT, {K(KEY_SRIGHT), 'L'}, N_("move the card to the next column"), NULL, 0},
	{ACT_MOVE_TO, {'C'}, N_("move the card to any column, picked from a list"), N_("C:column"), 8},
	{ACT_EDIT, {'e'}, N_("edit title, lead, co-executors, due date, labels, description"), N_("e:edit"), 4},
	{ACT_REASSIGN, {'r'}, N_("reassign: pick the lead, then the co-executors"), N_("r:reassign"), 5},
	{ACT_NOTE, {'n'}, N_("add a note to the card"), N_("n:note"), 6},
	{ACT_DUE, {'d'}, N_("set or clear the due date"), N_("d:due"), 7},
	{ACT_ARCHIVE, {'x'}, N_("archive the card (asks first)"), N_("x:archive"), 9},
	{ACT_DECIDE, {'!'}, N_("decide a value a sync set aside (two offices changed one field)"), N_("!:decide"), 11},
	{ACT_SUBMIT, {'S'}, N_("report on the card: the lead's report of execution, or a co-executor's part"), N_("S:report"), 12},
	{ACT_EXTEND, {'E'}, N_("ask for a new deadline, with reasons (the lead agency)"), N_("E:more time"), 13},
	{ACT_DISPUTE, {'P'}, N_("propose another lead, with reasons (soon after the assignment)"), NULL, 0},
	{ACT_UNDO, {'u'}, N_("undo your own last change (asks first)"), N_("u:undo"), 10},
	{ACT_HISTORY, {'h'}, N_("the card's whole history, field by field"), N_("h:history"), 2},
};

static const struct key_binding log_keys[] = {
	{ACT_OPEN, {'\n', K(KEY_ENTER), '\r'}, N_("show the selected change as a diff"), N_("Enter:diff"), 2},
	{ACT_FILTER_AGENCY, {'f'}, N_("only changes concerning one agency"), N_("f:agency"), 3},
	{ACT_FILTER_PERSON, {'w'}, N_("only one person's changes"), N_("w:who"), 4},
	{ACT_FILTER_RESPONSIBILITY, {'R'}, N_("only changes of lead and co-executors"), N_("R:responsibility"), 5},
	{ACT_FILTER_SINCE, {'S'}, N_("only changes since a date"), N_("S:since"), 6},
	{ACT_FILTER_CLEAR, {'c'}, N_("clear the filters"), N_("c:clear"), 7},
};

static const struct key_binding generic_keys[] = {
	{ACT_UP, {K(KEY_UP), 'k'}, N_("the row above; scroll up"), NULL, 0},
	{ACT_DOWN, {K(KEY_DOWN), 'j'}, N_("the row below; scroll down"), NULL, 0},
	{ACT_PAGE_UP, {K(KEY_PPAGE)}, N_("a page up"), NULL, 0},
	{ACT_PAGE_DOWN, {K(KEY_NPAGE), ' '}, N_("a page down"), NULL, 0},
	{ACT_TOP, {K(KEY_HOME), 'g'}, N_("the first row"), NULL, 0},
	{ACT_BOTTOM, {K(KEY_END), 'G'}, N_("the last row"), NULL, 0},
	{ACT_HELP, {'?'}, N_("this help"), N_("?:help"), 1},
	{ACT_REDRAW, {CTRL('l')}, N_("repaint the whole screen"), NULL, 0},
	{ACT_BACK, {27}, N_("close the view (the card, the log, the help); cancel a form"), NULL, 0},
	{ACT_QUIT, {'q', CTRL('c')}, N_("close the view; on the board, quit"), N_("q:quit"), 31},
};

const struct keymap keymap_board = {N_("On the board"), board_keys, COUNT(board_keys)};
const struct keymap keymap_card = {N_("In a card"), card_keys, COUNT(card_keys)};
const struct keymap keymap_log = {N_("In the activity log and a card's history"), log_keys,
				  COUNT(log_keys)};
static const struct key_binding dashboard_keys[] = {
	{ACT_OPEN, {'\n', K(KEY_ENTER), '\r'}, N_("show the board of the selected agency"), N_("Enter:board"), 2, NULL},
	{ACT_DISCIPLINE, {'d'}, N_("executive discipline per agency, or cards by column again"), N_("d:discipline"), 3, NULL},
};

const struct keymap keymap_dashboard = {N_("In the dashboard"), dashboard_keys, COUNT(dashboard_keys)};
static const struct key_binding requests_keys[] = {
	{ACT_OPEN, {'\n', K(KEY_ENTER), '\r'}, N_("open the card of the selected request"), N_("Enter:card"), 2, NULL},
	{ACT_GRANT, {'y'}, N_("grant the request: accept a report, move the deadline, change the lead"), N_("y:grant"), 3, NULL},
	{ACT_REFUSE, {'N'}, N_("refuse the request, or return a report, saying why"), N_("N:refuse"), 4, NULL},
};
const struct keymap keymap_requests = {N_("In the requests"), requests_keys, COUNT(requests_keys)};
const struct keymap keymap_diff = {N_("In a diff"), NULL, 0};
const struct keymap keymap_help = {N_("In the help"), NULL, 0};
const struct keymap keymap_generic = {N_("Everywhere"), generic_keys, COUNT(generic_keys)};

const struct keymap *const keymaps[] = {&keymap_board, &keymap_card,	  &keymap_log,
					&keymap_dashboard, &keymap_requests, &keymap_generic};
const unsigned keymap_count = COUNT(keymaps);

bool action_writes(enum action a)
{
	return (a >= ACT_MOVE_LEFT && a <= ACT_MOVE_DOWN) || (a >= ACT_ADD && a <= ACT_REFUSE) ||
	       a == ACT_UNDO || a == ACT_MEETING;
}

static enum action lookup(const struct keymap *map, int code)
{
	for (unsigned i = 0; map && i < map->n; i++)
		for (int k = 0; k < KEYS_PER_ACTION; k++)
			if (map->v[i].keys[k] && map->v[i].keys[k] == code)
				return map->v[i].action;
	return ACT_NONE;
}

enum action keymap_action(const struct keymap *map, wint_t key, bool is_key)
{
	int code = is_key ? KEY_CODE((int)key) : (int)key;
	enum action own = lookup(map, code);

	return own != ACT_NONE ? own : lookup(&keymap_generic, code);
}

static const char *binding_key_name(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{K(KEY_LEFT), "Left"},      {K(KEY_RIGHT), "Right"},        {K(KEY_UP), "Up"},
		{K(KEY_DOWN), "Down"},      {K(KEY_PPAGE), "PgUp"},         {K(KEY_NPAGE), "PgDn"},
		{K(KEY_HOME), "Home"},      {K(KEY_END), "End"},            {K(KEY_SLEFT), "Shift-Left"},
		{K(KEY_SRIGHT), "Shift-Right"}, {K(KEY_SR), "Shift-Up"},    {K(KEY_SF), "Shift-Down"},
		{K(KEY_ENTER), NULL},       {'\r', NULL},                   {'\n', "Enter"},
		{27, "Esc"},                {' ', "Space"},
	};

	for (size_t i = 0; i < COUNT(names); i++)
		if (names[i].key == key)
			return names[i].name;
	if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else
		snprintf(buf, size, "%c", key);
	return buf;
}

void keymap_describe(const struct key_binding *b, char *out, unsigned size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int k = 0; k < KEYS_PER_ACTION && b->keys[k]; k++) {
		char buf[16];
		const char *name = binding_key_name(b->keys[k], buf, sizeof(buf));

		if (!name)
			continue;
		used += (size_t)snprintf(out + used, size > used ? size - used : 0, "%s%s",
					 used ? ", " : "", name);
	}
}

static int by_rank(const void *a, const void *b)
{
	return (*(const struct key_binding *const *)a)->rank -
	       (*(const struct key_binding *const *)b)->rank;
}

void keymap_hints(const struct keymap *map, bool can_write, int width, struct strbuf *out)
{
	const struct key_binding *shown[64];
	const struct keymap *const both[] = {map, &keymap_generic};
	size_t n = 0;
	int used = 0;

	for (int m = 0; m < 2; m++)
		for (unsigned i = 0; both[m] && i < both[m]->n && n < COUNT(shown); i++)
			if (both[m]->v[i].hint && (can_write || !action_writes(both[m]->v[i].action)))
				shown[n++] = &both[m]->v[i];
	qsort(shown, n, sizeof(*shown), by_rank);
	for (size_t i = 0; i < n; i++) {
		int w = text_width(_(shown[i]->hint)) + 2;

		if (used + w > width && i > 0)
			continue;
		sb_puts(out, "  ");
		sb_puts(out, _(shown[i]->hint));
		used += w;
	}
}
