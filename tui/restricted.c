#include "restricted.h"

#include <stdlib.h>
#include <string.h>

#include "../model/strbuf.h"
#include "app.h"
#include "args.h"

enum { MAX_WORDS = 32 };

bool restricted_wanted(bool flag, const struct cli *cli)
{
	const char *ssh = getenv("SSH_CONNECTION");

	return flag || (cli->user && ssh && *ssh);
}

int restricted_run(const struct cli *cli)
{
	const char *requested = getenv("SSH_ORIGINAL_COMMAND");
	char *words[MAX_WORDS];
	int n, status;

	if (!requested || !*requested)
		return app_run(cli);
	n = args_split(requested, words, MAX_WORDS);
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
