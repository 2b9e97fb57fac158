/* coboard: a terminal kanban board whose state lives in git. */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session.h"
#include "strbuf.h"
#include "app.h"
#include "cli.h"
#include "complete.h"
#include "man.h"
#include "restricted.h"
#include "screen.h"
#include "text.h"

#ifndef COBOARD_VERSION
#define COBOARD_VERSION "dev"
#endif

/* Memory that is freed is kept for the next allocation, not handed back to the kernel at
 * once: a command ends soon anyway, and the app comes back to the same sizes at every
 * reload. Every git object written takes a 256 KiB zlib state: as a mapping of its own it
 * was faulted in afresh each time, and unmapping it flushed the TLBs of every CPU, which
 * with several writers at once was a tenth of their time in the kernel. The app's peak
 * memory is the same either way; a card move in it got 7 ms faster at 10,000 cards. */
static void keep_freed_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
}

/* A command reached for git and libgit2 will not load (the app asks before it takes the
 * terminal, so this is a CLI write, or a bug): the terminal back, the reason, and the end. */
static void git_missing(const char *why)
{
	screen_end();
	say_error("%s", why);
	exit(EXIT_FAIL);
}

int main(int argc, char **argv)
{
	struct board_choice cli = {0};
	bool restricted_flag = false;
	int i, status;

	text_init_locale();
	/* A full disk or a file size limit must be an error message, not a killed process. */
	signal(SIGXFSZ, SIG_IGN);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--board") == 0 && i + 1 < argc)
			cli.board_path = argv[++i];
		else if (strncmp(argv[i], "--board=", 8) == 0)
			cli.board_path = argv[i] + 8;
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			cli.user = argv[++i];
		else if (strncmp(argv[i], "--user=", 7) == 0)
			cli.user = argv[i] + 7;
		else if (strcmp(argv[i], "--restricted") == 0)
			restricted_flag = true;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_usage();
			return EXIT_OK;
		} else if (strcmp(argv[i], "--complete") == 0 && i + 1 < argc) {
			/* For the shell's completion (completion/coboard.bash), not for people. */
			session_global_init(git_missing);
			status = complete_run(&cli, argv[i + 1], i + 2 < argc ? argv[i + 2] : NULL);
			session_global_shutdown();
			return status;
		} else if (strcmp(argv[i], "--man") == 0) {
			/* The manual page as roff: `make` writes it to coboard.1. */
			struct strbuf page = {0};
			man_page(&page);
			fputs(sb_str(&page), stdout);
			sb_free(&page);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("coboard %s\n", COBOARD_VERSION);
			return EXIT_OK;
		} else if (argv[i][0] == '-') {
			say_error("unknown option '%s'; `coboard --help` lists the options", argv[i]);
			return EXIT_USAGE;
		} else
			break;
	}
	if (cli.user && str_empty(cli.user)) {
		say_error("--user needs a login");
		return EXIT_USAGE;
	}
	cli.restricted = restricted_wanted(restricted_flag, &cli);
	keep_freed_memory();
	session_global_init(git_missing);
	if (cli.restricted) {
		/* Arguments after the forced command's own belong to the administrator; what the
		 * user asked for arrives in SSH_ORIGINAL_COMMAND. */
		status = i < argc ? cli_run(&cli, argc - i, argv + i) : restricted_run(&cli);
	} else if (i < argc) {
		status = cli_run(&cli, argc - i, argv + i);
	} else {
		status = app_run(&cli);
	}
	session_global_shutdown();
	return status;
}
