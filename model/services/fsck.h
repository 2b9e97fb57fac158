/* fsck: whether git, the index and the board's rules agree. */
#ifndef COBOARD_FSCK_H
#define COBOARD_FSCK_H

#include "session.h"

/* Checks the board under the writer lock (so a write in progress elsewhere cannot make git
 * and the index look apart), after bringing the index up to the branch: the SQLite file and
 * full-text index, every card and board.conf against the board's rules, canonical form, the
 * index against git, and the minutes' tags (a missing one, left by a killed writer, is made
 * and reported). Each problem is appended to problems as a sentence for the user; *ncards
 * counts the cards that keep the rules. -1 only when the check itself cannot run. */
int fsck_board(struct session *s, struct strvec *problems, size_t *ncards, struct cb_error *err);

#endif
