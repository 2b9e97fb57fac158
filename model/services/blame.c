#include "blame.h"

#include <stdlib.h>
#include <string.h>

#include "repo.h"
#include "session.h"

int history_card_diff(struct session *s, const char *commit, int id, struct strbuf *out,
		      struct cb_error *err)
{
	char path[32];
	git_oid oid;

	if (repo_resolve(s->repo, commit, &oid, err) < 0)
		return -1;
	repo_card_path_at(s->repo, &oid, id, path);
	return repo_diff_path(s->repo, commit, path, out, err);
}

static char *field_value(const struct card *c, const char *field)
{
	struct strbuf list = {0};

	if (strcmp(field, "title") == 0)
		return xstrdup(c->title);
	if (strcmp(field, "column") == 0)
		return xstrdup(c->column);
	if (strcmp(field, "lead") == 0)
		return xstrdup(c->lead);
	if (strcmp(field, "due") == 0)
		return xstrdup(c->due);
	if (strcmp(field, "archived") == 0)
		return xstrdup(c->archived ? "yes" : "no");
	if (strcmp(field, "description") == 0)
		return xstrdup(c->description);
	sv_join(strcmp(field, "co") == 0 ? &c->co : &c->labels, ", ", &list);
	return sb_detach(&list);
}

int history_blame(struct index *idx, const struct card *card, struct blame *out,
		  struct cb_error *err)
{
	static const char *const fields[BLAME_FIELDS] = {"title", "column", "lead",     "co",
							 "due",   "labels", "archived", "description"};

	memset(out, 0, sizeof(*out));
	for (size_t f = 0; f < BLAME_FIELDS; f++) {
		struct blame_row *row = &out->v[out->n++];

		row->field = fields[f];
		row->value = field_value(card, fields[f]);
		if (index_field_origin(idx, card->id, fields[f], row->value, &row->origin, err) < 0)
			return -1;
	}
	return 0;
}

void blame_free(struct blame *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].value);
		log_list_free(&b->v[i].origin);
	}
	b->n = 0;
}
