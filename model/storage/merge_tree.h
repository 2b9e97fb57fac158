/* Two commits of a board become one: where their histories meet, and the files that turn the
 * first one's tree into the merge (model/rules/merge.h has the rules for each file). */
#ifndef COBOARD_MERGE_TREE_H
#define COBOARD_MERGE_TREE_H

#ifdef COBOARD_FRONT_END
#error "merge_tree.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include "repo.h"

struct merge_plan {
	enum { MERGE_UP_TO_DATE, MERGE_FAST_FORWARD, MERGE_COMMIT } kind;
	struct file_update *updates; /* MERGE_COMMIT: applied to ours' tree */
	char **texts;                /* the updates' contents, owned here */
	size_t n;
	struct strvec conflicts;     /* "#12", "board.conf": where values were set aside */
	/* Two different cards made under one id on each side (offices that named their sites
	 * apart): ours keeps the id, theirs comes in under a new one. "102 1102" each. */
	struct strvec renumbered;
};

/* Plans the merge of theirs into ours: nothing to do (theirs is in ours' history), a
 * fast-forward (ours is in theirs'), or a merge commit's files. Unrelated histories and a
 * card that does not parse are errors. */
int merge_plan(struct repo *repo, const git_oid *ours, const git_oid *theirs,
	       struct merge_plan *plan, struct cb_error *err);
void merge_plan_free(struct merge_plan *plan);

#endif
