#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)
#define K(k) KEY_CODE(k)

const struct key_binding key_bindings[] = {
	{ACT_LEFT, "left", {K(KEY_LEFT), 'h'}, "select the column to the left", "Moving around"},
	{ACT_RIGHT, "right", {K(KEY_RIGHT), 'l'}, "select the column to the right", "Moving around"},
	{ACT_UP, "up", {K(KEY_UP), 'k'}, "select the card above; scroll up in a card", "Moving around"},
	{ACT_DOWN, "down", {K(KEY_DOWN), 'j'}, "select the card below; scroll down in a card", "Moving around"},
	{ACT_PAGE_UP, "page-up", {K(KEY_PPAGE)}, "a page up", "Moving around"},
	{ACT_PAGE_DOWN, "page-down", {K(KEY_NPAGE), ' '}, "a page down", "Moving around"},
	{ACT_TOP, "top", {K(KEY_HOME), 'g'}, "the first card of the column", "Moving around"},
	{ACT_BOTTOM, "bottom", {K(KEY_END), 'G'}, "the last card of the column", "Moving around"},
	{ACT_OPEN, "open", {'\n', K(KEY_ENTER), '\r'}, "open the card (or double-click it)", "Moving around"},
	{ACT_MOVE_LEFT, "move-left", {K(KEY_SLEFT), 'H'}, "move the card to the previous column", "Changing the board"},
	{ACT_MOVE_RIGHT, "move-right", {K(KEY_SRIGHT), 'L'}, "move the card to the next column", "Changing the board"},
	{ACT_MOVE_UP, "move-up", {K(KEY_SR), 'K'}, "move the card up in its column", "Changing the board"},
	{ACT_MOVE_DOWN, "move-down", {K(KEY_SF), 'J'}, "move the card down in its column", "Changing the board"},
	{ACT_ADD, "add", {'a'}, "add a card to the selected column", "Changing the board"},
	{ACT_EDIT, "edit", {'e'}, "edit title, lead, co-executors, due date, labels, description", "Changing the board"},
	{ACT_REASSIGN, "reassign", {'r'}, "reassign: pick the lead, then the co-executors", "Changing the board"},
	{ACT_NOTE, "note", {'n'}, "add a note to the card", "Changing the board"},
	{ACT_DUE, "due", {'d'}, "set or clear the due date", "Changing the board"},
	{ACT_ARCHIVE, "archive", {'x'}, "archive the card (asks first)", "Changing the board"},
	{ACT_SEARCH, "search", {'/'}, "search titles, descriptions and notes as you type", "Viewing"},
	{ACT_LANES, "lanes", {'s'}, "swimlanes by lead agency, on or off", "Viewing"},
	{ACT_FILTER_AGENCY, "filter-agency", {'f'}, "show one agency's cards (lead or co-executor)", "Viewing"},
	{ACT_FILTER_LABEL, "filter-label", {'t'}, "show the cards with a label", "Viewing"},
	{ACT_FILTER_OVERDUE, "filter-overdue", {'o'}, "show only overdue cards, or all again", "Viewing"},
	{ACT_FILTER_MINE, "filter-mine", {'m'}, "show my agency's cards", "Viewing"},
	{ACT_FILTER_CLEAR, "filter-clear", {'c'}, "clear the filters and the search", "Viewing"},
	{ACT_UNDO, "undo", {'u'}, "undo your own last change (asks first)", "Changing the board"},
	{ACT_MEETING, "meeting", {'M'}, "start a meeting, or end it and commit its minutes", "Changing the board"},
	{ACT_LOG, "log", {'A'}, "the board's activity log; Enter shows a change as a diff", "History"},
	{ACT_HISTORY, "history", {'h'}, "in a card: its whole history, field by field", "History"},
	{ACT_FILTER_RESPONSIBILITY, "filter-responsibility", {'R'}, "in a log: only changes of lead and co-executors", "History"},
	{ACT_FILTER_PERSON, "filter-person", {'w'}, "in a log: only one person's changes", "History"},
	{ACT_FILTER_SINCE, "filter-since", {'S'}, "in a log: only changes since a date", "History"},
	{ACT_TIME_BACK, "time-back", {'['}, "the board as it stood one change earlier (read-only)", "History"},
	{ACT_TIME_FORWARD, "time-forward", {']'}, "one change later; back at the present it is live again", "History"},
	{ACT_HELP, "help", {'?'}, "this help", "Viewing"},
	{ACT_REDRAW, "redraw", {CTRL('l')}, "repaint the whole screen", "Viewing"},
	{ACT_BACK, "back", {27}, "close the card or the help; cancel a form", "Viewing"},
	{ACT_QUIT, "quit", {'q', CTRL('c')}, "close the view; on the board, quit", "Viewing"},
};
const unsigned key_binding_count = sizeof(key_bindings) / sizeof(key_bindings[0]);

bool action_writes(enum action a)
{
	return (a >= ACT_MOVE_LEFT && a <= ACT_MOVE_DOWN) || (a >= ACT_ADD && a <= ACT_ARCHIVE) ||
	       a == ACT_UNDO || a == ACT_MEETING;
}

enum action keymap_action(wint_t key, bool is_key)
{
	int code = is_key ? KEY_CODE((int)key) : (int)key;

	for (unsigned i = 0; i < key_binding_count; i++)
		for (int k = 0; k < KEYS_PER_ACTION; k++)
			if (key_bindings[i].keys[k] && key_bindings[i].keys[k] == code)
				return key_bindings[i].action;
	return ACT_NONE;
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

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
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
