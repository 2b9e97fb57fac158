#include "restricted.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session.h"
#include "strbuf.h"
#include "app.h"
#include "args.h"

enum { MAX_WORDS = 32 };

bool restricted_wanted(bool flag, const struct board_choice *cli)
{
	const char *ssh = getenv("SSH_CONNECTION");

	return flag || (cli->user && ssh && *ssh);
}

/* Whether words ask for git's own transport: another office's server syncing. */
static bool is_transport(const char *word)
{
	return strcmp(word, "git-upload-pack") == 0 || strcmp(word, "git-receive-pack") == 0;
}

/* git-upload-pack or git-receive-pack on the key's board, for an admin's key or a key with
 * the sync role; the path in the remote's URL must name this board. A push passes the
 * board's pre-receive hook like any other. Returns only on failure. */
static int run_transport(const struct board_choice *cli, int n, char **words)
{
	struct session *s = NULL;
	struct board board;
	struct cb_error err = {0};
	char want[PATH_MAX], have[PATH_MAX];
	const char *denied = NULL;

	if (n != 2) {
		say_error("%s takes one path", words[0]);
		return EXIT_USAGE;
	}
	if (open_board(cli, &s) != 0)
		return EXIT_FAIL;
	if (index_board(s->index, &board, &err) < 0) {
		say_error("%s", err.msg);
		session_close(s);
		return EXIT_FAIL;
	}
	denied = board_may_transport(&board, s->login);
	board_free(&board);
	if (denied) {
		say_error("%s may not fetch or push this board: %s", s->login, denied);
		session_close(s);
		return EXIT_FAIL;
	}
	if (!realpath(s->board_path, have) || !realpath(words[1], want) || strcmp(want, have) != 0) {
		say_error("this key serves the board %s; use that path in the remote's URL", s->board_path);
		session_close(s);
		return EXIT_FAIL;
	}
	/* The board's pre-receive hook learns who pushes; only the board's own hook runs. */
	setenv("COBOARD_PUSHER", s->login, 1);
	session_close(s);
	fflush(NULL);
	struct strbuf hooks = {0};
	sb_printf(&hooks, "core.hooksPath=%s/hooks", have);
	execlp("git", "git", "-c", sb_str(&hooks), "-c", "core.fsmonitor=false", words[0] + 4,
	       have, (char *)NULL);
	sb_free(&hooks);
	say_error("cannot run git: is it installed?");
	return EXIT_FAIL;
}

int restricted_run(const struct board_choice *cli)
{
	const char *requested = getenv("SSH_ORIGINAL_COMMAND");
	char *words[MAX_WORDS];
	int n, status;

	if (!requested || !*requested)
		return app_run(cli);
	n = args_split(requested, words, MAX_WORDS);
	if (n < 0) {
		say_error("the command has an unbalanced quote");
		return EXIT_USAGE;
	}
	if (n == 0)
		return app_run(cli);
	if (words[0][0] == '-') {
		say_error("'%s' is refused: the board and the member are set by the administrator "
			  "for this key",
			  words[0]);
		status = EXIT_USAGE;
	} else if (is_transport(words[0])) {
		status = run_transport(cli, n, words);
	} else if (!cli_is_read_command(words[0])) {
		struct strbuf served = {0};
		cli_read_commands(&served);
		say_error("'%s' is refused over this connection; allowed: %s (or no command for the "
			  "full-screen board)",
			  words[0], sb_str(&served));
		sb_free(&served);
		status = EXIT_USAGE;
	} else {
		status = cli_run(cli, n, words);
	}
	for (int i = 0; i < n; i++)
		free(words[i]);
	return status;
}
