/* Walking the branch: merge bases, commits between two, arrivals, side commits. */
#include "repo_internal.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"

/* Appends every commit the walk yields to the array *ids of *n. */
static void collect_walk(git_revwalk *walk, git_oid **ids, size_t *n)
{
	git_oid id;

	while (git_revwalk_next(&id, walk) == 0) {
		*ids = xgrow(*ids, *n, sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
}

int repo_merge_bases(struct repo *repo, const git_oid *a, const git_oid *b, git_oid **bases,
		     size_t *n, struct cb_error *err)
{
	git_oidarray found = {0};
	int rc = git_merge_bases(&found, repo_git(repo), a, b);

	*bases = NULL;
	*n = 0;
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return repo_git_fail(err, "cannot find where the two histories meet");
	*bases = xcalloc(found.count ? found.count : 1, sizeof(**bases));
	memcpy(*bases, found.ids, found.count * sizeof(**bases));
	*n = found.count;
	git_oidarray_dispose(&found);
	return 0;
}

int repo_count_between(struct repo *repo, const git_oid *from, const git_oid *to, size_t *n,
		       struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1;

	*n = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0 || git_revwalk_push(walk, to) < 0 ||
	    (from && git_revwalk_hide(walk, from) < 0)) {
		repo_git_fail(err, "cannot walk the history");
		goto out;
	}
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;
		/* A merge is how changes came together, not a change of its own. */
		if (repo_lookup_commit(&c, repo_git(repo), &id) == 0 && git_commit_parentcount(c) < 2)
			(*n)++;
		git_commit_free(c);
	}
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

int repo_arrivals(struct repo *repo, const git_oid *from, const git_oid *to, size_t *count,
		  struct strbuf *author, struct strbuf *subject, struct strbuf *merge_message,
		  struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1;

	*count = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0 || git_revwalk_push(walk, to) < 0 ||
	    git_revwalk_hide(walk, from) < 0) {
		repo_git_fail(err, "cannot walk the history");
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;
		if (repo_lookup_commit(&c, repo_git(repo), &id) < 0)
			continue;
		if (git_commit_parentcount(c) > 1) {
			if (!merge_message->len)
				sb_puts(merge_message, git_commit_message(c));
		} else if ((*count)++ == 0) {
			sb_puts(author, git_commit_author(c)->name);
			sb_puts(subject, git_commit_summary(c));
		}
		git_commit_free(c);
	}
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

int repo_new_commits(struct repo *repo, const git_oid *from, const git_oid *to, git_oid **ids,
		     size_t *n, struct cb_error *err)
{
	git_revwalk *walk = NULL;
	git_oid tip;
	int rc = -1;

	*ids = NULL;
	*n = 0;
	if (git_revwalk_new(&walk, repo_git(repo)) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push(walk, to) < 0 || (from && git_revwalk_hide(walk, from) < 0))
		goto fail;
	if (git_reference_name_to_id(&tip, repo_git(repo), REPO_BRANCH) == 0 &&
	    git_revwalk_hide(walk, &tip) < 0)
		goto fail;
	collect_walk(walk, ids, n);
	rc = 0;
	goto out;
fail:
	repo_git_fail(err, "cannot walk the pushed history");
out:
	git_revwalk_free(walk);
	return rc;
}

bool repo_descends_from(struct repo *repo, const git_oid *commit, const git_oid *ancestor)
{
	return git_oid_equal(commit, ancestor) ||
	       git_graph_descendant_of(repo_git(repo), commit, ancestor) == 1;
}

int repo_side_commits(struct repo *repo, const git_oid *merge, git_oid **ids, size_t *n,
		      struct cb_error *err)
{
	git_commit *commit = NULL;
	git_revwalk *walk = NULL;
	int rc = -1;

	*ids = NULL;
	*n = 0;
	if (repo_lookup_commit(&commit, repo_git(repo), merge) < 0 || git_revwalk_new(&walk, repo_git(repo)) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_hide(walk, git_commit_parent_id(commit, 0)) < 0)
		goto fail;
	for (unsigned i = 1; i < git_commit_parentcount(commit); i++)
		if (git_revwalk_push(walk, git_commit_parent_id(commit, i)) < 0)
			goto fail;
	collect_walk(walk, ids, n);
	rc = 0;
	goto out;
fail:
	repo_git_fail(err, "cannot walk the merged history");
out:
	git_revwalk_free(walk);
	git_commit_free(commit);
	return rc;
}

char *repo_recent_trailer(struct repo *repo, const git_oid *tip, const char *key, const char *skip,
			  size_t limit)
{
	git_oid at = *tip;

	for (size_t i = 0; i < limit; i++) {
		git_commit *c = NULL;
		if (repo_lookup_commit(&c, repo_git(repo), &at) < 0)
			break;
		char *value = history_trailer(git_commit_message(c), key);
		bool has_parent = git_commit_parentcount(c) > 0;
		if (has_parent)
			at = *git_commit_parent_id(c, 0);
		git_commit_free(c);
		if (*value && strcmp(value, skip) != 0)
			return value;
		free(value);
		if (!has_parent)
			break;
	}
	return xstrdup("");
}
