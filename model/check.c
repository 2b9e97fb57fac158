#include "check.h"

#include <stdio.h>
#include <stdlib.h>
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
		const char *name = strrchr(path, '/') + 1;
		size_t digits = strspn(name, "0123456789");
		char what[160], home[32];
		int named = digits > 0 && digits <= 6 ? atoi(name) : 0;

		card_path(named, home);
		if (digits > 6)
			snprintf(what, sizeof(what), "the id is out of range (ids run from 1 to %d); the "
				 "file is ignored", CARD_ID_MAX);
		else if (named > 0 && strcmp(name, strrchr(home, '/') + 1) == 0)
			snprintf(what, sizeof(what), "not in its folder: card #%d is %s", named, home);
		else
			snprintf(what, sizeof(what), "not a card file name (cards/<folder>/<id>.card)");
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
	/* A card in both layouts (cards/7.card beside cards/00/7.card) is checked once. */
	unsigned char *seen = xcalloc(CARD_ID_MAX / 8 + 1, 1);
	for (size_t i = 0; i < paths.n; i++) {
		int id = card_id_from_path(paths.v[i]);

		if (id && (seen[id / 8] & (1u << (id % 8)))) {
			char what[96];
			snprintf(what, sizeof(what), "card #%d is here and in its folder; remove "
				 "cards/%d.card", id, id);
			problem(problems, paths.v[i], what);
			continue;
		}
		if (id)
			seen[id / 8] |= (unsigned char)(1u << (id % 8));
		check_card(repo, commit, paths.v[i], board, problems, good, ctx);
	}
	free(seen);
	sv_free(&paths);
	return 0;
}
