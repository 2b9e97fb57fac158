/* How coboard starts libgit2, in one place: the library (git_api.c) and the floor that
 * scripts/bench measures coboard against (scripts/bench-floor.c) both start it so, and
 * both define the certificate skip of notls.c, so the floor does no work coboard skips.
 * opts is git_libgit2_opts, reached however the caller reaches libgit2. */
#ifndef COBOARD_GIT_OPTIONS_H
#define COBOARD_GIT_OPTIONS_H

#ifdef COBOARD_FRONT_END
#error "git_options.h is the storage layer's own: a front end never starts libgit2 itself"
#endif

#include <git2.h>

/* As coboard wants it: objects and refs fsynced, no lookup before each object write, and
 * caches sized for boards of ten thousand cards. */
static inline void git_options_apply(int (*opts)(int option, ...))
{
	opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* Objects written by one commit are read back at once; strict creation checks cost a
	 * lookup per object for nothing. */
	opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	/* Like git, an object read is not hashed again to check its id: zlib's checksum
	 * already catches a damaged object, and hashing was a quarter of a reindex. fsck turns
	 * it back on (git_api_verify_reads). */
	opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* A folder of cards/ can be over libgit2's default 4 KiB cache limit for trees; without
	 * caching it, every commit walked re-inflates its parent's trees. */
	opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)16 << 20);
	/* A walk of the history needs a commit's trees and its parent's, not all of them: a
	 * small cache keeps reindex's memory flat however long the history (libgit2 counts a
	 * tree's bytes, not its parsed entries, which cost as much again). */
	opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)4 << 20);
	/* Packs are read through mapped windows, which count as the process's memory: small
	 * windows, and few kept mapped, rather than the whole of a big board's packs (8 MiB
	 * keeps reindex of 100,000 commits at 65 MB; at 6 MiB the windows thrash). */
	opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)8 << 20);
}

#endif
