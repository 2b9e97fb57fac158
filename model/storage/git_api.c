#define GIT_API_DEFINITIONS
#include "git_api.h"

#include "error.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef COBOARD_LIBGIT2
#define COBOARD_LIBGIT2 "libgit2.so"
#endif

static struct git_api api;
static int loaded;

/* Why libgit2 would not load, once a load failed: it is not tried again. */
static char load_failure[512];

static void cannot_load(const char *what)
{
	snprintf(load_failure, sizeof(load_failure), "cannot load %s (%s); install the libgit2 "
		 "package coboard was built with", COBOARD_LIBGIT2, what);
}

/* As coboard wants it: objects and refs fsynced, no lookup before each object write, and
 * caches sized for boards of ten thousand cards. */
static void configure(void)
{
	api.git_libgit2_init();
	api.git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* Objects written by one commit are read back at once; strict creation checks cost a
	 * lookup per object for nothing. */
	api.git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	/* Like git, an object read is not hashed again to check its id: zlib's checksum
	 * already catches a damaged object, and hashing was a quarter of a reindex. fsck turns
	 * it back on (git_api_verify_reads). */
	api.git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* A folder of cards/ can be over libgit2's default 4 KiB cache limit for trees; without
	 * caching it, every commit walked re-inflates its parent's trees. */
	api.git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)16 << 20);
	/* A walk of the history needs a commit's trees and its parent's, not all of them: a
	 * small cache keeps reindex's memory flat however long the history (libgit2 counts a
	 * tree's bytes, not its parsed entries, which cost as much again). */
	api.git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)4 << 20);
	/* Packs are read through mapped windows, which count as the process's memory: small
	 * windows, and few kept mapped, rather than the whole of a big board's packs (8 MiB
	 * keeps reindex of 100,000 commits at 65 MB; at 6 MiB the windows thrash). */
	api.git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	api.git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)8 << 20);
}

int git_api_load(struct cb_error *err)
{
	void *lib = NULL;

	if (loaded)
		return 0;
	if (!load_failure[0] && !(lib = dlopen(COBOARD_LIBGIT2, RTLD_LAZY | RTLD_GLOBAL)))
		cannot_load(dlerror());
#define GIT_API_LOAD(name)                                                                    \
	if (!load_failure[0] && !(*(void **)&api.name = dlsym(lib, #name)))                    \
		cannot_load(#name " is missing");
	GIT_API(GIT_API_LOAD)
#undef GIT_API_LOAD
	if (load_failure[0])
		return cb_fail(err, CB_EFAIL, "%s", load_failure);
	loaded = 1;
	configure();
	return 0;
}

const struct git_api *git_api(void)
{
	struct cb_error err = {0};

	if (loaded || git_api_load(&err) == 0)
		return &api;
	/* A process that needs git and cannot have it can do nothing more; the app asked
	 * before it took the terminal (session_need_git), so the terminal is its own here. */
	fprintf(stderr, "coboard: %s\n", err.msg);
	exit(1);
}

void git_api_verify_reads(void)
{
	git_api()->git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
}

int git_api_loaded(void)
{
	return loaded;
}
