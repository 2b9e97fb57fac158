#include "merge_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "card.h"
#include "i18n.h"
#include "merge.h"

/* The change of the same file: a card is the same card in either layout (cards/7.card,
 * cards/00/7.card), as one side may have moved its cards into folders and the other not. */
static const struct file_change *find_change(const struct commit_info *info, const char *path)
{
	int id = card_id_from_path(path);

	for (size_t i = 0; i < info->nchanges; i++)
		if (id ? card_id_from_path(info->changes[i].path) == id
		       : strcmp(info->changes[i].path, path) == 0)
			return &info->changes[i];
	return NULL;
}

static void plan_update(struct merge_plan *plan, const char *path, struct strbuf *text,
			bool present)
{
	plan->updates = xgrow(plan->updates, plan->n, sizeof(*plan->updates));
	plan->texts = xgrow(plan->texts, plan->n, sizeof(*plan->texts));
	plan->texts[plan->n] = present ? sb_detach(text) : NULL;
	plan->updates[plan->n] = (struct file_update){
		xstrdup(path), plan->texts[plan->n],
		present ? strlen(plan->texts[plan->n]) : 0};
	plan->n++;
}

/* Where values were set aside: "#2 due", one entry per field of a card (a field set aside
 * twice, as "#2 due (2 values)"), or the file's path (board.conf). */
static void note_conflict(struct merge_plan *plan, const char *path, int count,
			  const struct strbuf *merged)
{
	int id = card_id_from_path(path);
	struct strbuf where = {0};
	struct card card;
	struct cb_error ignored = {0};

	if (id && card_parse(&card, sb_str(merged), merged->len, &ignored) == 0 && card.nconflicts) {
		for (size_t i = 0; i < card.nconflicts; i++) {
			size_t same = 1;
			while (i + 1 < card.nconflicts &&
			       strcmp(card.conflicts[i + 1].field, card.conflicts[i].field) == 0)
				i++, same++;
			sb_reset(&where);
			sb_printf(&where, "#%d %s", id, card.conflicts[i].field);
			if (same > 1)
				sb_printf(&where, " (%zu values)", same);
			sv_push(&plan->conflicts, sb_str(&where));
		}
		card_free(&card);
		sb_free(&where);
		return;
	}
	if (id) {
		card_free(&card);
		sb_printf(&where, "#%d", id);
	} else {
		sb_puts(&where, path);
	}
	if (count > 1)
		sb_printf(&where, " (%d values)", count);
	sv_push(&plan->conflicts, sb_str(&where));
	sb_free(&where);
}

static int too_big(const struct file_change *fc, struct cb_error *err)
{
	return cb_fail(err, CB_ECORRUPT,
		       "%s is %zu bytes, over the limit for a card; cut it down before merging",
		       fc->path, fc->too_big);
}

/* Whether ours and theirs, made apart under one id, are two different cards: another title
 * or another lead. Versions that do not parse are left to the merge, which names them. */
static bool different_cards(const struct file_change *ours, const struct file_change *theirs)
{
	struct card a, b;
	struct cb_error ignored = {0};
	bool differ = false;

	if (card_parse(&a, ours->new_text, ours->new_len, &ignored) == 0) {
		if (card_parse(&b, theirs->new_text, theirs->new_len, &ignored) == 0)
			differ = strcmp(a.title, b.title) != 0 || strcmp(a.lead, b.lead) != 0;
		card_free(&b);
	}
	card_free(&a);
	return differ;
}

/* Theirs' card t comes in under the next id above both boards' that ends in the same two
 * digits (the same office's number), with a note saying where it came from. */
static int renumber_theirs(struct repo *repo, const git_oid *ours, const git_oid *theirs,
			   const struct file_change *t, int *highest, struct merge_plan *plan,
			   struct cb_error *err)
{
	int id = card_id_from_path(t->path), fresh;
	struct card card;
	struct strbuf text = {0}, said = {0};
	char home[32], when[32], pair[32];
	time_t now = time(NULL);
	struct tm tm;

	if (*highest == 0 && (repo_highest_card(repo, ours, highest, err) < 0 ||
			      repo_highest_card(repo, theirs, highest, err) < 0))
		return -1;
	fresh = *highest + 1 + ((id % 100) - (*highest + 1) % 100 + 100) % 100;
	if (fresh > CARD_ID_MAX)
		return cb_fail(err, CB_EINVALID, "two different cards came as #%d and no id is left "
			       "for the second; nothing changed here", id);
	*highest = fresh;
	if (card_parse(&card, t->new_text, t->new_len, err) < 0) {
		cb_error_prefix(err, "%s: ", t->path);
		card_free(&card);
		return -1;
	}
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	sb_printf(&said,
		  UNTRANSLATED("Came from another office as #%d, which here is another card; it is "
			       "#%d here."),
		  id, fresh);
	card_insert_note(&card, &(struct note){when, "coboard", (char *)sb_str(&said)});
	card.id = fresh;
	card_format(&card, &text);
	card_path(fresh, home);
	plan_update(plan, home, &text, true);
	snprintf(pair, sizeof(pair), "%d %d", id, fresh);
	sv_push(&plan->renumbered, pair);
	card_free(&card);
	sb_free(&said);
	return 0;
}

/* The updates that turn ours' tree into the merge of ours and theirs against base. */
static int plan_files(struct repo *repo, const git_oid *base, const git_oid *ours,
		      const git_oid *theirs, struct merge_plan *plan, struct cb_error *err)
{
	struct commit_info mine, other;
	int rc = -1, highest = 0;

	memset(&mine, 0, sizeof(mine));
	memset(&other, 0, sizeof(other));
	if (repo_tree_changes(repo, base, ours, &mine, err) < 0 ||
	    repo_tree_changes(repo, base, theirs, &other, err) < 0)
		goto out;
	for (size_t i = 0; i < other.nchanges; i++) {
		const struct file_change *t = &other.changes[i], *o = find_change(&mine, t->path);
		struct version b = {t->old_text, t->old_len}, th = {t->new_text, t->new_len};
		struct version ou = o ? (struct version){o->new_text, o->new_len} : b;
		struct strbuf merged = {0};
		bool present;
		int count;

		if (t->too_big || (o && o->too_big)) {
			too_big(t->too_big ? t : o, err);
			goto out;
		}
		/* Never fuse two cards: ours keeps the id, theirs comes in under a new one. */
		if (card_id_from_path(t->path) && !t->old_text && o && o->new_text && t->new_text &&
		    different_cards(o, t)) {
			if (renumber_theirs(repo, ours, theirs, t, &highest, plan, err) < 0)
				goto out;
			continue;
		}
		count = merge_file(t->path, b, ou, th, &merged, &present, err);
		if (count < 0) {
			sb_free(&merged);
			goto out;
		}
		if (count > 0)
			note_conflict(plan, t->path, count, &merged);
		bool unchanged = present ? ou.text && ou.len == merged.len &&
						   memcmp(ou.text, merged.buf ? merged.buf : "", merged.len) == 0
					 : !ou.text;
		if (!unchanged) {
			int id = card_id_from_path(t->path);
			char home[32];

			if (id) /* where ours keeps that card, whichever layout theirs has */
				repo_card_path_at(repo, ours, id, home);
			plan_update(plan, id ? home : t->path, &merged, present);
		}
		sb_free(&merged);
	}
	rc = 0;
out:
	commit_info_free(&mine);
	commit_info_free(&other);
	return rc;
}

static const struct identity merge_base_author = {"coboard", "coboard", "coboard@localhost"};

/* Where ours and theirs meet, as one commit: after criss-cross merges the several bases are
 * merged first (as git's recursive strategy does), into a commit kept off every branch. */
static int find_base(struct repo *repo, const git_oid *ours, const git_oid *theirs,
		     git_oid *base, struct cb_error *err)
{
	git_oid *bases;
	size_t n;

	if (repo_merge_bases(repo, ours, theirs, &bases, &n, err) < 0)
		return -1;
	if (n == 0) {
		free(bases);
		return cb_fail(err, CB_EINVALID,
			       "the two boards share no history: they were not made from one board "
			       "(a board joins another by being cloned from it)");
	}
	*base = bases[0];
	for (size_t i = 1; i < n; i++) {
		struct merge_plan inner;
		git_oid combined;
		int rc = merge_plan(repo, base, &bases[i], &inner, err);

		if (rc == 0 && inner.kind == MERGE_COMMIT)
			rc = repo_write_commit(repo, base, &bases[i], inner.updates, inner.n,
					       &merge_base_author, UNTRANSLATED("merge base\n"),
					       &combined, err);
		else if (rc == 0 && inner.kind == MERGE_FAST_FORWARD)
			combined = bases[i];
		else
			combined = *base;
		merge_plan_free(&inner);
		if (rc < 0) {
			free(bases);
			return -1;
		}
		*base = combined;
	}
	free(bases);
	return 0;
}

int merge_plan(struct repo *repo, const git_oid *ours, const git_oid *theirs,
	       struct merge_plan *plan, struct cb_error *err)
{
	git_oid base;

	memset(plan, 0, sizeof(*plan));
	if (git_oid_equal(ours, theirs)) {
		plan->kind = MERGE_UP_TO_DATE;
		return 0;
	}
	if (find_base(repo, ours, theirs, &base, err) < 0)
		return -1;
	if (git_oid_equal(&base, theirs)) {
		plan->kind = MERGE_UP_TO_DATE;
		return 0;
	}
	if (git_oid_equal(&base, ours)) {
		plan->kind = MERGE_FAST_FORWARD;
		return 0;
	}
	plan->kind = MERGE_COMMIT;
	if (plan_files(repo, &base, ours, theirs, plan, err) < 0) {
		merge_plan_free(plan);
		return -1;
	}
	return 0;
}

void merge_plan_free(struct merge_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++) {
		free((char *)plan->updates[i].path);
		free(plan->texts[i]);
	}
	free(plan->updates);
	free(plan->texts);
	sv_free(&plan->conflicts);
	sv_free(&plan->renumbered);
	memset(plan, 0, sizeof(*plan));
}
