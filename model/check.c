#include "check.h"

#include <stdio.h>
#include <string.h>

static void problem(struct strvec *problems, const char *path, const char *what)
{
	struct strbuf msg = {0};

	sb_printf(&msg, "%s: %s", path, what);
	sv_push(problems, sb_str(&msg));
	sb_free(&msg);
}

static void check_card(struct repo *repo, const git_oid *commit, const char *path,
		       const struct board *board, struct strvec *problems, good_card_fn good,
		       void *ctx)
{
	struct cb_error perr = {0};
	struct strbuf text = {0};
	struct card card;
	bool found;
	int id = card_id_from_path(path);

	card_init(&card);
	if (!id) {
		char what[128];
		if (strspn(path + 6, "0123456789") > 6)
			snprintf(what, sizeof(what), "the id is out of range (ids run from 1 to %d); the "
				 "file is ignored", CARD_ID_MAX);
		else
			snprintf(what, sizeof(what), "not a card file name (cards/<id>.card)");
		problem(problems, path, what);
	} else if (repo_read(repo, commit, path, &text, &found, &perr) < 0) {
		problem(problems, path, perr.msg);
	} else {
		card_free(&card);
		if (card_parse(&card, sb_str(&text), text.len, &perr) < 0 ||
		    (board->ncolumns && card_validate(&card, board, &perr) < 0)) {
			problem(problems, path, perr.msg);
		} else if (good) {
			card.id = id;
			good(&card, path, sb_str(&text), text.len, ctx);
		}
	}
	card_free(&card);
	sb_free(&text);
}

int check_tree(struct repo *repo, const git_oid *commit, struct board *board,
	       struct strvec *problems, good_card_fn good, void *ctx, struct cb_error *err)
{
	struct strvec paths = {0};
	struct strbuf conf = {0};
	struct cb_error perr = {0};
	bool found;

	memset(board, 0, sizeof(*board));
	if (repo_read(repo, commit, "board.conf", &conf, &found, err) < 0)
		return -1;
	if (!found) {
		problem(problems, "board.conf", "missing");
	} else if (board_parse(board, sb_str(&conf), conf.len, &perr) < 0) {
		problem(problems, "board.conf", perr.msg);
		board_free(board);
		memset(board, 0, sizeof(*board));
	}
	sb_free(&conf);
	if (repo_list_cards(repo, commit, &paths, err) < 0)
		return -1;
	for (size_t i = 0; i < paths.n; i++)
		check_card(repo, commit, paths.v[i], board, problems, good, ctx);
	sv_free(&paths);
	return 0;
}
