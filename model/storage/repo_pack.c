/* Packing the repository as git gc --auto would, so that it does not grow by every loose
 * object of every change: when a change finds many loose objects, a detached
 * `git repack --geometric=2 -d -l` packs them together with the smaller packs, so the
 * versions of a folder's tree delta against each other and packs stay few (our own count
 * decides, not git's sample of one directory), then `git gc --auto` does the rest git
 * would, off the writer's path. Writers and
 * readers survive objects moving into packs (repo_commit writes again, lookups reread). */
#include "repo_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Loose objects before a pack starts; git's own gc.auto is 6700. A change makes about six
 * (the card, its folder, cards/, the root, the commit), so this packs every dozen changes
 * or so: loose objects cost a few KiB each, packed ones a few hundred bytes. */
enum { PACK_LOOSE_OBJECTS = 64, SAMPLED_DIRS = 16, STALE_PACK_LOCK_SECONDS = 600 };

/* Loose objects, estimated from the first SAMPLED_DIRS of the 256 fan-out directories. */
static long loose_objects(const char *gitdir)
{
	long n = 0;

	for (int d = 0; d < SAMPLED_DIRS; d++) {
		char path[4096];
		DIR *dir;
		struct dirent *e;

		snprintf(path, sizeof(path), "%sobjects/%02x", gitdir, d);
		dir = opendir(path);
		while (dir && (e = readdir(dir)))
			n += e->d_name[0] != '.';
		if (dir)
			closedir(dir);
	}
	return n * (256 / SAMPLED_DIRS);
}

/* One packer at a time: a lock file the packer removes when it is done; a lock far older
 * than any pack was left by a packer that was killed. */
static bool take_pack_lock(const char *lock)
{
	struct stat st;
	int fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0 && errno == EEXIST && stat(lock, &st) == 0 &&
	    time(NULL) - st.st_mtime > STALE_PACK_LOCK_SECONDS && unlink(lock) == 0)
		fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void start_packer(const char *gitdir, const char *lock)
{
	pid_t pid = fork();

	if (pid < 0) {
		unlink(lock);
		return;
	}
	if (pid > 0) {
		waitpid(pid, NULL, 0); /* the child only starts the packer and leaves */
		return;
	}
	/* Detached from the command and its terminal: a second fork, a new session. */
	if (fork() != 0)
		_exit(0);
	setsid();
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	execlp("sh", "sh", "-c",
	       "safe='-c core.hooksPath=/dev/null -c core.fsmonitor=false'; "
	       "git $safe --git-dir=\"$1\" repack --geometric=2 -d -l -q; "
	       "git $safe --git-dir=\"$1\" -c gc.autoDetach=false gc --auto --quiet; "
	       "rm -f \"$2\"",
	       "sh", gitdir, lock, (char *)NULL);
	unlink(lock);
	_exit(127);
}

void repo_pack_if_due(struct repo *repo, const git_oid *commit)
{
	char lock[4096];
	const char *off = getenv("COBOARD_NO_PACK");

	/* One change in sixteen looks, so a change pays for the look only now and then. */
	if ((off && *off) || (commit->id[0] & 0x0f) != 0)
		return;
	if (loose_objects(repo->gitdir) < PACK_LOOSE_OBJECTS)
		return;
	snprintf(lock, sizeof(lock), "%scoboard-pack.lock", repo->gitdir);
	if (take_pack_lock(lock))
		start_packer(repo->gitdir, lock);
}
