/* The rules a board's tree must keep, checked straight from git: what `fsck` reports and
 * what the pre-receive hook refuses at the door. */
#ifndef COBOARD_CHECK_H
#define COBOARD_CHECK_H

#ifdef COBOARD_FRONT_END
#error "check.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "board.h"
#include "card.h"
#include "repo.h"

/* Called for each card that parses and keeps the board's rules: text is the file as stored. */
typedef void (*good_card_fn)(const struct card *card, const char *path, const char *text,
			     size_t len, void *ctx);

/* Checks the tree of commit: board.conf parses and is valid; every file in cards/ is named
 * cards/<id>.card with an id in range, is within CARD_FILE_MAX (read from the object's header,
 * never loaded when over it), parses and keeps the board's rules. Each problem is appended to
 * problems as "PATH: what" (with the line where there is one). The board.conf found is left
 * in *board (zeroed when there is none that parses). Returns -1 only when git cannot be read. */
int check_tree(struct repo *repo, const git_oid *commit, struct board *board,
	       struct strvec *problems, good_card_fn good, void *ctx, struct cb_error *err);

/* Every commit that to brings (commits neither from, NULL for none, nor the board's branch
 * holds), each checked as the change it makes to its first parent: only the board's own
 * layout (board.conf, .gitattributes, cards/, meetings/), every file within its limit, each
 * card it adds or changes parses and keeps the rules of board.conf at that commit, a
 * board.conf it changes parses (and the cards still keep it), and no id jumps so far
 * that `coboard add` could not go on from it. Problems are appended once each, as
 * "commit ABCDEF1: PATH: what". This is the one check of everything that comes in: a push
 * (the pre-receive hook) and a sync, merged or fast-forwarded. */
int check_commits(struct repo *repo, const git_oid *from, const git_oid *to,
		  struct strvec *problems, struct cb_error *err);

#endif
