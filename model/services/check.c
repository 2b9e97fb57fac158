#include "check.h"
#include "i18n.h"

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
			snprintf(what, sizeof(what),
				 _("the id is out of range (ids run from 1 to %d); the "
				   "file is ignored"),
				 CARD_ID_MAX);
		else if (named > 0 && strcmp(name, strrchr(home, '/') + 1) == 0)
			snprintf(what, sizeof(what), _("not in its folder: card #%d is %s"), named,
				 home);
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
	if (repo_read(repo, commit, "board.conf", &conf, &found, &perr) < 0) {
		if (perr.code != CB_EINVALID) {
			*err = perr;
			sb_free(&conf);
			return -1;
		}
		problem(problems, "board.conf", perr.msg); /* over the size limit */
		cb_error_clear(&perr);
	} else if (!found) {
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
			snprintf(what, sizeof(what), _("card #%d is here and in its folder; remove "
				 "cards/%d.card"), id, id);
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

/* A new card id may be at most this far above the highest id before it. */
enum { ID_JUMP_MAX = 100000 };

static const struct {
	const char *name;
	bool dir;
} board_layout[] = {{"board.conf", false}, {".gitattributes", false}, {"cards", true},
		    {"meetings", true}};

static bool in_layout(const char *path)
{
	size_t len = strcspn(path, "/");

	for (size_t i = 0; i < sizeof(board_layout) / sizeof(*board_layout); i++)
		if (strlen(board_layout[i].name) == len &&
		    strncmp(path, board_layout[i].name, len) == 0)
			return board_layout[i].dir == (path[len] == '/');
	return false;
}

static void push_once(struct strvec *problems, const char *commit, const char *what)
{
	struct strbuf line = {0};

	sb_printf(&line, "commit %.7s: %s", commit, what);
	if (!sv_contains(problems, sb_str(&line)))
		sv_push(problems, sb_str(&line));
	sb_free(&line);
}

/* The problems a commit's board.conf change brings: those of its whole tree that its first
 * parent's tree did not have. */
static int conf_change_problems(struct repo *repo, const git_oid *commit, const char *parent_hex,
				struct strvec *out, struct cb_error *err)
{
	struct strvec before = {0}, after = {0};
	struct board board;
	git_oid parent;
	int rc = check_tree(repo, commit, &board, &after, NULL, NULL, err);

	board_free(&board);
	if (rc == 0 && *parent_hex && git_oid_fromstr(&parent, parent_hex) == 0) {
		rc = check_tree(repo, &parent, &board, &before, NULL, NULL, err);
		board_free(&board);
	}
	for (size_t i = 0; rc == 0 && i < after.n; i++)
		if (!sv_contains(&before, after.v[i]))
			sv_push(out, after.v[i]);
	sv_free(&before);
	sv_free(&after);
	return rc;
}

/* A card is in one place: its folder, or (on a board made before folders) cards/<id>.card. */
static void check_one_copy(struct repo *repo, const git_oid *commit, int card,
			   struct strvec *found)
{
	char home[32], flat[32], what[160];
	struct strbuf text = {0};
	struct cb_error ignored = {0};
	bool in_home = false, in_flat = false;

	if (!card)
		return;
	card_path(card, home);
	snprintf(flat, sizeof(flat), "cards/%d.card", card);
	repo_read(repo, commit, home, &text, &in_home, &ignored);
	sb_reset(&text);
	repo_read(repo, commit, flat, &text, &in_flat, &ignored);
	sb_free(&text);
	if (in_home && in_flat) {
		snprintf(what, sizeof(what), _("%s: card #%d is here and in its folder; remove %s"),
			 flat, card, flat);
		sv_push(found, what);
	}
}

static int check_one_commit(struct repo *repo, const git_oid *id, int *max_id,
			    struct strvec *problems, struct cb_error *err)
{
	struct commit_info info;
	struct strvec found = {0};
	struct strbuf conf = {0};
	struct board board = {0};
	struct cb_error perr = {0};
	bool conf_changed = false, has_conf = false;
	char what[256];
	int rc;

	if (repo_commit_info(repo, id, &info, err) < 0)
		return -1;
	for (size_t i = 0; i < info.nchanges; i++)
		conf_changed |= strcmp(info.changes[i].path, "board.conf") == 0;
	char parent_hex[GIT_OID_HEXSZ + 1] = "";
	if (git_commit_parentcount(info.commit))
		git_oid_tostr(parent_hex, sizeof(parent_hex), git_commit_parent_id(info.commit, 0));
	rc = conf_changed ? conf_change_problems(repo, id, parent_hex, &found, err)
			  : repo_read(repo, id, "board.conf", &conf, &has_conf, &perr);
	if (!conf_changed && rc == 0 && has_conf)
		has_conf = board_parse(&board, sb_str(&conf), conf.len, &perr) == 0;
	rc = rc < 0 && !conf_changed ? 0 : rc; /* an unreadable board.conf was reported before */
	for (size_t i = 0; rc == 0 && i < info.nchanges; i++) {
		const struct file_change *c = &info.changes[i];
		int card = card_id_from_path(c->path);

		if (!c->new_text && !c->too_big)
			continue; /* removed */
		if (!in_layout(c->path)) {
			snprintf(what, sizeof(what),
				 _("%.160s: not part of a board (it holds only "
				   "board.conf, .gitattributes, cards/ and meetings/); remove it"),
				 c->path);
			sv_push(&found, what);
		} else if (c->too_big && !card) {
			snprintf(what, sizeof(what),
				 _("%.160s: %zu bytes, over the limit of %d KiB for "
				   "a file of the board"),
				 c->path, c->too_big, BOARD_FILE_MAX / 1024);
			sv_push(&found, what);
		} else if (strncmp(c->path, "cards/", 6) == 0 && !conf_changed) {
			check_card(repo, id, c->path, has_conf ? &board : &(struct board){0}, &found,
				   NULL, NULL);
			check_one_copy(repo, id, card, &found);
		}
		if (card > *max_id + ID_JUMP_MAX) {
			snprintf(
				what, sizeof(what),
				_("%.160s: card #%d is far above the board's highest "
				  "id (#%d): `coboard add` goes on from the highest, so give it an id "
				  "near the others"),
				c->path, card, *max_id);
			sv_push(&found, what);
		} else if (card > *max_id) {
			*max_id = card;
		}
	}
	for (size_t i = 0; i < found.n; i++)
		push_once(problems, info.oid, found.v[i]);
	sv_free(&found);
	sb_free(&conf);
	board_free(&board);
	commit_info_free(&info);
	return rc;
}

int check_commits(struct repo *repo, const git_oid *from, const git_oid *to,
		  struct strvec *problems, struct cb_error *err)
{
	git_oid *ids = NULL;
	size_t n = 0;
	int max_id = 0, rc;

	rc = repo_new_commits(repo, from, to, &ids, &n, err);
	if (rc == 0 && n)
		rc = repo_highest_card(repo, from, &max_id, err);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = check_one_commit(repo, &ids[i], &max_id, problems, err);
	free(ids);
	return rc;
}
