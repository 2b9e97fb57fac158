/* The views of the app, one file each. */
#ifndef COBOARD_VIEWS_H
#define COBOARD_VIEWS_H

struct app;
struct view;

struct view *board_view_new(struct app *app);
struct view *card_view_new(struct app *app, int card_id);
struct view *help_view_new(struct app *app);
/* The activity log (card 0) or one card's history, newest first. */
struct view *log_view_new(struct app *app, int card);
/* Every agency's cards by column and its overdue count; Enter shows the board filtered to
 * the agency. */
struct view *dashboard_view_new(struct app *app);
/* The coordinator's queue of requests waiting for a decision (y grants, N refuses). */
struct view *requests_view_new(struct app *app);
/* The board view's agency filter, set from another view (the dashboard). */
void board_view_filter_agency(struct view *board, struct app *app, const char *code);
/* What one commit changed in a card's text, coloured as a diff. */
struct view *diff_view_new(struct app *app, const char *commit, int card);

#endif
