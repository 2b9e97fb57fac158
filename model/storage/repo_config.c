/* The repository's settings and what lives beside the branch: config, remotes, hooks, tags,
 * the record of a rewound branch, and the protections of the repository's code. */
#include "repo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool repo_mirror_of(struct repo *repo, struct strbuf *url)
{
	repo_git(repo); /* reads the setting */
	if (repo->mirror_of)
		sb_puts(url, repo->mirror_of);
	return repo->mirror_of != NULL;
}

int repo_install_hook(struct repo *repo, const char *name, const char *script,
		      struct cb_error *err)
{
	char path[4096], tmp[4200];
	struct stat dir;
	size_t len = strlen(script);
	FILE *f;

	snprintf(path, sizeof(path), "%shooks", repo->gitdir);
	mkdir(path, 0775);
	bool shared = stat(path, &dir) == 0 && (dir.st_mode & S_ISGID);
	snprintf(path, sizeof(path), "%shooks/%s", repo->gitdir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	bool written = (f = fopen(tmp, "w")) != NULL && fwrite(script, 1, len, f) == len;
	(void)shared; /* a group member may run the hook, never rewrite it */
	if ((f && fclose(f) != 0) || !written || chmod(tmp, 0755) < 0 ||
	    rename(tmp, path) < 0) {
		int saved = errno;
		unlink(tmp);
		return cb_fail(err, CB_EFAIL, "cannot install the %s hook at %s: %s", name, path,
			       strerror(saved));
	}
	return 0;
}

static void rewound_path(const struct repo *repo, char *path, size_t size)
{
	snprintf(path, size, "%scoboard-rewound", repo->gitdir);
}

void repo_note_rewound(struct repo *repo, const char *had, const char *now)
{
	char path[4096];

	rewound_path(repo, path, sizeof(path));
	FILE *f = fopen(path, "a");
	if (f) {
		fprintf(f, "%s %s %lld\n", had, now, (long long)time(NULL));
		fclose(f);
	}
}

void repo_rewound_commits(struct repo *repo, struct strvec *lost)
{
	char path[4096], line[256], had[64], now[64];
	long long when;
	git_oid had_id, tip;

	rewound_path(repo, path, sizeof(path));
	FILE *f = fopen(path, "r");
	if (!f || git_reference_name_to_id(&tip, repo->git, REPO_BRANCH) < 0) {
		if (f)
			fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %63s %lld", had, now, &when) != 3 ||
		    git_oid_fromstr(&had_id, had) < 0 || repo_descends_from(repo, &tip, &had_id))
			continue;
		char entry[200];
		snprintf(entry, sizeof(entry), "%s %s %lld", had, now, when);
		if (!sv_contains(lost, entry))
			sv_push(lost, entry);
	}
	fclose(f);
}

/* Drops group and other write permission from path, keeping the rest of its mode. */
static int drop_shared_write(const char *path, struct cb_error *err)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : cb_fail(err, CB_EFAIL, "cannot read %s: %s", path,
						     strerror(errno));
	if ((st.st_mode & 022) && chmod(path, st.st_mode & 07755) < 0)
		return cb_fail(err, CB_EFAIL, "cannot make %s writable by its owner only: %s", path,
			       strerror(errno));
	return 0;
}

int repo_protect_code(struct repo *repo, struct cb_error *err)
{
	static const char *const names[] = {"hooks", "hooks/pre-receive", "config"};
	char path[4096];

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s%s", repo->gitdir, names[i]);
		if (drop_shared_write(path, err) < 0)
			return -1;
	}
	return 0;
}

int repo_add_pushed_objects(struct repo *repo, struct cb_error *err)
{
	const char *dir = getenv("GIT_OBJECT_DIRECTORY");
	git_odb *odb = NULL;
	int rc = 0;

	if (str_empty(dir))
		return 0;
	if (git_repository_odb(&odb, repo_git(repo)) < 0 || git_odb_add_disk_alternate(odb, dir) < 0)
		rc = repo_git_fail(err, "cannot read the pushed objects");
	git_odb_free(odb);
	return rc;
}

int repo_ensure_tag(struct repo *repo, const char *name, const git_oid *commit, bool *made,
		    struct cb_error *err)
{
	char ref[512];
	git_oid existing, tag_id;
	git_object *target = NULL;
	int rc = 0;

	if (made)
		*made = false;
	snprintf(ref, sizeof(ref), "refs/tags/%s", name);
	if (git_reference_name_to_id(&existing, repo_git(repo), ref) == 0)
		return 0;
	if (git_object_lookup(&target, repo_git(repo), commit, GIT_OBJECT_COMMIT) < 0 ||
	    git_tag_create_lightweight(&tag_id, repo_git(repo), name, target, 0) < 0)
		rc = cb_fail(err, CB_EFAIL, "the tag %s could not be made: %s", name,
			     git_error_last() ? git_error_last()->message : "git error");
	else if (made)
		*made = true;
	git_object_free(target);
	return rc;
}

int repo_config_get(struct repo *repo, const char *key, struct strbuf *out)
{
	git_config *config = NULL;
	git_buf value = {0};
	int found = 0;

	if (git_repository_config_snapshot(&config, repo_git(repo)) == 0 &&
	    git_config_get_string_buf(&value, config, key) == 0) {
		sb_puts(out, value.ptr);
		found = 1;
	}
	git_buf_dispose(&value);
	git_config_free(config);
	return found;
}

int repo_config_set(struct repo *repo, const char *key, const char *value, struct cb_error *err)
{
	git_config *config = NULL;
	int rc = 0;

	if (git_repository_config(&config, repo_git(repo)) < 0 ||
	    git_config_set_string(config, key, value) < 0)
		rc = repo_git_fail(err, "cannot write the board's git config");
	git_config_free(config);
	return rc;
}

struct remote_lists {
	struct strvec *names, *urls;
};

static int collect_remote(const git_config_entry *entry, void *arg)
{
	struct remote_lists *lists = arg;
	size_t n = strlen(entry->name);

	if (strncmp(entry->name, "remote.", 7) == 0 && n > 11 && strcmp(entry->name + n - 4, ".url") == 0) {
		char *name = xstrndup(entry->name + 7, n - 11);
		sv_push(lists->names, name);
		sv_push(lists->urls, entry->value);
		free(name);
	}
	return 0;
}

/* Walks the config itself: git_remote_list's pattern match leaks in libgit2 1.5. */
void repo_remotes(struct repo *repo, struct strvec *names, struct strvec *urls)
{
	struct remote_lists lists = {names, urls};
	git_config *config = NULL;

	if (git_repository_config_snapshot(&config, repo_git(repo)) == 0)
		git_config_foreach(config, collect_remote, &lists);
	git_config_free(config);
}

bool repo_has_remotes(struct repo *repo)
{
	struct strvec names = {0}, urls = {0};
	bool any;

	repo_remotes(repo, &names, &urls);
	any = names.n > 0;
	sv_free(&names);
	sv_free(&urls);
	return any;
}
