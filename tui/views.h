/* The views of the app, one file each. */
#ifndef COBOARD_VIEWS_H
#define COBOARD_VIEWS_H

struct app;
struct view;

struct view *board_view_new(struct app *app);
struct view *card_view_new(struct app *app, int card_id);
struct view *help_view_new(struct app *app);

#endif
