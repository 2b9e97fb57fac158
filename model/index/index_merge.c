/* A merge's changes in the index: the commits it brought in are recorded by their authors,
 * so of the merge itself only what no parent had is its own change (the values it set aside,
 * or a hand-made resolution of a plain git merge). */
#include "index_db.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"

/* Whether list item changes from old to new (vs the first parent) all come from other: each
 * item added is in other, each item removed is not. */
static bool list_from(const char *old_value, const char *new_value, const char *other)
{
	struct strvec before = {0}, after = {0};
	bool from = true;

	sv_split_list(&before, old_value);
	sv_split_list(&after, new_value);
	for (size_t i = 0; i < after.n && from; i++)
		if (!sv_contains(&before, after.v[i]) && !history_list_has(other, after.v[i]))
			from = false;
	for (size_t i = 0; i < before.n && from; i++)
		if (!sv_contains(&after, before.v[i]) && history_list_has(other, before.v[i]))
			from = false;
	sv_free(&before);
	sv_free(&after);
	return from;
}

/* A merge's change (against its first parent) that its other parent already had: the side
 * commits that made it are recorded, by their authors; only the rest is the merge's own. */
static bool explained(const struct field_change *c, const struct change_list *vs_other,
		      const struct card *other)
{
	bool is_list = strcmp(c->field, "co") == 0 || strcmp(c->field, "labels") == 0;
	bool is_set = strcmp(c->field, "note") == 0 || strcmp(c->field, "conflict") == 0;

	if (is_list && other) {
		struct strbuf list = {0};
		sv_join(strcmp(c->field, "co") == 0 ? &other->co : &other->labels, ", ", &list);
		bool from = list_from(c->old_value, c->new_value, sb_str(&list));
		sb_free(&list);
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

/* Keeps in changes only what the merge did itself (see explained). */
void index_keep_merge_own(struct change_list *changes, const struct card *other,
			   const struct card *merged)
{
	struct change_list vs_other = {0};
	size_t kept = 0;

	history_diff(other, merged, &vs_other);
	for (size_t i = 0; i < changes->n; i++) {
		struct field_change *c = &changes->v[i];
		if (merged && explained(c, &vs_other, other)) {
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

/* The card at path in a merge's other parent; *present false when it has none there. */
int index_other_parent_card(struct index *idx, const struct commit_info *info,
			     const char *path, int id, struct card *card, bool *present,
			     struct cb_error *err)
{
	struct strbuf text = {0};
	struct cb_error perr = {0};
	bool found = false;

	card_init(card);
	*present = false;
	if (repo_read(idx->repo, &info->other_parent, path, &text, &found, err) < 0) {
		sb_free(&text);
		return -1;
	}
	if (found) {
		card_free(card);
		*present = card_parse(card, sb_str(&text), text.len, &perr) == 0;
		card->id = id;
	}
	sb_free(&text);
	return 0;
}

