/* The other offices a board syncs with (git remotes, with a record of the last sync with
 * each) and this server's own site, whose number ends the ids of the cards added here. */
#include "sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "git_run.h"
#include "i18n.h"
#include "repo.h"

static bool valid_remote_name(const char *name)
{
	if (!*name || strlen(name) > 64 || *name == '-' || *name == '.')
		return false;
	for (const char *p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '-' && *p != '_' && *p != '.')
			return false;
	return true;
}

int sync_check_name(const char *name, struct cb_error *err)
{
	if (!valid_remote_name(name))
		return cb_fail(err, CB_EINVALID,
			       "'%s' is not a remote name; use letters, digits, '-', '_' or '.' "
			       "(for instance: astana)",
			       name);
	return 0;
}

static void record_path(const char *gitdir, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%scoboard-sync/%s", gitdir, name);
}

/* When this board last synced with name, for `remote list` and the app's top line. */
void sync_record(const char *gitdir, const char *name, const struct sync_result *r)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%scoboard-sync", gitdir);
	mkdir(path, 0775);
	record_path(gitdir, name, path, sizeof(path));
	if ((f = fopen(path, "w"))) {
		fprintf(f, "%lld %zu %zu\n", (long long)time(NULL), r->in, r->out);
		fclose(f);
	}
}

static void read_record(const char *gitdir, struct sync_remote *remote)
{
	char path[4096];
	FILE *f;

	record_path(gitdir, remote->name, path, sizeof(path));
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, "%lld %zu %zu", &remote->last_sync, &remote->last_in,
			   &remote->last_out) != 3)
			remote->last_sync = 0;
		fclose(f);
	}
}

char *sync_url_shown(const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *start = scheme ? scheme + 3 : url;
	const char *at = strchr(start, '@'), *slash = strchr(start, '/');
	const char *colon = strchr(start, ':');
	struct strbuf out = {0};

	/* user:password@host: the password is left out wherever the URL is written or shown */
	if (at && (!slash || at < slash) && colon && colon < at) {
		sb_add(&out, url, (size_t)(colon - url));
		sb_puts(&out, at);
	} else {
		sb_puts(&out, url);
	}
	return sb_detach(&out);
}

char *sync_remote_url(struct session *s, const char *name)
{
	struct strvec names = {0}, urls = {0};
	char *url = NULL;

	repo_remotes(s->repo, &names, &urls);
	for (size_t i = 0; i < names.n && !url; i++)
		if (strcmp(names.v[i], name) == 0)
			url = xstrdup(urls.v[i]);
	sv_free(&names);
	sv_free(&urls);
	return url;
}

void sync_remote_list(struct session *s, struct sync_remotes *list)
{
	struct strvec names = {0}, urls = {0};

	memset(list, 0, sizeof(*list));
	repo_remotes(s->repo, &names, &urls);
	list->v = xcalloc(names.n + 1, sizeof(*list->v));
	for (size_t i = 0; i < names.n; i++) {
		struct sync_remote *r = &list->v[list->n++];
		r->name = xstrdup(names.v[i]);
		r->url = sync_url_shown(urls.v[i]);
		read_record(repo_gitdir(s->repo), r);
	}
	sv_free(&names);
	sv_free(&urls);
}

void sync_remotes_free(struct sync_remotes *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].name);
		free(list->v[i].url);
	}
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static int must_admin(struct session *s, struct cb_error *err)
{
	struct board board;
	const char *denied;
	int rc = 0;

	if (index_board(s->index, &board, err) < 0)
		return -1;
	if ((denied = board_may_admin(&board, s->login)))
		rc = cb_fail(err, CB_EDENIED, "%s may not change the board's remotes: %s", s->login,
			     denied);
	board_free(&board);
	return rc;
}

/* A board on this machine is checked now: a bare repository whose main holds board.conf.
 * Another machine's is known only when sync reaches it. */
static int check_local_board(const char *url, bool *checked, struct cb_error *err)
{
	const char *path = strncmp(url, "file://", 7) == 0 ? url + 7 : url;
	struct repo *other = NULL;
	struct strbuf text = {0};
	git_oid tip;
	bool found = false;
	int rc = 0;

	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	/* As git reads a URL: a scheme, or host:path with the colon before any slash. */
	*checked = path != url || !colon || (slash && slash < colon);
	if (!*checked)
		return 0;
	if (repo_open(&other, path, err) < 0) {
		cb_error_clear(err);
		return cb_fail(err, CB_ENOTFOUND, "there is no board at %s; give the path of a "
			       "board, or ssh://USER@HOST/PATH for another machine's", path);
	}
	if (repo_tip(other, &tip, err) < 0 ||
	    repo_read(other, &tip, "board.conf", &text, &found, err) < 0 || !found) {
		cb_error_clear(err);
		rc = cb_fail(err, CB_EINVALID, "%s is a git repository but not a coboard board (no "
			     "board.conf on its branch main); give the path of a board", path);
	}
	sb_free(&text);
	repo_free(other);
	return rc;
}

int sync_remote_add(struct session *s, const char *name, const char *url, bool *checked,
		    struct cb_error *err)
{
	const char *argv[] = {"remote", "add", "--", name, url, NULL};
	struct strbuf errors = {0};
	int rc = 0;

	if (sync_check_name(name, err) < 0 || must_admin(s, err) < 0)
		return -1;
	if (!*url || url[0] == '-')
		return cb_fail(err, CB_EINVALID, "'%s' is not a URL; give a path or "
			       "ssh://USER@HOST/PATH", url);
	if (check_local_board(url, checked, err) < 0)
		return -1;
	if (git_run(repo_gitdir(s->repo), argv, NULL, &errors) != 0)
		rc = cb_fail(err, CB_EINVALID, "cannot add the remote %s: %s", name,
			     git_error_line(&errors));
	sb_free(&errors);
	return rc;
}

int sync_remote_remove(struct session *s, const char *name, struct cb_error *err)
{
	const char *argv[] = {"remote", "remove", "--", name, NULL};
	struct strbuf errors = {0};
	char path[4096];
	int rc = 0;

	if (sync_check_name(name, err) < 0 || must_admin(s, err) < 0)
		return -1;
	if (git_run(repo_gitdir(s->repo), argv, NULL, &errors) != 0)
		rc = cb_fail(err, CB_ENOTFOUND, "there is no remote %s (`coboard remote list` shows "
			     "them)", name);
	record_path(repo_gitdir(s->repo), name, path, sizeof(path));
	if (rc == 0)
		unlink(path);
	sb_free(&errors);
	return rc;
}

int sync_site_name(struct session *s, struct strbuf *out)
{
	return repo_config_get(s->repo, "coboard.site", out);
}

struct new_site {
	const char *name;
	int number;
};

static int add_site(struct board *board, void *arg, struct cb_error *err)
{
	struct new_site *site = arg;
	bool used[BOARD_SITE_MAX + 1] = {false};

	for (size_t i = 0; i < board->nsites; i++)
		used[board->sites[i].number] = true;
	if (site->number == 0)
		for (int n = 1; n <= BOARD_SITE_MAX && !site->number; n++)
			if (!used[n])
				site->number = n;
	if (site->number < 1 || site->number > BOARD_SITE_MAX)
		return cb_fail(err, CB_EINVALID, "a site number runs from 1 to %d", BOARD_SITE_MAX);
	if (used[site->number])
		return cb_fail(err, CB_EINVALID, "site number %d is taken (`coboard site` lists the "
			       "sites)", site->number);
	board->sites = xgrow(board->sites, board->nsites, sizeof(*board->sites));
	board->sites[board->nsites++] = (struct site){xstrdup(site->name), site->number};
	return 0;
}

int sync_set_site(struct session *s, const char *name, int number, bool this_server,
		  bool *reserved, struct op_result *res, struct cb_error *err)
{
	struct board board;
	struct strbuf here = {0};
	const char *denied;
	bool known;

	memset(res, 0, sizeof(*res));
	*reserved = false;
	if (sync_check_name(name, err) < 0 || index_board(s->index, &board, err) < 0)
		return -1;
	denied = board_may_admin(&board, s->login);
	known = board_site(&board, name) != NULL;
	if (known && number && board_site(&board, name)->number != number) {
		int has = board_site(&board, name)->number;
		board_free(&board);
		return cb_fail(err, CB_EINVALID, "site %s already has the number %d; numbers never "
			       "change, as card ids end in them", name, has);
	}
	board_free(&board);
	if (denied)
		return cb_fail(err, CB_EDENIED, "%s may not name the site: %s", s->login, denied);
	/* A server that has its site keeps it: another name is a number reserved for that
	 * office, unless the admin says this server is renamed. */
	*reserved = !this_server && repo_config_get(s->repo, "coboard.site", &here) &&
		    strcmp(sb_str(&here), name) != 0;
	sb_free(&here);
	if (!known) {
		struct new_site site = {name, number};
		struct strbuf subject = {0};
		sb_printf(&subject,
			  *reserved ? UNTRANSLATED("Reserve site %s") : UNTRANSLATED("Add site %s"),
			  name);
		int rc = ops_edit_board(s, add_site, &site, sb_str(&subject), "site", res, err);
		sb_free(&subject);
		if (rc < 0)
			return -1;
	}
	return *reserved ? 0 : repo_config_set(s->repo, "coboard.site", name, err);
}

void sync_last(const char *gitdir, char **name, long long *when)
{
	char path[4096];
	DIR *dir;
	struct dirent *e;

	*name = NULL;
	*when = 0;
	snprintf(path, sizeof(path), "%scoboard-sync", gitdir);
	if (!(dir = opendir(path)))
		return;
	while ((e = readdir(dir))) {
		struct sync_remote r = {.name = e->d_name};
		if (e->d_name[0] == '.')
			continue;
		read_record(gitdir, &r);
		if (r.last_sync > *when) {
			*when = r.last_sync;
			free(*name);
			*name = xstrdup(e->d_name);
		}
	}
	closedir(dir);
}
