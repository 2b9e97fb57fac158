#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "repo.h"

static void push(struct change_list *out, const char *field, const char *old_value,
		 const char *new_value)
{
	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	out->v[out->n].field = xstrdup(field);
	out->v[out->n].old_value = xstrdup(old_value);
	out->v[out->n].new_value = xstrdup(new_value);
	out->n++;
}

static void compare(struct change_list *out, const char *field, const char *a, const char *b)
{
	if (strcmp(a, b) != 0)
		push(out, field, a, b);
}

static void compare_list(struct change_list *out, const char *field, const struct strvec *a,
			 const struct strvec *b)
{
	struct strbuf sa = {0}, sbuf = {0};

	if (!sv_equal(a, b)) {
		sv_join(a, ", ", &sa);
		sv_join(b, ", ", &sbuf);
		push(out, field, sb_str(&sa), sb_str(&sbuf));
	}
	sb_free(&sa);
	sb_free(&sbuf);
}

void history_diff(const struct card *old, const struct card *new, struct change_list *out)
{
	struct card empty;

	card_init(&empty);
	if (!old)
		old = &empty;
	if (!new) {
		push(out, "removed", old->title, "");
		card_free(&empty);
		return;
	}
	if (old == &empty) {
		/* A new card: its title, and the fields a later change is measured against. */
		push(out, "created", "", new->title);
		compare(out, "column", "", new->column);
		compare(out, "lead", "", new->lead);
		compare_list(out, "co", &empty.co, &new->co);
		compare(out, "due", "", new->due);
		card_free(&empty);
		return;
	}
	compare(out, "title", old->title, new->title);
	compare(out, "column", old->column, new->column);
	compare(out, "lead", old->lead, new->lead);
	compare_list(out, "co", &old->co, &new->co);
	compare(out, "due", old->due, new->due);
	compare_list(out, "labels", &old->labels, &new->labels);
	if (old->archived != new->archived)
		push(out, "archived", old->archived ? "yes" : "no", new->archived ? "yes" : "no");
	compare(out, "description", old->description, new->description);
	/* Notes are a list with identity (author, time, text), compared as a multiset: one row
	 * per note gone or come, whatever its place. */
	bool *matched = xcalloc(new->nnotes + 1, sizeof(*matched));
	for (size_t i = 0; i < old->nnotes; i++) {
		size_t j = 0;
		while (j < new->nnotes && (matched[j] || !note_same(&old->notes[i], &new->notes[j])))
			j++;
		if (j < new->nnotes)
			matched[j] = true;
		else
			push(out, "note", old->notes[i].text, "");
	}
	for (size_t j = 0; j < new->nnotes; j++)
		if (!matched[j])
			push(out, "note", "", new->notes[j].text);
	free(matched);
	card_free(&empty);
}

void change_list_free(struct change_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].field);
		free(list->v[i].old_value);
		free(list->v[i].new_value);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

int history_is_responsibility(const char *field)
{
	return strcmp(field, "lead") == 0 || strcmp(field, "co") == 0;
}

int history_card_diff(struct repo *repo, const char *commit, int id, struct strbuf *out,
		      struct cb_error *err)
{
	char path[32];

	card_path(id, path);
	return repo_diff_path(repo, commit, path, out, err);
}
