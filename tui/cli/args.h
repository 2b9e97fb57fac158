/* Command-line options of one command: "--name VALUE", "--name=VALUE", flags, and
 * positional arguments in any order; "--" ends the options. */
#ifndef COBOARD_ARGS_H
#define COBOARD_ARGS_H

#include <stdbool.h>

#include "error.h"

struct opt {
	const char *name; /* without the leading dashes */
	const char **value; /* set for options that take a value */
	bool *flag;         /* set for flags */
};

enum { ARGS_MAX_POSITIONAL = 8 };

struct args {
	const char *pos[ARGS_MAX_POSITIONAL];
	int npos;
	bool help;
};

/* Parses argv[0..argc) against opts (ending with a zeroed entry). Usage errors go to err. */
int args_parse(int argc, char **argv, const struct opt *opts, int min_pos, int max_pos,
	       struct args *out, struct cb_error *err);

/* "12" or "#12" to a card id > 0; -1 with a message otherwise. */
int args_card_id(const char *s, int *id, struct cb_error *err);

/* Splits a command line on blanks, honouring '...' and "..." quotes, without a shell (for
 * SSH_ORIGINAL_COMMAND). Returns the number of words (at most max), or -1 on an unbalanced
 * quote. Words are allocated; free each. */
int args_split(const char *line, char **words, int max);

#endif
