/* A merge's changes in the index: the commits it brought in are recorded by their authors,
 * so of the merge itself only what no parent had is its own change (the values it set aside,
 * or a hand-made resolution of a plain git merge). */
#include "index_db.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "history.h"

/* Whether list item changes from old to new (vs the first parent) all come from other: each
 * item added is in other; each item removed is not, and was there where the two histories
 * met (base, when known): an item the first parent added and the merge dropped (the lead
 * rule drops a new lead from the co-executors) is the merge's own change. */
static bool list_from(const char *old_value, const char *new_value, const char *other,
		      const char *base)
{
	struct strvec before = {0}, after = {0};
	bool from = true;

	sv_split_list(&before, old_value);
	sv_split_list(&after, new_value);
	for (size_t i = 0; i < after.n && from; i++)
		if (!sv_contains(&before, after.v[i]) && !history_list_has(other, after.v[i]))
			from = false;
	for (size_t i = 0; i < before.n && from; i++)
		if (!sv_contains(&after, before.v[i]) &&
		    (history_list_has(other, before.v[i]) ||
		     (base && !history_list_has(base, before.v[i]))))
			from = false;
	sv_free(&before);
	sv_free(&after);
	return from;
}

static void join_list(const struct card *card, const char *field, struct strbuf *out)
{
	sv_join(strcmp(field, "co") == 0 ? &card->co : &card->labels, ", ", out);
}

/* The card where the first parent and this side's parent met, read once and only when a
 * list's change needs it. NULL when unknown (unrelated histories, or no card there yet). */
static const struct card *side_base(struct merge_side *side)
{
	git_oid *bases = NULL;
	size_t n = 0;
	struct cb_error ignored = {0};

	if (side->base_read)
		return side->base_present ? &side->base : NULL;
	side->base_read = true;
	card_init(&side->base);
	if (repo_merge_bases(side->idx->repo, &side->info->first_parent,
			     &side->info->other_parents[side->which], &bases, &n, &ignored) == 0 &&
	    n > 0) {
		struct strbuf text = {0};
		bool found = false;
		struct cb_error perr = {0};

		if (repo_read(side->idx->repo, &bases[0], side->path, &text, &found, &ignored) == 0 &&
		    found) {
			card_free(&side->base); /* card_parse starts it afresh */
			side->base_present =
				card_parse(&side->base, sb_str(&text), text.len, &perr) == 0;
		}
		sb_free(&text);
	}
	free(bases);
	return side->base_present ? &side->base : NULL;
}

/* A merge's change (against its first parent) that its other parent already had: the side
 * commits that made it are recorded, by their authors; only the rest is the merge's own. */
static bool explained(const struct field_change *c, const struct change_list *vs_other,
		      struct merge_side *side)
{
	const struct card *other = side->present ? &side->card : NULL;
	bool is_list = strcmp(c->field, "co") == 0 || strcmp(c->field, "labels") == 0;
	bool is_set = strcmp(c->field, "note") == 0 || strcmp(c->field, "conflict") == 0;

	if (is_list && other) {
		struct strbuf list = {0}, base_list = {0};
		const struct card *base = side_base(side);
		join_list(other, c->field, &list);
		if (base)
			join_list(base, c->field, &base_list);
		bool from = list_from(c->old_value, c->new_value, sb_str(&list),
				      base ? sb_str(&base_list) : NULL);
		sb_free(&list);
		sb_free(&base_list);
		return from;
	}
	for (size_t i = 0; i < vs_other->n; i++) {
		const struct field_change *o = &vs_other->v[i];
		if (strcmp(o->field, c->field) == 0 && strcmp(o->new_value, c->new_value) == 0 &&
		    (!is_set || strcmp(o->old_value, c->old_value) == 0))
			return false;
	}
	return true;
}

void index_keep_merge_own(struct change_list *changes, struct merge_side *side,
			  const struct card *merged)
{
	struct change_list vs_other = {0};
	size_t kept = 0;

	history_diff(side->present ? &side->card : NULL, merged, &vs_other);
	for (size_t i = 0; i < changes->n; i++) {
		struct field_change *c = &changes->v[i];
		if (merged && explained(c, &vs_other, side)) {
			free(c->field);
			free(c->old_value);
			free(c->new_value);
		} else {
			changes->v[kept++] = *c;
		}
	}
	changes->n = kept;
	change_list_free(&vs_other);
}

int index_merge_side(struct index *idx, const struct commit_info *info, size_t which,
		     const char *path, int id, struct merge_side *side, struct cb_error *err)
{
	struct strbuf text = {0};
	struct cb_error perr = {0};
	bool found = false;

	*side = (struct merge_side){.idx = idx, .info = info, .which = which};
	snprintf(side->path, sizeof(side->path), "%s", path);
	card_init(&side->card);
	if (repo_read(idx->repo, &info->other_parents[which], path, &text, &found, err) < 0) {
		sb_free(&text);
		return -1;
	}
	if (found) {
		card_free(&side->card);
		side->present = card_parse(&side->card, sb_str(&text), text.len, &perr) == 0;
		side->card.id = id;
	}
	sb_free(&text);
	return 0;
}

void index_merge_side_free(struct merge_side *side)
{
	card_free(&side->card);
	if (side->base_read)
		card_free(&side->base);
}
