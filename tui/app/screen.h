/* The terminal the app draws on: the user's, or, for tests, a screen of a given size that
 * no terminal shows, fed a script of keys, which prints itself as text when the keys run
 * out (as tog's tests do). Set COBOARD_SCREEN=COLSxLINES and COBOARD_KEYS to a key script:
 * characters stand for themselves, and <Enter> <Esc> <Space> <Tab> <BS> <Up> <Down> <Left>
 * <Right> <PgUp> <PgDn> <Home> <End> <S-Left> <S-Right> <S-Up> <S-Down> <C-x> <lt> name
 * the others. */
#ifndef COBOARD_SCREEN_H
#define COBOARD_SCREEN_H

#include <stdbool.h>
#include <wchar.h>

/* Starts curses; -1 with the reason in why (a scripted screen's bad size or terminal). */
int screen_start(char *why, unsigned size);
/* Gives the terminal back; nothing when curses is not started (so any exit path may call it). */
void screen_end(void);

/* True when the screen is the scripted one (no terminal needed). */
bool screen_scripted(void);

/* A key as wget_wch gives it (OK or KEY_CODE_YES), waiting at most timeout_ms (-1: for ever);
 * ERR when none came. */
int screen_read_key(wint_t *key, int timeout_ms);

/* A key, waiting as long as it takes (forms and prompts do not poll for board changes). A
 * hung-up terminal reads as Esc, so every form closes and the app's loop sees the hang-up. */
int screen_wait_key(wint_t *key);
/* Enter (Return or the keypad's), and Esc or Ctrl-C, as a form reads them. */
bool key_is_enter(wint_t key, bool is_key);
bool key_is_escape(wint_t key, bool is_key);

/* The terminal hung up, or the script's keys are used up (the screen is then printed). */
bool screen_gone(void);

#endif
