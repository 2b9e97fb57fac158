/* One file of a commit to make: what the write path and a new board's first commit take. */
#ifndef COBOARD_FILE_UPDATE_H
#define COBOARD_FILE_UPDATE_H

#include <stddef.h>

struct file_update {
	const char *path;
	const char *content; /* NULL removes the file */
	size_t len;
};

#endif
