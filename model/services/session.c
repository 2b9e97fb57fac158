#include "session.h"
#include "git_api.h"
#include "repo.h"

#include <stdio.h>

#include <pwd.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *session_default_board_path(void)
{
	const char *env = getenv("COBOARD_BOARD");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct strbuf path = {0};

	if (!str_empty(env))
		return xstrdup(env);
	if (!str_empty(xdg))
		sb_printf(&path, "%s/coboard/default.git", xdg);
	else {
		if (str_empty(home)) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : "/";
		}
		sb_printf(&path, "%s/.local/share/coboard/default.git", home);
	}
	return sb_detach(&path);
}

char *session_unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xstrdup(getenv("USER") ? getenv("USER") : "unknown");
}

/* Whether the caller owns the board itself, not only a folder leading to it: the
 * repository's parts are followed to where they really are (a folder of symlinks to another
 * account's board is not that board's owner). */
static bool owns_board(const char *board_path)
{
	static const char *const parts[] = {"", "/objects", "/refs", "/config", "/HEAD"};
	char path[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		snprintf(path, sizeof(path), "%s%s", board_path, parts[i]);
		if (stat(path, &st) == 0 && st.st_uid != getuid())
			return false;
	}
	return true;
}

int session_acting_login(const char *board_path, const char *requested, char **login,
			 struct cb_error *err)
{
	char *me = session_unix_login();
	struct stat st;

	*login = NULL;
	if (!requested) {
		*login = me;
		return 0;
	}
	if (!login_valid(requested)) {
		free(me);
		return cb_fail(err, CB_EINVALID, "--user '%s' is not a login: use 1-64 letters, digits, "
			       "'.', '_' and '-'", requested);
	}
	/* The board's owner is the service account the SSH forced command runs as; a board not
	 * created yet will be the caller's own. */
	if (strcmp(requested, me) == 0 || getuid() == 0 || stat(board_path, &st) < 0 ||
	    owns_board(board_path)) {
		free(me);
		*login = xstrdup(requested);
		return 0;
	}
	cb_fail(err, CB_EDENIED, "--user %s is refused: only the board's service account (the owner "
		"of %s) and root may act for another member; you act as %s, so leave --user out",
		requested, board_path, me);
	free(me);
	return -1;
}

void session_refresh_identity(struct session *s, const struct board *board)
{
	const struct member *m = board ? board_member(board, s->login) : NULL;
	struct strbuf email = {0};

	str_set(&s->name, m && !str_empty(m->name) ? m->name : s->login);
	str_set(&s->language, m ? m->language : "");
	if (m && !str_empty(m->email))
		sb_puts(&email, m->email);
	else
		sb_printf(&email, "%s@localhost", s->login);
	free(s->email);
	s->email = sb_detach(&email);
}

static int open_session(struct session **out, const char *path, const char *login, bool sync,
			progress_fn progress, void *ctx, struct cb_error *err)
{
	struct session *s = xcalloc(1, sizeof(*s));
	struct board board;

	*out = NULL;
	s->board_path = xstrdup(path);
	s->login = xstrdup(login);
	if (repo_open(&s->repo, path, err) < 0 || index_open(&s->index, s->repo, err) < 0 ||
	    (sync && index_refresh_showing(s->index, progress, ctx, err) < 0)) {
		session_close(s);
		return -1;
	}
	if (index_board(s->index, &board, err) == 0)
		session_refresh_identity(s, &board);
	else if (sync) {
		board_free(&board);
		session_close(s);
		return -1;
	} else {
		cb_error_clear(err);
		session_refresh_identity(s, NULL);
	}
	board_free(&board);
	*out = s;
	return 0;
}

int session_open(struct session **out, const char *path, const char *login, bool sync,
		 struct cb_error *err)
{
	return open_session(out, path, login, sync, NULL, NULL, err);
}

int session_open_showing(struct session **out, const char *path, const char *login,
			 progress_fn progress, void *ctx, struct cb_error *err)
{
	return open_session(out, path, login, true, progress, ctx, err);
}

void session_close(struct session *s)
{
	if (!s)
		return;
	index_close(s->index);
	repo_free(s->repo);
	free(s->login);
	free(s->name);
	free(s->email);
	free(s->language);
	free(s->board_path);
	free(s);
}

void session_global_init(void (*git_missing)(const char *why))
{
	git_api_when_missing(git_missing);
	repo_global_init();
}

void session_global_shutdown(void)
{
	repo_global_shutdown();
}

const char *session_gitdir(const struct session *s)
{
	return repo_gitdir(s->repo);
}

int session_need_git(struct cb_error *err)
{
	return git_api_load(err);
}
