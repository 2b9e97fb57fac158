/* The frame around every view. The top line holds, by importance: the mode the board is in
 * (the past, a meeting), the filters, the view, then who you are, the board, when it last
 * synced with another office and its last change; when the line is too narrow the least important go first. The bottom line holds a
 * message, or the view's key hints. */
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "strbuf.h"
#include "app.h"
#include "print.h"
#include "text.h"

enum { MESSAGE_SECONDS = 6, PARTS = 7 };

struct part {
	struct strbuf text;
	int rank;  /* 0 is kept longest */
	bool right; /* drawn at the right end */
};

static void part(struct part *p, int rank, bool right)
{
	p->rank = rank;
	p->right = right;
}

/* Drops the least important parts until the line fits in width. */
static void fit(struct part *parts, int width)
{
	for (;;) {
		int total = 0, worst = -1;

		for (int i = 0; i < PARTS; i++) {
			if (!parts[i].text.len)
				continue;
			total += text_width(sb_str(&parts[i].text)) + 5;
			if (worst < 0 || parts[i].rank > parts[worst].rank)
				worst = i;
		}
		if (total <= width || worst < 0 || parts[worst].rank <= 1)
			return;
		sb_reset(&parts[worst].text);
	}
}

static void join(struct part *parts, bool right, struct strbuf *out)
{
	for (int i = 0; i < PARTS; i++) {
		if (parts[i].right != right || !parts[i].text.len)
			continue;
		sb_puts(out, out->len ? "  ·  " : " ");
		sb_puts(out, sb_str(&parts[i].text));
		while (out->len && out->buf[out->len - 1] == ' ')
			out->buf[--out->len] = '\0';
	}
	if (out->len)
		sb_putc(out, ' ');
}

/* A moment in the top line: the time alone when it was today (the line keeps room for both
 * "changed ... by" and "synced with ..." at 120 columns), else the day and time. */
static void top_time(long long epoch, struct strbuf *out)
{
	time_t now = time(NULL), then = (time_t)epoch;
	struct tm a, b;
	char hhmm[8];

	localtime_r(&now, &a);
	localtime_r(&then, &b);
	if (a.tm_year != b.tm_year || a.tm_yday != b.tm_yday) {
		print_time(epoch, out);
		return;
	}
	strftime(hhmm, sizeof(hhmm), "%H:%M", &b);
	sb_puts(out, hhmm);
}

static void draw_top(struct app *app, const char *view, const char *filters)
{
	struct part parts[PARTS] = {{{0}}};
	struct strbuf left = {0}, right = {0};
	attr_t bar = draw_attr(app->past[0] ? C_PAST : C_TITLEBAR);

	part(&parts[0], 0, false);
	if (app->past[0])
		sb_puts(&parts[0].text, app->past);
	else if (app->meeting)
		sb_printf(&parts[0].text, _("MEETING: %s"), app->meeting);
	part(&parts[1], 1, false);
	sb_puts(&parts[1].text, filters ? filters : "");
	part(&parts[2], 2, false);
	sb_puts(&parts[2].text, view ? view : "");
	part(&parts[3], 4, false);
	sb_puts(&parts[3].text, board_title(&app->board));
	part(&parts[4], 3, true);
	sb_printf(&parts[4].text, "%s (%s)", app->s->login,
		  role_name(board_role(&app->board, app->s->login)));
	part(&parts[5], 6, true);
	if (app->last_author) {
		sb_puts(&parts[5].text, _("changed "));
		top_time(app->last_time, &parts[5].text);
		sb_printf(&parts[5].text, _(" by %s"), app->last_author);
	}
	part(&parts[6], 5, true);
	if (app->synced_with) {
		sb_printf(&parts[6].text, _("synced with %s "), app->synced_with);
		top_time(app->synced_time, &parts[6].text);
	}
	fit(parts, COLS);
	join(parts, false, &left);
	join(parts, true, &right);
	draw_fill(stdscr, 0, 0, COLS, bar);
	int rw = text_width(sb_str(&right));
	if (rw > COLS - text_width(sb_str(&left)))
		rw = COLS - text_width(sb_str(&left)) > 0 ? COLS - text_width(sb_str(&left)) : 0;
	draw_text(stdscr, 0, 0, COLS - rw, sb_str(&left), bar | A_BOLD, true);
	if (rw)
		draw_text(stdscr, 0, COLS - rw, rw, sb_str(&right), bar, true);
	for (int i = 0; i < PARTS; i++)
		sb_free(&parts[i].text);
	sb_free(&left);
	sb_free(&right);
}

static void draw_bottom(struct app *app)
{
	attr_t status = draw_attr(C_STATUS);

	if (app->message[0] && (long long)time(NULL) - app->message_time > MESSAGE_SECONDS &&
	    app->message_role != C_ERROR)
		app->message[0] = '\0';
	if (app->message[0]) {
		draw_text(stdscr, LINES - 1, 0, COLS, app->message, draw_attr(app->message_role), true);
	} else {
		struct strbuf hints = {0};
		const char *why = app_can_write(app) ? NULL
				  : index_unwritable(app->s->index)
				  ? _("   (read-only: this board cannot be written here)")
				  : _("   (read-only: viewer)");
		int room = COLS - (why ? text_width(why) : 0);

		keymap_hints(app->views[app->nviews - 1]->keymap, !why, room, &hints);
		if (why)
			sb_puts(&hints, why);
		draw_text(stdscr, LINES - 1, 0, COLS, sb_str(&hints), status, true);
		sb_free(&hints);
	}
}

void app_draw_frame(struct app *app, const char *view, const char *filters)
{
	draw_top(app, view, filters);
	draw_bottom(app);
}
