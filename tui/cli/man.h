/* The manual page, coboard(1), as roff, from the command and key tables. */
#ifndef COBOARD_MAN_H
#define COBOARD_MAN_H

#include <stddef.h>

#include "strbuf.h"

/* The environment variables coboard reads, with what each means. */
struct man_variable {
	const char *name, *meaning;
};
extern const struct man_variable man_environment[];
extern const size_t man_environment_count;

void man_page(struct strbuf *out);

#endif
