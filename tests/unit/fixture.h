/* A real board for the unit tests of the model: a bare repository in a temporary directory,
 * made by ops_init from a small board.conf and two cards, opened as a member. */
#ifndef COBOARD_TEST_FIXTURE_H
#define COBOARD_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "session.h"

static const char fixture_board[] =
	"title: Fixture\n"
	"default-role: viewer\n"
	"column: todo | To do | 0\n"
	"column: doing | Doing | 2\n"
	"column: stuck | Stuck | 0 | blocked\n"
	"column: done | Done | 0 | done\n"
	"agency: MOE | Education\n"
	"agency: MOH | Health\n"
	"agency: AKM | Akmola\n"
	"member: alice | Alice | alice@example.kz | secretary | MOE\n"
	"member: bob | Bob | bob@example.kz | member | MOH\n";

static const char fixture_card1[] = "title: Register of camps\n"
				    "column: todo\n"
				    "rank: V\n"
				    "lead: MOH\n"
				    "co: MOE\n"
				    "due: 2026-03-10\n"
				    "labels: safety\n"
				    "archived: no\n";

static const char fixture_card2[] = "title: Unannounced inspections\n"
				    "column: doing\n"
				    "rank: V\n"
				    "lead: MOE\n"
				    "co:\n"
				    "due: 2026-02-01\n"
				    "labels: 100%_sure\n"
				    "archived: no\n";

struct fixture {
	char dir[64];
	char path[96];
};

/* Makes the board (alice becomes its first admin) and opens it as login. */
static inline struct session *fixture_open(struct fixture *f, const char *login)
{
	struct file_update files[] = {
		{"board.conf", fixture_board, sizeof(fixture_board) - 1},
		{"cards/1.card", fixture_card1, sizeof(fixture_card1) - 1},
		{"cards/2.card", fixture_card2, sizeof(fixture_card2) - 1},
	};
	struct cb_error err = {0};
	struct session *s = NULL;

	session_global_init(NULL);
	setenv("TZ", "UTC", 1);
	/* No background packer: the board is removed when the test ends, and a packer still
	 * writing there would make that fail. */
	setenv("COBOARD_NO_PACK", "1", 1);
	snprintf(f->dir, sizeof(f->dir), "/tmp/coboard-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		abort();
	snprintf(f->path, sizeof(f->path), "%s/board.git", f->dir);
	if (ops_init(f->path, files, 3, "alice", false, &err) < 0 ||
	    session_open(&s, f->path, login, true, &err) < 0) {
		fprintf(stderr, "fixture: %s\n", err.msg);
		abort();
	}
	return s;
}

/* Opens the same board as another member. */
static inline struct session *fixture_as(struct fixture *f, const char *login)
{
	struct cb_error err = {0};
	struct session *s = NULL;

	if (session_open(&s, f->path, login, true, &err) < 0) {
		fprintf(stderr, "fixture: %s\n", err.msg);
		abort();
	}
	return s;
}

static inline void fixture_close(struct fixture *f, struct session *s)
{
	char cmd[128];

	session_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		abort();
}

/* The card as the index has it now (the test fails on an error). */
static inline struct card fixture_card(struct session *s, int id)
{
	struct cb_error err = {0};
	struct card c;

	if (index_card(s->index, id, &c, &err) < 0) {
		fprintf(stderr, "fixture: %s\n", err.msg);
		abort();
	}
	return c;
}

#endif
