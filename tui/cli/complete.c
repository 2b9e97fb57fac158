#include "complete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cardlist.h"
#include "sync.h"
#include "command.h"

static void print_options(const struct command *def)
{
	const char *p = def->options;

	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (n)
			printf("--%.*s\n", (int)(p[n - 1] == '=' ? n - 1 : n), p);
		p += n + (p[n] == ' ');
	}
	if (def->formats)
		puts("--format");
	puts("--help");
}

static void print_board_words(struct session *s, const char *kind)
{
	struct cb_error err = {0};
	struct board board;

	if (index_board(s->index, &board, &err) < 0)
		return;
	if (strcmp(kind, "columns") == 0)
		for (size_t i = 0; i < board.ncolumns; i++)
			puts(board.columns[i].key);
	if (strcmp(kind, "agencies") == 0)
		for (size_t i = 0; i < board.nagencies; i++)
			puts(board.agencies[i].code);
	if (strcmp(kind, "members") == 0)
		for (size_t i = 0; i < board.nmembers; i++)
			puts(board.members[i].login);
	if (strcmp(kind, "cards") == 0) {
		struct card_filter all = {0};
		struct card_list cards;
		if (index_card_rows(s->index, &board, &all, &cards, &err) == 0) {
			for (size_t i = 0; i < cards.n; i++)
				printf("%d\n", cards.v[i].id);
			card_list_free(&cards);
		}
	}
	if (strcmp(kind, "remotes") == 0) {
		struct sync_remotes remotes;
		sync_remote_list(s, &remotes);
		for (size_t i = 0; i < remotes.n; i++)
			puts(remotes.v[i].name);
		sync_remotes_free(&remotes);
	}
	board_free(&board);
}

int complete_run(const struct board_choice *cli, const char *kind, const char *command)
{
	struct session *s = NULL;
	struct stat st;

	if (strcmp(kind, "commands") == 0) {
		for (size_t i = 0; i < command_count; i++)
			puts(command_table[i].name);
		return EXIT_OK;
	}
	if (strcmp(kind, "options") == 0) {
		const struct command *def = command ? find_command(command) : NULL;
		if (def)
			print_options(def);
		return EXIT_OK;
	}
	char *path = cli->board_path ? xstrdup(cli->board_path) : session_default_board_path();
	bool exists = stat(path, &st) == 0;
	free(path);
	if (!exists)
		return EXIT_OK;
	/* Errors would land in the middle of the user's command line: none are printed. */
	if (!freopen("/dev/null", "w", stderr) || open_board(cli, &s) != 0)
		return EXIT_OK;
	print_board_words(s, kind);
	session_close(s);
	return EXIT_OK;
}
