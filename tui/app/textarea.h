/* Text being written in the app: wide characters wrapped at word boundaries to a width, a
 * cursor that moves by the rows the reader sees. Descriptions and notes keep their line
 * breaks; a paragraph (a reason) is one line however it wraps. The editor (editor.c) puts
 * it in a box; this file knows rows and columns only. */
#ifndef COBOARD_TEXTAREA_H
#define COBOARD_TEXTAREA_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

/* Longer than any description the board holds; typing past it does nothing. */
enum { TEXTAREA_MAX = 65536 };

struct textarea {
	wchar_t *buf;
	int len, cap, cur;
	int top;     /* the first row shown */
	int goal;    /* the display column kept while moving up and down; -1 for none */
	bool lines;  /* Enter makes a new line; otherwise the text is one paragraph */
	bool changed;
};

void textarea_set(struct textarea *ta, const char *utf8, bool lines);
void textarea_free(struct textarea *ta);
/* The text as UTF-8; caller frees. */
char *textarea_text(const struct textarea *ta);

/* Where each row of the text wrapped at width begins, in *starts (caller frees); returns the
 * number of rows (at least one). */
int textarea_rows(const struct textarea *ta, int width, int **starts);
/* The row and display column of the cursor when wrapped at width. */
void textarea_cursor(const struct textarea *ta, int width, int *row, int *col);

/* Applies an editing or moving key at this width and page height; true when it was one. A
 * newline arrives as '\n' (the editor decides what Enter means). */
bool textarea_key(struct textarea *ta, wint_t key, bool is_key, int width, int page);
/* Inserts one character (a newline becomes a space in a paragraph). */
void textarea_insert(struct textarea *ta, wchar_t c);

/* Draws height rows from ta->top (scrolled first so the cursor shows) and returns the
 * cursor's screen position in *cy, *cx. */
void textarea_draw(struct textarea *ta, WINDOW *win, int y, int x, int width, int height,
		   attr_t attr, int *cy, int *cx);

#endif
