/* How long writers wait for each other, and the commit lock's wait: an exclusive flock,
 * which the kernel drops when a writer is killed, and which a waiter sleeps on until the
 * holder lets go rather than polling. (The index's lock is SQLite's own; a flock queue in
 * front of it was measured and made writers slower: waking the next sleeper in line costs
 * more than a running writer taking the lock as it comes free.) */
#ifndef COBOARD_FILE_LOCK_H
#define COBOARD_FILE_LOCK_H

/* How long a writer waits for a lock: $COBOARD_LOCK_TIMEOUT milliseconds, default 10000. */
int file_lock_timeout_ms(void);

/* An exclusive flock on fd, waiting at most timeout_ms: -1 with errno EINTR when the time ran
 * out, or another errno when the lock cannot be had at all. */
int file_lock_wait(int fd, int timeout_ms);

#endif
