#include "restricted.h"

#include <stdlib.h>
#include <string.h>

#include "../model/strbuf.h"
#include "app.h"

enum { MAX_WORDS = 32 };

bool restricted_wanted(bool flag, const struct cli *cli)
{
	const char *ssh = getenv("SSH_CONNECTION");

	return flag || (cli->user && ssh && *ssh);
}

int restricted_split(const char *line, char **words, int max)
{
	int n = 0;
	const char *p = line;

	for (;;) {
		struct strbuf word = {0};
		bool any = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'' || *p == '"') {
				char quote = *p++;
				const char *end = strchr(p, quote);
				if (!end) {
					sb_free(&word);
					for (int i = 0; i < n; i++)
						free(words[i]);
					return -1;
				}
				sb_add(&word, p, (size_t)(end - p));
				p = end + 1;
			} else {
				sb_putc(&word, *p++);
			}
			any = true;
		}
		if (any && n < max)
			words[n++] = sb_detach(&word);
		sb_free(&word);
	}
	return n;
}

int restricted_run(const struct cli *cli)
{
	const char *requested = getenv("SSH_ORIGINAL_COMMAND");
	char *words[MAX_WORDS];
	int n, status;

	if (!requested || !*requested)
		return app_run(cli);
	n = restricted_split(requested, words, MAX_WORDS);
	if (n < 0) {
		cli_error("the command has an unbalanced quote");
		return EXIT_USAGE;
	}
	if (n == 0)
		return app_run(cli);
	if (words[0][0] == '-') {
		cli_error("'%s' is refused: the board and the member are set by the administrator "
			  "for this key",
			  words[0]);
		status = EXIT_USAGE;
	} else if (!cli_is_read_command(words[0])) {
		cli_error("'%s' is refused over this connection; allowed: board, list, show, log, "
			  "history, search (or no command for the full-screen board)",
			  words[0]);
		status = EXIT_USAGE;
	} else {
		status = cli_run(cli, n, words);
	}
	for (int i = 0; i < n; i++)
		free(words[i]);
	return status;
}
