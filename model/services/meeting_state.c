#include "meeting_state_internal.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "repo.h"

static char *field_value(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen + 1 && strncmp(p, key, klen) == 0 && p[klen] == ':')
			return xstrndup(p + klen + 2, len - klen - 2);
		p = nl ? nl + 1 : NULL;
	}
	return xstrdup("");
}

static void meeting_parse(const char *text, struct meeting *m)
{
	char *started = field_value(text, "started");

	m->title = field_value(text, "title");
	m->secretary = field_value(text, "secretary");
	m->start_commit = field_value(text, "start");
	m->started = atoll(started);
	free(started);
}

int meeting_read_open(struct session *s, const git_oid *tip, struct meeting *m, bool *open,
		      struct cb_error *err)
{
	struct strbuf text = {0};

	memset(m, 0, sizeof(*m));
	if (repo_read(s->repo, tip, MEETING_OPEN_PATH, &text, open, err) < 0)
		return -1;
	if (*open)
		meeting_parse(sb_str(&text), m);
	sb_free(&text);
	return 0;
}

void meeting_free(struct meeting *m)
{
	free(m->title);
	free(m->secretary);
	free(m->start_commit);
	memset(m, 0, sizeof(*m));
}

int meeting_current(struct session *s, struct meeting *m, bool *open, struct cb_error *err)
{
	struct strbuf text = {0};

	memset(m, 0, sizeof(*m));
	if (index_meeting_file(s->index, &text, err) < 0) {
		sb_free(&text);
		return -1;
	}
	*open = text.len > 0;
	if (*open)
		meeting_parse(sb_str(&text), m);
	sb_free(&text);
	return 0;
}

/* meetings/2026-01-15-2.md is tagged meeting/2026-01-15-2 */
void meeting_minutes_tag(const char *path, struct strbuf *tag)
{
	const char *name = strncmp(path, "meetings/", 9) == 0 ? path + 9 : path;
	size_t len = strlen(name);

	if (len > 3 && strcmp(name + len - 3, ".md") == 0)
		len -= 3;
	sb_printf(tag, "meeting/%.*s", (int)len, name);
}

int meeting_repair_tags(struct session *s, bool all, struct strvec *made, struct cb_error *err)
{
	struct strvec ends = {0};
	int rc = index_meeting_ends(s->index, !all, &ends, err);

	for (size_t i = 0; rc == 0 && i + 1 < ends.n; i += 2) {
		const char *oid_hex = ends.v[i], *minutes = ends.v[i + 1];
		struct strbuf tag = {0};
		git_oid oid;
		bool was_made;

		if (!*minutes)
			continue;
		if (git_oid_fromstr(&oid, oid_hex) < 0) {
			rc = cb_fail(err, CB_ECORRUPT,
				     "bad commit id '%s' in the index; run `coboard "
				     "reindex`",
				     oid_hex);
			break;
		}
		meeting_minutes_tag(minutes, &tag);
		rc = repo_ensure_tag(s->repo, sb_str(&tag), &oid, &was_made, err);
		if (rc == 0 && was_made && made)
			sv_push(made, sb_str(&tag));
		sb_free(&tag);
	}
	sv_free(&ends);
	return rc;
}
