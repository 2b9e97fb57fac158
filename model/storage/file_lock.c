#include "file_lock.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/time.h>

int file_lock_timeout_ms(void)
{
	const char *s = getenv("COBOARD_LOCK_TIMEOUT");
	int ms = s ? atoi(s) : 0;

	return ms > 0 ? ms : 10000;
}

static volatile sig_atomic_t lock_timed_out;

static void on_lock_timeout(int sig)
{
	(void)sig;
	lock_timed_out = 1;
}

int file_lock_wait(int fd, int timeout_ms)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return -1;
	/* A waiter sleeps in the kernel until the holder lets go, rather than polling: seven
	 * pollers waking every few hundred microseconds took the CPU from the one process
	 * holding the lock, and stretched its commit fivefold. The timer breaks the wait (no
	 * SA_RESTART) after timeout_ms. */
	struct sigaction on_timer = {0}, saved;
	struct itimerval limit = {{0, 0}, {timeout_ms / 1000, (timeout_ms % 1000) * 1000L}};
	struct itimerval off = {{0, 0}, {0, 0}};
	int rc;

	on_timer.sa_handler = on_lock_timeout;
	sigemptyset(&on_timer.sa_mask);
	lock_timed_out = 0;
	sigaction(SIGALRM, &on_timer, &saved);
	setitimer(ITIMER_REAL, &limit, NULL);
	while ((rc = flock(fd, LOCK_EX)) < 0 && errno == EINTR && !lock_timed_out)
		; /* another signal (a resized terminal): keep waiting */
	int saved_errno = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &saved, NULL);
	errno = saved_errno;
	return rc;
}
