/* The locks writers take turns with (the index's and the commit's), as exclusive flocks: the
 * kernel drops a killed writer's lock, and a waiter sleeps in the kernel until the holder lets
 * go rather than polling. */
#ifndef COBOARD_FILE_LOCK_H
#define COBOARD_FILE_LOCK_H

/* How long a writer waits for a lock: $COBOARD_LOCK_TIMEOUT milliseconds, default 10000. */
int file_lock_timeout_ms(void);

/* An exclusive flock on fd, waiting at most timeout_ms: -1 with errno EINTR when the time ran
 * out, or another errno when the lock cannot be had at all. */
int file_lock_wait(int fd, int timeout_ms);

#endif
