#include "open.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "ops.h"
#include "shipped_board.h"
#include "text.h"

void say_error(const char *fmt, ...)
{
	struct strbuf raw = {0}, clean = {0};
	va_list ap;

	va_start(ap, fmt);
	{
		char buf[2048];
		vsnprintf(buf, sizeof(buf), gettext(fmt), ap);
		sb_puts(&raw, buf);
	}
	va_end(ap);
	text_sanitize(sb_str(&raw), &clean);
	fprintf(stderr, "coboard: %s\n", sb_str(&clean));
	sb_free(&raw);
	sb_free(&clean);
}

const struct file_update *shipped_files(size_t *n)
{
	static struct file_update files[512];

	*n = shipped_board_count < 512 ? shipped_board_count : 512;
	for (size_t i = 0; i < *n; i++)
		files[i] = (struct file_update){shipped_board[i].path, shipped_board[i].text,
						strlen(shipped_board[i].text)};
	return files;
}

char *acting_login(const struct board_choice *choice, const char *board_path)
{
	struct cb_error err = {0};
	char *login;

	if (session_acting_login(board_path, choice->user, &login, &err) < 0)
		say_error("%s", err.msg);
	return login;
}

static int make_parent_dirs(const char *path)
{
	char *copy = xstrdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0775) < 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

static char created_default[4096];

const char *created_default_board(void)
{
	return created_default[0] ? created_default : NULL;
}

/* A board.conf pushed broken: the board goes on with the last one that parsed, and every
 * command says so until it is fixed. */
static void warn_board_problem(struct session *s)
{
	struct strbuf problem = {0};
	struct cb_error ignored = {0};

	if (index_board_problem(s->index, &problem, &ignored) == 0 && problem.len)
		say_error("warning: %s; the board goes on with the last board.conf that was valid "
			  "until this one is fixed (`coboard fsck` names the line)",
			  sb_str(&problem));
	sb_free(&problem);
}

int open_board(const struct board_choice *choice, struct session **out)
{
	char *path = choice->board_path ? xstrdup(choice->board_path) : session_default_board_path();
	char *login = acting_login(choice, path);
	struct cb_error err = {0};
	struct stat st;
	int rc = 0;

	if (!login) {
		free(path);
		return -1;
	}
	if (!choice->board_path && stat(path, &st) < 0) {
		size_t n;
		const struct file_update *files = shipped_files(&n);

		if (make_parent_dirs(path) < 0 || ops_init(path, files, n, login, false, &err) < 0) {
			if (!err.code)
				cb_fail(&err, CB_EFAIL, "cannot create %s: %s", path, strerror(errno));
			rc = -1;
		} else {
			say_error("created the default board at %s", path);
			snprintf(created_default, sizeof(created_default), "%s", path);
		}
	}
	/* A long indexing (the first start after an upgrade) is shown, never a silent wait. */
	size_t worth_showing = 300;
	if (rc == 0 && (choice->no_sync ? session_open(out, path, login, false, &err)
					: session_open_showing(out, path, login,
							       isatty(STDERR_FILENO) ? show_index_progress
										     : NULL,
							       &worth_showing, &err)) < 0)
		rc = -1;
	/* A member who chose a language in board.conf reads it, whatever the locale of the
	 * server they reached over SSH. */
	if (rc == 0 && !str_empty((*out)->language))
		i18n_use_language((*out)->language);
	if (rc == 0)
		warn_board_problem(*out);
	if (rc < 0)
		say_error("%s", err.msg);
	free(path);
	free(login);
	return rc;
}

void show_index_progress(size_t done, size_t total, void *ctx)
{
	enum { WIDTH = 40 };
	int filled = total ? (int)(done * WIDTH / total) : WIDTH;

	if ((ctx && total < *(const size_t *)ctx) || (done != total && done % 64 != 0))
		return;
	fputc('\r', stderr);
	fprintf(stderr, _("indexing the board [%.*s%*s] %zu/%zu"), filled,
		"########################################", WIDTH - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
}
