/* Three offices, one board: random changes on each (add, move, reorder, assign, every field,
 * note, archive, revert), syncs between random pairs at random moments, then syncs until
 * quiet. All three must hold the identical tree, no note may be lost, ids never clash, and
 * every merge must have set aside exactly the values both sides changed differently: an
 * oracle reads each merge, its parents and their base straight from git and compares fields.
 * COBOARD_CONVERGE_CHANGES (default 150) and COBOARD_CONVERGE_SEED (default 1) size it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <git2.h>

#include "ops.h"
#include "repo.h"
#include "session.h"
#include "sync.h"

enum { BOARDS = 3, MAX_IDS = 4096, MAX_NOTES = 4096 };

static const char board_conf[] = "title: Convergence\n"
				 "default-role: viewer\n"
				 "column: todo | To do | 0\n"
				 "column: doing | Doing | 0\n"
				 "column: done | Done | 0 | done\n"
				 "agency: MOE | Education\n"
				 "agency: MOH | Health\n"
				 "agency: AKM | Akmola\n"
				 "agency: MIA | Interior\n"
				 "member: alice | Alice | alice@example.kz | secretary |\n"
				 "site: a | 1\n"
				 "site: b | 2\n"
				 "site: c | 3\n";
static const char first_card[] = "title: The first instruction\n"
				 "column: todo\n"
				 "rank: V\n"
				 "lead: MOE\n"
				 "co:\n"
				 "due:\n"
				 "labels:\n"
				 "archived: no\n";

static const char *const names[BOARDS] = {"a", "b", "c"};
static const char *const agencies[] = {"MOE", "MOH", "AKM", "MIA"};
static const char *const columns[] = {"todo", "doing", "done"};

static uint64_t rng;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static long env_number(const char *name, long fallback)
{
	const char *v = getenv(name);

	return v && *v ? atol(v) : fallback;
}

struct world {
	char dir[64];
	char path[BOARDS][128];
	struct session *s[BOARDS];
	int ids[MAX_IDS];
	size_t nids;
	struct {
		int card;
		char text[48];
	} notes[MAX_NOTES];
	size_t nnotes;
	int syncs, collisions, skipped_merges;
};

static void shell(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static void make_world(struct world *w)
{
	struct file_update files[] = {
		{"board.conf", board_conf, sizeof(board_conf) - 1},
		{"cards/1.card", first_card, sizeof(first_card) - 1},
	};
	struct cb_error err = {0};

	session_global_init(NULL);
	setenv("TZ", "UTC", 1);
	setenv("COBOARD_NO_PACK", "1", 1);
	snprintf(w->dir, sizeof(w->dir), "/tmp/coboard-converge-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	char dir[sizeof(w->dir)];
	memcpy(dir, w->dir, sizeof(dir));
	for (int i = 0; i < BOARDS; i++)
		snprintf(w->path[i], sizeof(w->path[i]), "%s/%s.git", dir, names[i]);
	assert_int_equal(ops_init(w->path[0], files, 2, "alice", false, &err), 0);
	for (int i = 1; i < BOARDS; i++)
		shell("git clone -q --bare '%s' '%s'", w->path[0], w->path[i]);
	for (int i = 0; i < BOARDS; i++) {
		shell("git --git-dir='%s' config coboard.site %s", w->path[i], names[i]);
		for (int j = 0; j < BOARDS; j++)
			if (j != i)
				shell("git --git-dir='%s' remote add %s '%s'", w->path[i], names[j],
				      w->path[j]);
		shell("git --git-dir='%s' remote remove origin 2>/dev/null || true", w->path[i]);
		assert_int_equal(session_open(&w->s[i], w->path[i], "alice", true, &err), 0);
	}
	w->ids[w->nids++] = 1;
}

/* A card of board s, at random (0 when it has none); five times in six one of the first
 * cards, as a meeting dwells on a few items: that is where offices collide. */
static int some_card(struct session *s, struct card *out)
{
	struct board board;
	struct cb_error ignored = {0};

	if (rnd(6)) {
		if (index_card(s->index, 1 + (int)rnd(2), out, &ignored) == 0)
			return out->id;
		card_free(out);
	}
	struct card_filter all = {.archived = true};
	struct card_list list;
	struct cb_error err = {0};
	int id = 0;

	assert_int_equal(index_board(s->index, &board, &err), 0);
	assert_int_equal(index_cards(s->index, &board, &all, &list, &err), 0);
	if (list.n) {
		card_copy(out, &list.v[rnd((unsigned)list.n)]);
		id = out->id;
	}
	card_list_free(&list);
	board_free(&board);
	return id;
}

static void random_change(struct world *w, int b, int step)
{
	struct session *s = w->s[b];
	struct op_result res;
	struct cb_error err = {0};
	struct card card;
	char text[64];
	int id = some_card(s, &card);

	if (!id)
		return;
	switch (rnd(9)) {
	case 0: {
		snprintf(text, sizeof(text), "Card %d from %s", step, names[b]);
		struct add_args add = {text, agencies[rnd(4)], NULL, columns[rnd(3)], NULL, NULL, NULL};
		if (ops_add(s, &add, &res, &err) == 0) {
			for (size_t i = 0; i < w->nids; i++)
				assert_int_not_equal(w->ids[i], res.card);
			assert_int_equal(res.card % 100, b + 1);
			if (w->nids < MAX_IDS)
				w->ids[w->nids++] = res.card;
		}
		break;
	}
	case 1:
		ops_move(s, id, columns[rnd(3)], 0, 0, NULL, &res, &err);
		break;
	case 2: { /* reorder: above another card of its column */
		struct card other;
		int to = some_card(s, &other);
		if (to && to != id && strcmp(other.column, card.column) == 0)
			ops_move(s, id, card.column, to, 0, NULL, &res, &err);
		if (to)
			card_free(&other);
		break;
	}
	case 3:
		if (rnd(2))
			ops_assign(s, id, agencies[rnd(4)], NULL, NULL, &res, &err);
		else
			ops_assign(s, id, NULL, rnd(2) ? "MIA" : "AKM,MOH", NULL, &res, &err);
		break;
	case 4: {
		struct edit_args e = {0};
		char due[16];
		switch (rnd(4)) {
		case 0: snprintf(text, sizeof(text), "Title %d", step); e.title = text; break;
		case 1:
			snprintf(due, sizeof(due), "2026-%02u-%02u", 1 + rnd(12), 1 + rnd(28));
			e.due = due;
			break;
		case 2: e.labels = rnd(2) ? "urgent" : "urgent,regional"; break;
		default: snprintf(text, sizeof(text), "Described at %d\nin two lines", step);
			e.description = text;
		}
		ops_edit(s, id, &e, NULL, &res, &err);
		break;
	}
	case 5:
	case 6:
		if (w->nnotes < MAX_NOTES) {
			snprintf(w->notes[w->nnotes].text, sizeof(w->notes[0].text), "note %d on %s",
				 step, names[b]);
			if (ops_note(s, id, w->notes[w->nnotes].text, &res, &err) == 0)
				w->notes[w->nnotes++].card = id;
		}
		break;
	case 7:
		ops_archive(s, id, NULL, &res, &err);
		break;
	default: { /* undo the last change, unless it added a note (notes are counted) */
		char last[41] = "", *subject = NULL, *member = NULL;
		if (index_last_card_commit_by(s->index, "alice", last, &err) == 0 && last[0] &&
		    index_commit_summary(s->index, last, &subject, &member, &err) == 0 && subject &&
		    !strstr(subject, "note"))
			ops_revert(s, last, false, &res, &err);
		free(subject);
		free(member);
	}
	}
	if (err.code && getenv("COBOARD_CONVERGE_DEBUG"))
		fprintf(stderr, "step %d on %s: %s\n", step, names[b], err.msg);
	card_free(&card);
}

static void sync_pair(struct world *w, int i, int j)
{
	struct sync_result r;
	struct cb_error err = {0};
	int rc = sync_with(w->s[i], names[j], &r, &err);

	if (rc < 0)
		fprintf(stderr, "sync %s <- %s: %s\n", names[i], names[j], err.msg);
	assert_int_equal(rc, 0);
	sync_result_free(&r);
	w->syncs++;
}

static bool all_same(struct world *w)
{
	git_oid tips[BOARDS];
	struct cb_error err = {0};

	for (int i = 0; i < BOARDS; i++)
		assert_int_equal(repo_tip(w->s[i]->repo, &tips[i], &err), 0);
	return git_oid_equal(&tips[0], &tips[1]) && git_oid_equal(&tips[1], &tips[2]);
}

/* --- the oracle: what each merge should have set aside ---------------------------------- */

static bool card_at(git_repository *git, const git_commit *commit, const char *path,
		    struct card *out)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	struct cb_error err = {0};
	bool ok = false;

	if (git_commit_tree(&tree, commit) == 0 && git_tree_entry_bypath(&entry, tree, path) == 0 &&
	    git_blob_lookup(&blob, git, git_tree_entry_id(entry)) == 0)
		ok = card_parse(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), &err) == 0;
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return ok;
}

static const char *field_of(const struct card *c, int f)
{
	const char *v[] = {c->title, c->column, c->lead, c->due, c->description};
	return v[f];
}

static const char *const scalar_fields[] = {"title", "column", "lead", "due", "description"};

static void check_card_merge(struct world *w, git_repository *git, git_commit *m, git_commit *p1,
			     git_commit *p2, git_commit *base, const char *path)
{
	struct card cm, c1, c2, cb;
	bool has1, has2, hasb;

	card_init(&c1), card_init(&c2), card_init(&cb);
	if (!card_at(git, m, path, &cm))
		return;
	card_free(&c1), card_free(&c2), card_free(&cb);
	has1 = card_at(git, p1, path, &c1);
	has2 = card_at(git, p2, path, &c2);
	hasb = card_at(git, base, path, &cb);
	const char *loser[5] = {NULL};
	for (int f = 0; has1 && has2 && hasb && f < 5; f++) {
		const char *b = field_of(&cb, f), *a = field_of(&c1, f), *t = field_of(&c2, f);
		if (strcmp(a, b) != 0 && strcmp(t, b) != 0 && strcmp(a, t) != 0) {
			loser[f] = strcmp(a, t) > 0 ? t : a;
			w->collisions++;
			if (!card_has_conflict(&cm, scalar_fields[f], loser[f]))
				fail_msg("%s: %s changed on both sides (%s, %s) is not set aside", path,
					 scalar_fields[f], a, t);
		}
	}
	for (size_t i = 0; i < cm.nconflicts; i++) {
		const struct card_conflict *c = &cm.conflicts[i];
		bool inherited = (has1 && card_has_conflict(&c1, c->field, c->value)) ||
				 (has2 && card_has_conflict(&c2, c->field, c->value));
		bool expected = false;
		for (int f = 0; f < 5; f++)
			if (loser[f] && strcmp(scalar_fields[f], c->field) == 0 &&
			    strcmp(loser[f], c->value) == 0)
				expected = true;
		if (!inherited && !expected)
			fail_msg("%s: %s \"%s\" set aside without a collision", path, c->field, c->value);
	}
	card_free(&cm);
	if (has1)
		card_free(&c1);
	if (has2)
		card_free(&c2);
	if (hasb)
		card_free(&cb);
}

static void check_merges(struct world *w)
{
	git_repository *git = NULL;
	git_revwalk *walk = NULL;
	git_oid id;

	assert_int_equal(git_repository_open(&git, w->path[0]), 0);
	assert_int_equal(git_revwalk_new(&walk, git), 0);
	assert_int_equal(git_revwalk_push_ref(walk, "refs/heads/main"), 0);
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *m = NULL, *p1 = NULL, *p2 = NULL, *base = NULL;
		git_oidarray bases = {0};
		git_tree *tree = NULL, *cards = NULL;

		assert_int_equal(git_commit_lookup(&m, git, &id), 0);
		if (git_commit_parentcount(m) != 2) {
			git_commit_free(m);
			continue;
		}
		assert_int_equal(git_commit_parent(&p1, m, 0), 0);
		assert_int_equal(git_commit_parent(&p2, m, 1), 0);
		assert_int_equal(git_merge_bases(&bases, git, git_commit_id(p1), git_commit_id(p2)), 0);
		if (bases.count != 1) {
			w->skipped_merges++; /* criss-cross: the base is a merge of bases */
		} else {
			assert_int_equal(git_commit_lookup(&base, git, &bases.ids[0]), 0);
			assert_int_equal(git_commit_tree(&tree, m), 0);
			git_tree_entry *e = NULL;
			if (git_tree_entry_bypath(&e, tree, "cards") == 0 &&
			    git_tree_lookup(&cards, git, git_tree_entry_id(e)) == 0) {
				for (size_t i = 0; i < git_tree_entrycount(cards); i++) {
					const git_tree_entry *folder = git_tree_entry_byindex(cards, i);
					git_tree *in = NULL;
					assert_int_equal(git_tree_entry_type(folder), GIT_OBJECT_TREE);
					assert_int_equal(git_tree_lookup(&in, git, git_tree_entry_id(folder)), 0);
					for (size_t j = 0; j < git_tree_entrycount(in); j++) {
						char path[64];
						snprintf(path, sizeof(path), "cards/%s/%s",
							 git_tree_entry_name(folder),
							 git_tree_entry_name(git_tree_entry_byindex(in, j)));
						check_card_merge(w, git, m, p1, p2, base, path);
					}
					git_tree_free(in);
				}
			}
			git_tree_entry_free(e);
		}
		git_oidarray_dispose(&bases);
		git_tree_free(cards);
		git_tree_free(tree);
		git_commit_free(base);
		git_commit_free(p2);
		git_commit_free(p1);
		git_commit_free(m);
	}
	git_revwalk_free(walk);
	git_repository_free(git);
}

static void test_three_offices_converge(void **state)
{
	(void)state;
	struct world *w = calloc(1, sizeof(*w));
	long changes = env_number("COBOARD_CONVERGE_CHANGES", 150);
	struct cb_error err = {0};

	rng = (uint64_t)env_number("COBOARD_CONVERGE_SEED", 1) * 2654435761u + 88172645463325252u;
	make_world(w);
	for (long step = 0; step < changes; step++) {
		random_change(w, (int)rnd(BOARDS), (int)step);
		if (rnd(6) == 0) {
			int i = (int)rnd(BOARDS), j = ((int)rnd(BOARDS - 1) + i + 1) % BOARDS;
			sync_pair(w, i, j);
		}
	}
	for (int round = 0; round < 6 && !all_same(w); round++)
		for (int i = 0; i < BOARDS; i++)
			for (int j = 0; j < BOARDS; j++)
				if (i != j)
					sync_pair(w, i, j);
	assert_true(all_same(w));
	/* The last syncs pushed into the boards: each index catches up, as a command would. */
	for (int b = 0; b < BOARDS; b++)
		assert_int_equal(index_refresh(w->s[b]->index, &err), 0);
	for (size_t i = 0; i < w->nnotes; i++) {
		struct card c;
		bool found = false;
		assert_int_equal(index_card(w->s[0]->index, w->notes[i].card, &c, &err), 0);
		for (size_t j = 0; j < c.nnotes; j++)
			found |= strcmp(c.notes[j].text, w->notes[i].text) == 0;
		if (!found)
			fail_msg("the note \"%s\" on #%d was lost", w->notes[i].text, w->notes[i].card);
		card_free(&c);
	}
	/* Every note added appears once in each board's history, whatever merges carried it. */
	for (int b = 0; b < BOARDS; b++) {
		struct log_filter all = {0};
		struct log_list log;
		assert_int_equal(index_log(w->s[b]->index, &all, &log, &err), 0);
		for (size_t i = 0; i < w->nnotes; i++) {
			int seen = 0;
			for (size_t j = 0; j < log.n; j++)
				seen += strcmp(log.v[j].field, "note") == 0 &&
					strcmp(log.v[j].new_value, w->notes[i].text) == 0;
			if (seen != 1)
				fail_msg("board %s: the note \"%s\" is %d times in history (boards in %s)",
					 names[b], w->notes[i].text, seen, w->dir);
		}
		log_list_free(&log);
	}
	check_merges(w);
	fprintf(stderr, "converged: %ld changes, %d syncs, %zu notes, %zu ids, %d collisions set "
		"aside, %d criss-cross merges not checked\n", changes, w->syncs, w->nnotes, w->nids,
		w->collisions, w->skipped_merges);
	for (int i = 0; i < BOARDS; i++)
		session_close(w->s[i]);
	shell("rm -rf '%s'", w->dir);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_offices_converge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
