/* Each office keeps its own authority. Who may do what on this server (board.conf's members,
 * their roles and keys, the default role, the sites) is what this office's admins accepted,
 * kept beside the repository in <gitdir>coboard-authority.conf, never taken from a branch
 * another office can push to. board.conf in git carries proposals: a member line another
 * office added or changed shows here as "proposed by ...", and takes effect only when a local
 * admin accepts it. Columns, agencies and the title merge as any other change.
 *
 * The file is a board.conf as this office last accepted it, plus "# refused: LINE" comments
 * for proposals an admin turned down. A board that has none yet (made by an older coboard)
 * starts from the board.conf it holds when first opened. */
#ifndef COBOARD_AUTHORITY_H
#define COBOARD_AUTHORITY_H

#include <stdbool.h>

#include "board.h"
#include "error.h"
#include "strbuf.h"

/* <gitdir>coboard-authority.conf, for gitdir ending in '/'. Caller frees. */
char *authority_path(const char *gitdir);

/* What this office accepted: found false when there is no file (the board is then taken as it
 * is in git). refused gets the refused lines. -1 when the file cannot be read or parsed. */
int authority_read(const char *gitdir, struct board *accepted, struct strvec *refused,
		   bool *found, struct cb_error *err);
/* Replaces the file atomically with accepted's authority and the refused lines. */
int authority_write(const char *gitdir, const struct board *accepted,
		    const struct strvec *refused, struct cb_error *err);
/* Replaces the accepted board with board_conf (a board.conf text), keeping the refused
 * lines and adding those of refuse (NULL: none). */
int authority_save(const char *gitdir, const char *board_conf, const struct strvec *refuse,
		   struct cb_error *err);
/* Creates the file from board when there is none (trust on first use); a file already there
 * is left alone, also when another process wrote it meanwhile. */
void authority_create_if_missing(const char *gitdir, const struct board *board);

/* Makes board's members, default role and sites those of accepted (deep copies). */
void authority_overlay(struct board *board, const struct board *accepted);

/* One difference between board.conf in git and what this office accepted. */
struct proposal {
	char *key;      /* a login, "site:NAME" or "default-role" */
	char *proposed; /* the line in git, "" when git removes it */
	char *current;  /* the line in force here, "" when there is none */
	char *what;     /* in words: "alice becomes admin (now member)" */
};
struct proposals {
	struct proposal *v;
	size_t n;
};
/* The differences, in board order, leaving out those refused. */
void authority_proposals(const struct board *in_git, const struct board *accepted,
			 const struct strvec *refused, struct proposals *out);
void proposals_free(struct proposals *p);
/* The proposal key names (a login, "site:NAME", "default-role"), NULL when none does. */
const struct proposal *proposal_find(const struct proposals *p, const char *key);

/* Applies one proposal to accepted (adds, replaces or removes the entry). */
void authority_accept(struct board *accepted, const struct proposal *p);

/* The authority line of a member ("member: ..."), as board.conf writes it. */
void authority_member_line(const struct member *m, struct strbuf *out);

/* Carries an admin's own change of authority (before -> after, both effective boards) into
 * in_git, so board.conf in git gets the change and keeps the other offices' proposals. */
void authority_carry(const struct board *before, const struct board *after,
		     struct board *in_git);

#endif
