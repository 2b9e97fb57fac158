/* Writers at once: W processes, each running C changes one after another through the CLI
 * (moves of its own card between two columns), all started together. Prints the total
 * changes per second over the whole run and the median, 90th percentile and worst time of
 * one change as its writer saw it (waiting for the others included).
 * Usage: bench-writers W C COBOARD BOARD USER */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One change as its own process; its time in ms, or -1 when it failed. */
static double one_change(char **argv)
{
	double t0 = now_ms();
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? now_ms() - t0 : -1;
}

int main(int argc, char **argv)
{
	int writers = argc == 6 ? atoi(argv[1]) : 0, changes = argc == 6 ? atoi(argv[2]) : 0;
	int fds[2];
	double start, *ms;
	size_t n = 0;

	if (writers <= 0 || changes <= 0)
		return fprintf(stderr, "usage: bench-writers WRITERS CHANGES COBOARD BOARD USER\n"), 2;
	if (pipe(fds) < 0)
		return perror("pipe"), 1;
	start = now_ms();
	for (int w = 0; w < writers; w++) {
		if (fork() != 0)
			continue;
		close(fds[0]);
		for (int i = 0; i < changes; i++) {
			char card[16];
			snprintf(card, sizeof(card), "%d", 10 + w);
			char *cmd[] = {argv[3], "--board", argv[4], "--user", argv[5], "move", card,
				       i % 2 ? "todo" : "in-progress", NULL};
			double t = one_change(cmd);
			if (write(fds[1], &t, sizeof(t)) != sizeof(t))
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	ms = calloc((size_t)writers * (size_t)changes, sizeof(*ms));
	for (double t; read(fds[0], &t, sizeof(t)) == sizeof(t);) {
		if (t < 0)
			return fprintf(stderr, "bench-writers: a change failed\n"), 1;
		ms[n++] = t;
	}
	while (wait(NULL) > 0)
		;
	double total = now_ms() - start;
	qsort(ms, n, sizeof(*ms), by_value);
	printf("rate=%.1f p50=%.2f p90=%.2f max=%.2f\n", n / (total / 1e3), ms[(n - 1) / 2],
	       ms[(n * 9 + 9) / 10 - 1], ms[n - 1]);
	free(ms);
	return 0;
}
