/* Runs a program in a pseudo-terminal of a given size, the way a terminal would, and
 * measures what the terminal sees: the time until MARKER first appears (the first complete
 * screen), then for each KEY the bytes written in answer to it (until the output is quiet),
 * and the time until the last byte of that answer (key to screen); then, with
 * BENCH_PTY_CHANGE set, waits a random moment (up to a quarter second, the app's poll
 * period), runs that shell command (a change made by another session) alongside, and measures
 * the time from the moment the change moved the branch (BENCH_PTY_REF: the ref file, whose
 * modification time the commit sets; file times are kept to the kernel's tick, 4 ms at
 * worst) until the screen shows it (the first bytes the program writes unasked); then q and
 * the peak memory of the program.
 * Usage: bench-pty COLS ROWS MARKER KEYS -- PROGRAM ARGS...
 * KEYS is a string of keys to send one at a time, e.g. "jL". Prints name=value lines. */
#define _DEFAULT_SOURCE
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double last_byte_ms; /* when drain last read something */

/* Reads until quiet_ms pass without output; returns the bytes read. */
static long drain(int fd, int quiet_ms, char *seen, size_t seen_size, size_t *seen_len)
{
	char buf[65536];
	long total = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};

	while (poll(&p, 1, quiet_ms) > 0) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		last_byte_ms = now_ms();
		total += n;
		if (seen && *seen_len + (size_t)n < seen_size) {
			memcpy(seen + *seen_len, buf, (size_t)n);
			*seen_len += (size_t)n;
			seen[*seen_len] = '\0';
		}
	}
	return total;
}

int main(int argc, char **argv)
{
	struct winsize ws = {0};
	const char *marker, *keys;
	static char seen[1 << 22];
	size_t seen_len = 0;
	struct rusage ru;
	double start;
	long first_bytes = 0;
	int fd, status;
	pid_t pid;

	if (argc < 7 || strcmp(argv[5], "--") != 0) {
		fprintf(stderr, "usage: bench-pty COLS ROWS MARKER KEYS -- PROGRAM ARGS...\n");
		return 2;
	}
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	marker = argv[3];
	keys = argv[4];
	start = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return perror("forkpty"), 1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[6], argv + 6);
		_exit(127);
	}
	for (;;) {
		char buf[65536];
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if (poll(&p, 1, 10000) <= 0)
			return fprintf(stderr, "bench-pty: no '%s' within 10 s\n", marker), 1;
		n = read(fd, buf, sizeof(buf) - 1);
		if (n <= 0)
			return fprintf(stderr, "bench-pty: the program ended early\n"), 1;
		first_bytes += n;
		if (seen_len + (size_t)n < sizeof(seen) - 1) {
			memcpy(seen + seen_len, buf, (size_t)n);
			seen_len += (size_t)n;
			seen[seen_len] = '\0';
		}
		if (strstr(seen, marker))
			break;
	}
	printf("first_screen_ms=%.2f\n", now_ms() - start);
	first_bytes += drain(fd, 300, NULL, 0, NULL);
	printf("first_screen_bytes=%ld\n", first_bytes);
	for (const char *k = keys; *k; k++) {
		double sent = last_byte_ms = now_ms();

		if (write(fd, k, 1) != 1)
			return 1;
		printf("key_%c_bytes=%ld\n", *k, drain(fd, 400, NULL, 0, NULL));
		printf("key_%c_ms=%.2f\n", *k, last_byte_ms - sent);
	}
	const char *change = getenv("BENCH_PTY_CHANGE"), *ref = getenv("BENCH_PTY_REF");
	if (change && *change && ref && *ref) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		struct timespec shown;
		struct stat st;
		char buf[65536];
		int changed;

		drain(fd, 300, NULL, 0, NULL);
		srandom((unsigned)getpid());
		usleep((useconds_t)(random() % 250000));
		pid_t other = fork();
		if (other == 0) {
			execl("/bin/sh", "sh", "-c", change, (char *)NULL);
			_exit(127);
		}
		if (poll(&p, 1, 10000) <= 0 || read(fd, buf, sizeof(buf)) <= 0)
			return fprintf(stderr, "bench-pty: the change never showed\n"), 1;
		clock_gettime(CLOCK_REALTIME, &shown);
		if (waitpid(other, &changed, 0) < 0 || !WIFEXITED(changed) ||
		    WEXITSTATUS(changed) != 0)
			return fprintf(stderr, "bench-pty: the change failed: %s\n", change), 1;
		if (stat(ref, &st) < 0)
			return fprintf(stderr, "bench-pty: cannot stat %s\n", ref), 1;
		printf("live_update_ms=%.2f\n", (shown.tv_sec - st.st_mtim.tv_sec) * 1e3 +
						       (shown.tv_nsec - st.st_mtim.tv_nsec) / 1e6);
		drain(fd, 300, NULL, 0, NULL);
	}
	if (write(fd, "q", 1) != 1)
		return 1;
	drain(fd, 200, NULL, 0, NULL);
	wait4(pid, &status, 0, &ru);
	printf("max_rss_kb=%ld\n", ru.ru_maxrss);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
