/* A commit's id as the model hands it to the front ends, which never see libgit2: twenty
 * bytes, written as forty hex digits. The model converts at its door (repo.h). */
#ifndef COBOARD_OID_H
#define COBOARD_OID_H

#include <stdbool.h>

#define CB_OID_RAWSZ 20
#define CB_OID_HEXSZ 40

struct cb_oid {
	unsigned char id[CB_OID_RAWSZ];
};

/* Writes the forty digits and a NUL to out; returns out. */
char *cb_oid_tostr(char out[CB_OID_HEXSZ + 1], const struct cb_oid *oid);
/* 0, or -1 when hex is not exactly forty hex digits. */
int cb_oid_fromstr(struct cb_oid *out, const char *hex);
bool cb_oid_equal(const struct cb_oid *a, const struct cb_oid *b);

#endif
