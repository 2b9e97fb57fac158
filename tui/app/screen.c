#include "i18n.h"
#include "screen.h"

#include <curses.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw.h"

static struct {
	bool on;
	const char *keys; /* what is left of the script */
	bool done;        /* the keys ran out: the screen was printed */
	FILE *out, *in;
	SCREEN *screen;
} script;

static const struct {
	const char *name;
	int code;
	bool is_key;
} named_keys[] = {
	{"Enter", '\r', false},      {"Esc", 27, false},          {"Space", ' ', false},
	{"Tab", '\t', false},        {"BS", KEY_BACKSPACE, true}, {"Up", KEY_UP, true},
	{"Down", KEY_DOWN, true},    {"Left", KEY_LEFT, true},    {"Right", KEY_RIGHT, true},
	{"PgUp", KEY_PPAGE, true},   {"PgDn", KEY_NPAGE, true},   {"Home", KEY_HOME, true},
	{"End", KEY_END, true},      {"S-Left", KEY_SLEFT, true}, {"S-Right", KEY_SRIGHT, true},
	{"S-Up", KEY_SR, true},      {"S-Down", KEY_SF, true},    {"lt", '<', false},
};

/* The next key of the script: a <name>, <C-x>, or one UTF-8 character. */
static int next_scripted_key(wint_t *key)
{
	const char *p = script.keys;
	mbstate_t mb = {0};
	wchar_t wc;
	size_t n;

	if (*p == '<' && strchr(p, '>')) {
		size_t len = (size_t)(strchr(p, '>') - p - 1);

		for (size_t i = 0; i < sizeof(named_keys) / sizeof(*named_keys); i++)
			if (strlen(named_keys[i].name) == len && strncmp(p + 1, named_keys[i].name, len) == 0) {
				script.keys = p + len + 2;
				*key = (wint_t)named_keys[i].code;
				return named_keys[i].is_key ? KEY_CODE_YES : OK;
			}
		if (len == 3 && p[1] == 'C' && p[2] == '-') {
			script.keys = p + 5;
			*key = (wint_t)(p[3] & 0x1f);
			return OK;
		}
	}
	n = mbrtowc(&wc, p, strlen(p), &mb);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
		n = 1, wc = (unsigned char)*p;
	script.keys = p + n;
	*key = (wint_t)wc;
	return OK;
}

/* The screen as text: each line without its trailing blanks. */
static void print_screen(void)
{
	wchar_t *line = calloc((size_t)COLS + 1, sizeof(wchar_t));
	char mb[MB_LEN_MAX];

	for (int y = 0; y < LINES; y++) {
		int n = mvwinnwstr(stdscr, y, 0, line, COLS);

		while (n > 0 && line[n - 1] == L' ')
			n--;
		for (int x = 0; x < n; x++) {
			mbstate_t st = {0};
			size_t len = wcrtomb(mb, line[x], &st);
			if (len != (size_t)-1)
				fwrite(mb, 1, len, stdout);
		}
		putchar('\n');
	}
	fflush(stdout);
	free(line);
}

static int start_scripted(const char *size, char *why, unsigned why_size)
{
	int cols = 0, lines = 0;
	char env[32];
	const char *term = getenv("TERM");

	if (sscanf(size, "%dx%d", &cols, &lines) != 2 || cols < 20 || lines < 5 || cols > 1000 ||
	    lines > 1000) {
		snprintf(why, why_size, "%s", _("COBOARD_SCREEN must be COLSxLINES, such as 80x24"));
		return -1;
	}
	snprintf(env, sizeof(env), "%d", cols);
	setenv("COLUMNS", env, 1);
	snprintf(env, sizeof(env), "%d", lines);
	setenv("LINES", env, 1);
	script.out = fopen("/dev/null", "w");
	script.in = fopen("/dev/null", "r");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		term = "xterm";
	script.screen = script.out && script.in ? newterm(term, script.out, script.in) : NULL;
	if (!script.screen) {
		snprintf(why, why_size, _("no terminal description for '%s' to draw a screen with"),
			 term);
		return -1;
	}
	set_term(script.screen);
	resizeterm(lines, cols);
	script.on = true;
	script.keys = getenv("COBOARD_KEYS") ? getenv("COBOARD_KEYS") : "";
	return 0;
}

static bool started;

int screen_start(char *why, unsigned size)
{
	const char *scripted = getenv("COBOARD_SCREEN");

	/* Esc must cancel at once, not after ncurses' default second of waiting. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (scripted && *scripted) {
		if (start_scripted(scripted, why, size) < 0)
			return -1;
	} else {
		initscr();
	}
	/* raw: Ctrl-S saves a form instead of freezing the terminal (flow control). */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw_init_colors();
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(300);
	started = true;
	return 0;
}

void screen_end(void)
{
	if (!started)
		return;
	started = false;
	endwin();
	if (script.screen) {
		delscreen(script.screen);
		fclose(script.out);
		fclose(script.in);
		script.screen = NULL;
	}
}

bool screen_scripted(void)
{
	return script.on;
}

int screen_read_key(wint_t *key, int timeout_ms)
{
	int r;

	if (script.on) {
		if (*script.keys)
			return next_scripted_key(key);
		if (!script.done)
			print_screen();
		script.done = true;
		return ERR;
	}
	wtimeout(stdscr, timeout_ms);
	r = wget_wch(stdscr, key);
	return r;
}

int screen_wait_key(wint_t *key)
{
	int r = screen_read_key(key, -1);

	if (r == ERR) {
		*key = 27;
		return OK;
	}
	return r;
}

bool key_is_enter(wint_t key, bool is_key)
{
	return (!is_key && (key == '\n' || key == '\r')) || (is_key && key == KEY_ENTER);
}

bool key_is_escape(wint_t key, bool is_key)
{
	return !is_key && (key == 27 || key == ('c' & 0x1f));
}

bool screen_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	if (script.on)
		return script.done;
	/* A hung-up terminal (the SSH connection or the window is gone) makes every read fail
	 * at once; the app must then leave rather than spin. */
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}
