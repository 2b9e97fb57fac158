/* Handing a message to the system's sendmail interface, and the parts of a message that must
 * be encoded for mail (RFC 2047 words for headers that are not ASCII). */
#include "i18n.h"
#include "mail.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char base64_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(const unsigned char *in, size_t len, struct strbuf *out)
{
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < len ? (unsigned)in[i + 1] << 8 : 0) |
			     (i + 2 < len ? in[i + 2] : 0);
		sb_putc(out, base64_chars[(v >> 18) & 63]);
		sb_putc(out, base64_chars[(v >> 12) & 63]);
		sb_putc(out, i + 1 < len ? base64_chars[(v >> 6) & 63] : '=');
		sb_putc(out, i + 2 < len ? base64_chars[v & 63] : '=');
	}
}

void mail_header_text(const char *text, struct strbuf *out)
{
	bool ascii = true;

	for (const char *p = text; *p; p++)
		ascii &= (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f;
	if (ascii) {
		sb_puts(out, text);
		return;
	}
	/* Encoded words of at most 45 bytes each (60 characters of base64), cut between
	 * characters, never inside one. */
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		size_t n = 0;
		while (i + n < len && n < 45) {
			size_t c = 1;
			while (i + n + c < len && ((unsigned char)text[i + n + c] & 0xc0) == 0x80)
				c++;
			if (n + c > 45)
				break;
			n += c;
		}
		sb_puts(out, i ? "\n =?UTF-8?B?" : "=?UTF-8?B?");
		base64((const unsigned char *)text + i, n, out);
		sb_puts(out, "?=");
		i += n;
	}
}

int mail_send(const char *program, const char *message, struct strbuf *problem)
{
	int in[2], status;
	pid_t pid;

	if (pipe(in) < 0) {
		sb_printf(problem, _("cannot start %s: %s"), program, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[0]);
		close(in[1]);
		execl(program, program, "-t", "-i", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	if (pid < 0) {
		close(in[1]);
		sb_printf(problem, "cannot start %s: %s", program, strerror(errno));
		return -1;
	}
	/* A sendmail that dies early must not kill coboard with SIGPIPE. */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	size_t len = strlen(message), done = 0;
	while (done < len) {
		ssize_t w = write(in[1], message + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			sb_printf(problem, "%s: %s", program, strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			sb_printf(problem,
				  _("%s cannot be run (is a mail transfer agent installed?)"),
				  program);
		else if (WIFEXITED(status))
			sb_printf(problem, _("%s exited with status %d"), program,
				  WEXITSTATUS(status));
		else
			sb_printf(problem, _("%s was killed by signal %d"), program,
				  WTERMSIG(status));
		return -1;
	}
	if (done < len) {
		sb_printf(problem, _("%s took only %zu of %zu bytes"), program, done, len);
		return -1;
	}
	return 0;
}
