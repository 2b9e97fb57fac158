#define GIT_API_DEFINITIONS
#include "git_api.h"
#include "git_options.h"

#include "error.h"
#include "i18n.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef COBOARD_LIBGIT2
#define COBOARD_LIBGIT2 "libgit2.so"
#endif

static struct git_api api;
static int loaded;
static void (*when_missing)(const char *why);

/* Why libgit2 would not load, once a load failed: it is not tried again. */
static char load_failure[512];

static void cannot_load(const char *what)
{
	snprintf(load_failure, sizeof(load_failure), _("cannot load %s (%s); install the libgit2 "
		 "package coboard was built with"), COBOARD_LIBGIT2, what);
}

static void configure(void)
{
	api.git_libgit2_init();
	git_options_apply(api.git_libgit2_opts);
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

void git_api_when_missing(void (*handler)(const char *why))
{
	when_missing = handler;
}

const struct git_api *git_api(void)
{
	struct cb_error err = {0};

	if (loaded || git_api_load(&err) == 0)
		return &api;
	/* A call into libgit2 has no error to return here: the front end, which knows whether
	 * it holds the terminal, says why and ends the process. */
	if (when_missing)
		when_missing(err.msg);
	abort();
}

void git_api_verify_reads(void)
{
	git_api()->git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
}

int git_api_loaded(void)
{
	return loaded;
}
