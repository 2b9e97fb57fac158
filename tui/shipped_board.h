/* The Children of Kazakhstan board, compiled in from boards/ (see scripts/embed-board). */
#ifndef COBOARD_SHIPPED_BOARD_H
#define COBOARD_SHIPPED_BOARD_H

struct shipped_file {
	const char *path;
	const char *text;
};

extern const struct shipped_file shipped_board[];
extern const unsigned shipped_board_count;

#endif
