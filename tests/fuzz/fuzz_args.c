/* libFuzzer: the CLI argument parser and the SSH command splitter. The input is split into
 * arguments at NUL bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[64];
	const char *title = NULL, *due = NULL, *co = NULL;
	bool overdue = false;
	struct opt opts[] = {{"title", &title, NULL}, {"due", &due, NULL}, {"co", &co, NULL},
			     {"overdue", NULL, &overdue}, {0}};
	struct cb_error err = {0};
	struct args a;
	char *words[32];
	int argc = 0, n, id;

	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0, start = 0; i <= size && argc < 64; i++)
		if (i == size || copy[i] == '\0') {
			argv[argc++] = copy + start;
			start = i + 1;
		}
	if (args_parse(argc, argv, opts, 0, 4, &a, &err) == 0)
		for (int i = 0; i < a.npos; i++) {
			cb_error_clear(&err);
			args_card_id(a.pos[i], &id, &err);
		}
	n = args_split(copy, words, 32);
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(copy);
	return 0;
}
