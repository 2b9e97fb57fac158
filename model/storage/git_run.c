#include "git_run.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Nothing in the repository's config makes git run a program of someone else's choosing:
 * no hooks, no file-system monitor, no credential helper or password prompt, no ext::
 * transport; and objects that come in are checked by git itself. */
static const char *const safe_config[] = {
	"core.hooksPath=/dev/null", "core.fsmonitor=false", "credential.helper=",
	"core.askPass=", "protocol.ext.allow=never", "transfer.fsckObjects=true",
	"core.gitProxy=", "core.alternateRefsCommand=", "http.lowSpeedLimit=1", NULL};

static void child(const char *gitdir, const char *const argv[], int out_fd, int err_fd,
		  int timeout_s)
{
	size_t n = 0, k = 1, nsafe = sizeof(safe_config) / sizeof(*safe_config) - 1;
	char low_speed_time[64], ssh[160];

	while (argv[n])
		n++;
	const char **args = xcalloc(n + 2 * nsafe + 4, sizeof(*args));
	args[0] = "git";
	for (size_t i = 0; i < nsafe; i++) {
		args[k++] = "-c";
		args[k++] = safe_config[i];
	}
	snprintf(low_speed_time, sizeof(low_speed_time), "http.lowSpeedTime=%d", timeout_s);
	args[k++] = "-c";
	args[k++] = low_speed_time;
	memcpy(args + k, argv, n * sizeof(*args));
	setpgid(0, 0);
	int devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0)
		dup2(devnull, 0);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	setenv("GIT_DIR", gitdir, 1);
	setenv("GIT_TERMINAL_PROMPT", "0", 1);
	/* Its messages are read here ("fetch first"): git's own, untranslated, words. */
	setenv("LC_ALL", "C", 1);
	/* An unattended sync must fail, not wait for a passphrase or a host key answer. */
	if (!getenv("GIT_SSH_COMMAND") && !getenv("GIT_SSH")) {
		snprintf(ssh, sizeof(ssh), "ssh -o BatchMode=yes -o ConnectTimeout=%d "
			 "-o ServerAliveInterval=%d -o ServerAliveCountMax=2", timeout_s,
			 timeout_s);
		setenv("GIT_SSH_COMMAND", ssh, 1);
	}
	execvp("git", (char *const *)args);
	_exit(127);
}

/* Reads both pipes to their end; false when git said nothing for timeout_s seconds (it is
 * then stopped). */
static bool drain(int fds[2], struct strbuf *sinks[2], pid_t pid, int timeout_s)
{
	struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
	int open_fds = 2;
	char buf[4096];

	while (open_fds > 0) {
		int ready = poll(p, 2, timeout_s * 1000);
		if (ready == 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			for (int i = 0; i < 2; i++)
				if (p[i].fd >= 0)
					close(p[i].fd);
			return false;
		}
		if (ready < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t r = read(p[i].fd, buf, sizeof(buf));
			if (r > 0 && sinks[i])
				sb_add(sinks[i], buf, (size_t)r);
			if (r <= 0 && !(r < 0 && errno == EINTR)) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			}
		}
	}
	return true;
}

int git_timeout_seconds(void)
{
	const char *env = getenv("COBOARD_NET_TIMEOUT");
	int t = env ? atoi(env) : 0;

	return t > 0 ? t : GIT_TIMEOUT_DEFAULT;
}

int git_run(const char *gitdir, const char *const argv[], struct strbuf *out,
	    struct strbuf *errors)
{
	int out_pipe[2], err_pipe[2], status, timeout_s = git_timeout_seconds();
	pid_t pid;

	if (pipe(out_pipe) < 0)
		return -1;
	if (pipe(err_pipe) < 0) {
		close(out_pipe[0]);
		close(out_pipe[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(out_pipe[0]);
		close(err_pipe[0]);
		child(gitdir, argv, out_pipe[1], err_pipe[1], timeout_s);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	if (pid < 0) {
		close(out_pipe[0]);
		close(err_pipe[0]);
		return -1;
	}
	bool answered = drain((int[2]){out_pipe[0], err_pipe[0]}, (struct strbuf *[2]){out, errors},
			      pid, timeout_s);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!answered) {
		if (errors)
			sb_printf(errors,
				  _("\nfatal: no answer for %d seconds (the other server or the "
				    "network is down; COBOARD_NET_TIMEOUT sets the wait)\n"),
				  timeout_s);
		return GIT_TIMED_OUT;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}

const char *git_error_line(struct strbuf *errors)
{
	static const char *const prefixes[] = {"fatal: ", "error: "};
	static char with_cause[512];
	char *text = errors->buf ? errors->buf : (char *)"";
	char *last = NULL;

	/* git's first "fatal:" or "error:" line says what failed; what follows is advice. What
	 * ssh said before it is the cause ("Connection refused", "Permission denied"), kept. */
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		line[strcspn(line, "\r")] = '\0';
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
			if (strncmp(line, prefixes[i], strlen(prefixes[i])) != 0)
				continue;
			if (!last)
				return line + strlen(prefixes[i]);
			snprintf(with_cause, sizeof(with_cause), "%s (%s)", last,
				 line + strlen(prefixes[i]));
			return with_cause;
		}
		if (*line && strncmp(line, "warning: ", 9) != 0 && strncmp(line, "hint: ", 6) != 0)
			last = line;
	}
	return last ? last : "";
}
