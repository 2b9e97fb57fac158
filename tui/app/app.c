#include "app.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "meeting.h"
#include "sync.h"
#include "strbuf.h"
#include "print.h"
#include "screen.h"
#include "text.h"
#include "views.h"

/* Without inotify the app looks for changes four times a second; with it, the kernel wakes
 * it, and it looks on its own only every few seconds, in case a change slipped by. */
enum { POLL_MS = 250, WATCH_FALLBACK_MS = 3000 };

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static long long now_seconds(void)
{
	return (long long)time(NULL);
}

void app_message(struct app *app, enum color_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), gettext(fmt), ap);
	va_end(ap);
	app->message_role = role;
	app->message_time = now_seconds();
}

void app_push(struct app *app, struct view *view)
{
	if (app->nviews < APP_MAX_VIEWS)
		app->views[app->nviews++] = view;
	else if (view->close)
		view->close(view);
}

void app_pop(struct app *app)
{
	struct view *top;

	if (app->nviews <= 1)
		return;
	top = app->views[--app->nviews];
	if (top->close)
		top->close(top);
}

bool app_can_write(const struct app *app)
{
	return board_role(&app->board, app->s->login) >= ROLE_MEMBER &&
	       !index_unwritable(app->s->index);
}

static void load_status(struct app *app)
{
	struct cb_error err = {0};
	char *subject = NULL;

	free(app->last_author);
	app->last_author = NULL;
	index_last_change(app->s->index, &app->last_author, &app->last_time, &subject, &err);
	free(subject);
	free(app->synced_with);
	sync_last(session_gitdir(app->s), &app->synced_with, &app->synced_time);
}

void app_reload(struct app *app)
{
	struct cb_error err = {0};
	struct board board;

	if (index_board(app->s->index, &board, &err) == 0) {
		board_free(&app->board);
		app->board = board;
		session_refresh_identity(app->s, &app->board);
	} else {
		board_free(&board);
		app_message(app, C_ERROR, "%s", err.msg);
	}
	load_status(app);
	{
		struct cb_error ignored = {0};
		struct meeting m;
		bool open = false;

		free(app->meeting);
		app->meeting = NULL;
		if (meeting_current(app->s, &m, &open, &ignored) == 0 && open)
			app->meeting = xstrdup(m.title);
		meeting_free(&m);
	}
	index_data_version(app->s->index, &app->data_version);
	for (int i = 0; i < app->nviews; i++)
		if (app->views[i]->reload)
			app->views[i]->reload(app->views[i], app);
}

/* Says what the last change was and who made it; for another office's changes brought in by
 * a sync, which office, and the newest of them. */
static void announce(struct app *app, const char *tip_before, const char *author,
		     const char *subject)
{
	struct arrival a;

	if (sync_arrival(app->s, tip_before, &a)) {
		if (a.count > 1)
			app_message(app, C_NOTICE, "from %s: %s: %s (and %zu more)", a.office,
				    sb_str(&a.author), sb_str(&a.subject), a.count - 1);
		else
			app_message(app, C_NOTICE, "from %s: %s: %s", a.office, sb_str(&a.author),
				    sb_str(&a.subject));
	} else {
		app_message(app, C_NOTICE, "%s: %s", author, subject);
	}
	arrival_free(&a);
}

/* Another session changed the board: sync, reload, and say what changed and who did it. */
static bool check_for_changes(struct app *app)
{
	struct cb_error err = {0};
	long long version = 0;
	char *author = NULL, *subject = NULL;
	long long when;
	const char *before = index_tip(app->s->index);
	char tip_before[64];

	snprintf(tip_before, sizeof(tip_before), "%s", before);
	if (index_data_version(app->s->index, &version) < 0)
		return false;
	if (version == app->data_version && !index_behind(app->s->index))
		return false;
	if (index_refresh(app->s->index, &err) < 0) {
		app_message(app, C_ERROR, "%s", err.msg);
		return true;
	}
	app_reload(app);
	if (strcmp(tip_before, index_tip(app->s->index)) != 0 &&
	    index_last_change(app->s->index, &author, &when, &subject, &err) == 0 && subject)
		announce(app, tip_before, author, subject);
	free(author);
	free(subject);
	return true;
}

static void draw_too_small(void)
{
	char line[128];

	werase(stdscr);
	snprintf(line, sizeof(line), _("Terminal too small: %dx%d."), COLS, LINES);
	draw_text(stdscr, LINES / 2 - 1, 0, COLS, line, A_BOLD, false);
	snprintf(line, sizeof(line), _("coboard needs at least %dx%d; enlarge it, or q to quit."),
		 APP_MIN_COLS, APP_MIN_LINES);
	draw_text(stdscr, LINES / 2, 0, COLS, line, A_NORMAL, false);
}

void app_draw_views(struct app *app)
{
	if (COLS < APP_MIN_COLS || LINES < APP_MIN_LINES) {
		draw_too_small();
	} else {
		struct view *top = app->views[app->nviews - 1];

		werase(stdscr);
		top->draw(top, app);
	}
}

static void draw_all(struct app *app)
{
	app_draw_views(app);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The kernel says when the board moves: the branch's ref (a commit here or by anyone, a
 * push, a sync) and the index (another session's write). The quarter-second poll stays as
 * the fallback where inotify is not to be had. */
static int board_watch = -1;

static bool watch_fired;

static void watch_board(struct app *app)
{
	/* coboard-sync: a sync's record, written just after the branch moves. */
	static const char *const parts[] = {"refs/heads", "", "coboard", "coboard-sync"};
	const char *gitdir = session_gitdir(app->s);
	char path[4096];
	int watched = 0;

	if (screen_scripted() || (board_watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return;
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		snprintf(path, sizeof(path), "%s%s", gitdir, parts[i]);
		watched += inotify_add_watch(board_watch, path,
					     IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY) >= 0;
	}
	if (!watched) {
		close(board_watch);
		board_watch = -1;
	}
}

static void watch_board_again(struct app *app)
{
	char path[4096];

	snprintf(path, sizeof(path), "%scoboard-sync", session_gitdir(app->s));
	inotify_add_watch(board_watch, path, IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY);
}

/* Reads what the kernel queued: only that something changed matters. */
static void drain_watch(void)
{
	char buf[4096];

	while (read(board_watch, buf, sizeof(buf)) > 0)
		;
}

int app_read_key(struct app *app, wint_t *key)
{
	(void)app;
	if (board_watch < 0)
		return screen_read_key(key, POLL_MS);
	/* A key curses already holds comes first; else sleep until a key or a change. */
	int r = screen_read_key(key, 0);
	if (r != ERR)
		return r;
	struct pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {board_watch, POLLIN, 0}};
	if (poll(p, 2, WATCH_FALLBACK_MS) <= 0)
		return ERR;
	if (p[1].revents & POLLIN) {
		drain_watch();
		watch_fired = true;
		watch_board_again(app); /* coboard-sync/ may have been made just now */
	}
	return p[0].revents ? screen_read_key(key, 0) : ERR;
}

const char *app_today(const struct app *app)
{
	return app->judged_on[0] ? app->judged_on : NULL;
}

bool app_edit_in_editor(struct app *app, char **text)
{
	const char *editor = getenv("VISUAL");
	char path[] = "/tmp/coboard-edit-XXXXXX";
	struct strbuf content = {0};
	int fd, status;
	pid_t pid;
	FILE *f;

	if (app->restricted) {
		app_message(app, C_ERROR, "$EDITOR is not available over this connection");
		return false;
	}
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	fd = mkstemp(path);
	if (fd < 0) {
		app_message(app, C_ERROR, "cannot make a temporary file: %s", strerror(errno));
		return false;
	}
	if (write(fd, *text, strlen(*text)) < 0 || write(fd, "\n", 1) < 0) {
		close(fd);
		unlink(path);
		app_message(app, C_ERROR, "cannot write a temporary file: %s", strerror(errno));
		return false;
	}
	close(fd);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execlp("sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
		_exit(127);
	}
	status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	reset_prog_mode();
	refresh();
	if (status != 0) {
		unlink(path);
		app_message(app, C_ERROR, "the editor (%s) failed; nothing changed", editor);
		return false;
	}
	f = fopen(path, "rb");
	if (f) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			sb_add(&content, buf, n);
		fclose(f);
	}
	unlink(path);
	free(*text);
	*text = sb_detach(&content);
	return true;
}

static void handle_key(struct app *app, wint_t key, bool is_key);

/* Lines the wheel moves the selection per notch, as a terminal scrolls. */
enum { WHEEL_LINES = 3 };

static void handle_mouse(struct app *app)
{
	MEVENT ev;
	struct view *top = app->views[app->nviews - 1];

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (int i = 0; i < WHEEL_LINES; i++)
			handle_key(app, ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN, true);
		return;
	}
	if (!top->click)
		return;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		top->click(top, app, ev.y, ev.x, true);
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED))
		top->click(top, app, ev.y, ev.x, false);
}

static void handle_key(struct app *app, wint_t key, bool is_key)
{
	struct view *top = app->views[app->nviews - 1];
	enum action action = keymap_action(top->keymap, key, is_key);

	if (COLS < APP_MIN_COLS || LINES < APP_MIN_LINES) {
		if (action == ACT_QUIT)
			app->quit = true;
		return;
	}
	if (app->message_role == C_ERROR)
		app->message[0] = '\0';
	if (top->input && top->input(top, app, action, key, is_key))
		return;
	switch (action) {
	case ACT_HELP:
		app_push(app, help_view_new(app));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_BACK:
	case ACT_QUIT:
		if (app->nviews > 1)
			app_pop(app);
		else if (action == ACT_QUIT)
			app->quit = true;
		break;
	default:
		break;
	}
}

static void setup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* What the user must know before anything else: board.conf is broken, or the board cannot
 * be written here. */
static void say_board_state(struct app *app)
{
	struct strbuf problem = {0};
	struct cb_error err = {0};

	if (created_default_board())
		app_message(app, C_NOTICE, "created the default board at %s: the Children of Kazakhstan "
			    "Concept; ? shows the keys", created_default_board());
	else if (index_board_problem(app->s->index, &problem, &err) == 0 && problem.len)
		app_message(app, C_ERROR, "%s; the last valid board.conf is in use", sb_str(&problem));
	else if (index_unwritable(app->s->index))
		app_message(app, C_NOTICE, "read-only: %s; the board is read from git",
			    index_unwritable(app->s->index));
	sb_free(&problem);
}

/* Draw, wait for a key or a quarter second, act; between keys, follow other sessions. */
static void run_loop(struct app *app)
{
	while (!app->quit && !stop_signal) {
		wint_t key;
		int r;

		draw_all(app);
		r = app_read_key(app, &key);
		if (stop_signal)
			break;
		if (r == ERR) {
			if (screen_gone())
				break;
			/* The top line's "synced with" comes from a record beside the index. */
			if (!check_for_changes(app) && watch_fired)
				load_status(app);
			watch_fired = false;
			continue;
		}
		if (r == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		if (r == KEY_CODE_YES && key == KEY_MOUSE) {
			handle_mouse(app);
			continue;
		}
		handle_key(app, key, r == KEY_CODE_YES);
	}
}

int app_run(const struct board_choice *choice)
{
	struct app app = {0};
	struct cb_error err = {0};
	int status = EXIT_OK;

	bool scripted = getenv("COBOARD_SCREEN") && *getenv("COBOARD_SCREEN");
	char why[200];

	if (!scripted && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		say_error("the board needs a terminal; for scripts use a command such as "
			  "`coboard board` or `coboard list`");
		return EXIT_FAIL;
	}
	if (open_board(choice, &app.s) < 0)
		return EXIT_FAIL;
	app.restricted = choice->restricted;
	if (session_need_git(&err) < 0 || index_board(app.s->index, &app.board, &err) < 0) {
		say_error("%s", err.msg);
		board_free(&app.board);
		session_close(app.s);
		return EXIT_FAIL;
	}
	setup_signals();
	if (screen_start(why, sizeof(why)) < 0) {
		say_error("%s", why);
		board_free(&app.board);
		session_close(app.s);
		return EXIT_FAIL;
	}
	app_push(&app, board_view_new(&app));
	app_reload(&app);
	say_board_state(&app);
	watch_board(&app);
	run_loop(&app);
	if (board_watch >= 0)
		close(board_watch);
	while (app.nviews > 0) {
		struct view *v = app.views[--app.nviews];
		if (v->close)
			v->close(v);
	}
	screen_end();
	if (stop_signal && stop_signal != SIGINT)
		status = 128 + stop_signal;
	board_free(&app.board);
	free(app.synced_with);
	free(app.last_author);
	free(app.meeting);
	session_close(app.s);
	return status;
}
