#include "board.h"

#include "date.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static const char *const role_names[] = {"viewer", "sync", "member", "secretary", "admin"};

const char *role_name(enum role role)
{
	return role_names[role];
}

int role_parse(const char *name, enum role *role)
{
	for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		if (strcmp(name, role_names[r]) == 0) {
			*role = (enum role)r;
			return 0;
		}
	return -1;
}

/* Splits "a | b | c" into at most max trimmed fields; returns the count. */
static size_t split_fields(const char *value, char **fields, size_t max)
{
	size_t n = 0;
	const char *p = value;

	while (p && n < max) {
		const char *bar = strchr(p, '|');
		const char *end = bar ? bar : p + strlen(p);
		const char *a = p, *b = end;

		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		fields[n++] = xstrndup(a, (size_t)(b - a));
		p = bar ? bar + 1 : NULL;
	}
	return p ? max + 1 : n; /* more fields than allowed */
}

/* fields has room for 8 (split_fields' n may say one more than its max). */
static void free_fields(char **fields, size_t n)
{
	for (size_t i = 0; i < n && i < 8; i++)
		free(fields[i]);
}

static void member_free(struct member *m)
{
	free(m->login);
	free(m->name);
	free(m->email);
	free(m->agency);
	free(m->key);
	free(m->language);
}

static void rebuild_lists(struct board *board)
{
	struct strbuf cols = {0}, ags = {0};

	for (size_t i = 0; i < board->ncolumns; i++)
		sb_printf(&cols, "%s%s", i ? ", " : "", board->columns[i].key);
	for (size_t i = 0; i < board->nagencies; i++)
		sb_printf(&ags, "%s%s", i ? ", " : "", board->agencies[i].code);
	free(board->column_keys);
	free(board->agency_codes);
	board->column_keys = sb_detach(&cols);
	board->agency_codes = sb_detach(&ags);
}

static const char *const column_kind_names[] = {
	[COLUMN_WORK] = "", [COLUMN_BLOCKED] = "blocked", [COLUMN_DONE] = "done",
	[COLUMN_REVIEW] = "review"};

static int parse_column(struct board *board, const char *value, int lineno, struct cb_error *err)
{
	char *f[8] = {0}, *endp;
	size_t n = split_fields(value, f, 4);
	struct column_def c = {0};
	long limit;

	if (n < 2 || n > 4) {
		free_fields(f, n);
		return cb_fail(err, CB_ECORRUPT,
			       "line %d: expected 'column: key | name | limit' and, for the "
			       "column of blocked work or of done work, '| blocked' or '| done'",
			       lineno);
	}
	limit = n >= 3 && f[2][0] ? strtol(f[2], &endp, 10) : 0;
	if (n >= 3 && f[2][0] && (*endp || limit < 0 || limit > 10000)) {
		free_fields(f, n);
		return cb_fail(err, CB_ECORRUPT, "line %d: the WIP limit must be a number >= 0",
			       lineno);
	}
	if (n == 4 && f[3][0]) {
		int k = COLUMN_REVIEW;

		while (k > COLUMN_WORK && strcmp(f[3], column_kind_names[k]) != 0)
			k--;
		if (k == COLUMN_WORK) {
			free_fields(f, n);
			return cb_fail(err, CB_ECORRUPT,
				       "line %d: a column's kind is 'blocked', 'review', 'done' or "
				       "nothing",
				       lineno);
		}
		c.kind = (enum column_kind)k;
		c.kind_given = true;
	}
	c.key = f[0];
	c.name = f[1];
	c.limit = (int)limit;
	for (size_t i = 2; i < n; i++)
		free(f[i]);
	board->columns = xgrow(board->columns, board->ncolumns, sizeof(c));
	board->columns[board->ncolumns++] = c;
	return 0;
}

/* A board.conf written before columns had kinds: the last column is where work ends, and
 * a column keyed "blocked" holds the blocked work. */
static void infer_column_kinds(struct board *board)
{
	bool done = false, blocked = false;

	for (size_t i = 0; i < board->ncolumns; i++) {
		done |= board->columns[i].kind == COLUMN_DONE;
		blocked |= board->columns[i].kind == COLUMN_BLOCKED;
	}
	if (!done && board->ncolumns)
		board->columns[board->ncolumns - 1].kind = COLUMN_DONE;
	for (size_t i = 0; i < board->ncolumns && !blocked; i++)
		if (strcmp(board->columns[i].key, "blocked") == 0 && !board->columns[i].kind_given)
			board->columns[i].kind = COLUMN_BLOCKED;
}

static int parse_agency(struct board *board, const char *value, int lineno, struct cb_error *err)
{
	char *f[8] = {0};
	size_t n = split_fields(value, f, 2);

	if (n != 2) {
		free_fields(f, n);
		return cb_fail(err, CB_ECORRUPT, "line %d: expected 'agency: CODE | full name'",
			       lineno);
	}
	board->agencies = xgrow(board->agencies, board->nagencies, sizeof(struct agency));
	board->agencies[board->nagencies++] = (struct agency){f[0], f[1]};
	return 0;
}

static int parse_site(struct board *board, const char *value, int lineno, struct cb_error *err)
{
	char *f[8] = {0}, *end = NULL;
	size_t n = split_fields(value, f, 2);
	long number = n == 2 ? strtol(f[1], &end, 10) : 0;

	if (n != 2 || !end || *end || number < 1 || number > BOARD_SITE_MAX || !*f[0] ||
	    strpbrk(f[0], " \t")) {
		free_fields(f, n);
		return cb_fail(err, CB_ECORRUPT,
			       "line %d: expected 'site: NAME | NUMBER' with a number from 1 to %d",
			       lineno, BOARD_SITE_MAX);
	}
	for (size_t i = 0; i < board->nsites; i++) {
		if (strcmp(board->sites[i].name, f[0]) == 0 || board->sites[i].number == number) {
			free_fields(f, n);
			return cb_fail(err, CB_ECORRUPT,
				       "line %d: two sites share the name %s or the number %ld", lineno,
				       board->sites[i].name, number);
		}
	}
	board->sites = xgrow(board->sites, board->nsites, sizeof(struct site));
	board->sites[board->nsites++] = (struct site){f[0], (int)number};
	free(f[1]);
	return 0;
}

static int parse_member(struct board *board, const char *value, int lineno, struct cb_error *err)
{
	char *f[8] = {0};
	size_t n = split_fields(value, f, 7);
	struct member m = {0};

	if (n < 4 || n > 7 || role_parse(f[3], &m.role) < 0) {
		int bad_role = n >= 4 && n <= 7;
		free_fields(f, n);
		return cb_fail(err, CB_ECORRUPT,
			       bad_role ? N_("line %d: unknown role (viewer, sync, member, secretary, admin)")
					: N_("line %d: expected 'member: login | name | email | role "
					     "| agency | key | language'"),
			       lineno);
	}
	m.login = f[0];
	m.name = f[1];
	m.email = f[2];
	free(f[3]);
	m.agency = n > 4 ? f[4] : xstrdup("");
	m.key = n > 5 ? f[5] : xstrdup("");
	m.language = n > 6 ? f[6] : xstrdup("");
	if (*m.language && !board_language_known(m.language)) {
		int rc = cb_fail(err, CB_ECORRUPT, "line %d: unknown language '%s' (en, ru, kk)", lineno,
				 m.language);
		member_free(&m);
		return rc;
	}
	board->members = xgrow(board->members, board->nmembers, sizeof(m));
	board->members[board->nmembers++] = m;
	return 0;
}

static int parse_calendar_day(struct board *board, bool off, const char *value, int lineno,
			      struct cb_error *err)
{
	char *f[4] = {0};
	size_t n = split_fields(value, f, 2);
	struct calendar_day **days = off ? &board->days_off : &board->work_days;
	size_t *count = off ? &board->ndays_off : &board->nwork_days;

	if (n < 1 || !date_valid(f[0]) || *count >= BOARD_CALENDAR_MAX) {
		int rc = cb_fail(err, CB_ECORRUPT, "line %d: expected '%s: YYYY-MM-DD | name' with a "
				 "real date (at most %d such lines)", lineno, off ? "day-off" : "work-day",
				 BOARD_CALENDAR_MAX);
		free_fields(f, n);
		return rc;
	}
	*days = xgrow(*days, *count, sizeof(**days));
	struct calendar_day *d = &(*days)[(*count)++];
	snprintf(d->date, sizeof(d->date), "%s", f[0]);
	d->name = n > 1 ? f[1] : xstrdup("");
	free(f[0]);
	return 0;
}

/* column-ru: todo | К исполнению, and the like: a name of a column or agency defined above. */
static int parse_local_name(struct board *board, const char *key, const char *value, int lineno,
			    struct cb_error *err)
{
	bool column = strncmp(key, "column-", 7) == 0;
	bool russian = strcmp(strchr(key, '-') + 1, "ru") == 0;
	char *f[4] = {0};
	size_t n = split_fields(value, f, 2);
	struct local_names *names = NULL;
	int col = n == 2 && column ? board_column_index(board, f[0]) : -1;
	const struct agency *agency = n == 2 && !column ? board_agency(board, f[0]) : NULL;

	if (col >= 0)
		names = &board->columns[col].local;
	else if (agency)
		names = &board->agencies[agency - board->agencies].local;
	if (!names || !*f[1]) {
		int rc = cb_fail(
			err, CB_ECORRUPT,
			column ? N_("line %d: expected '%s: KEY | name' for a column KEY defined "
				    "by a column line")
			       : N_("line %d: expected '%s: CODE | name' for an agency CODE defined "
				    "by an agency line"),
			lineno, key);
		free_fields(f, n);
		return rc;
	}
	char **slot = russian ? &names->ru : &names->kk;
	free(*slot);
	*slot = f[1];
	free(f[0]);
	return 0;
}

static bool is_local_name_key(const char *key)
{
	static const char *const keys[] = {"column-ru", "column-kk", "agency-ru", "agency-kk"};

	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

bool board_has_calendar(const struct board *board)
{
	return board->ndays_off || board->nwork_days;
}

static int parse_line(struct board *board, const char *key, const char *value, int lineno,
		      struct cb_error *err)
{
	if (strcmp(key, "title") == 0) {
		str_set(&board->title, value);
		return 0;
	}
	if (strcmp(key, "title-ru") == 0 || strcmp(key, "title-kk") == 0) {
		str_set(key[6] == 'r' ? &board->title_local.ru : &board->title_local.kk, value);
		return 0;
	}
	if (strcmp(key, "default-role") == 0) {
		if (role_parse(value, &board->default_role) < 0)
			return cb_fail(err, CB_ECORRUPT,
				       "line %d: unknown role '%s' (viewer, sync, member, secretary, admin)",
				       lineno, value);
		return 0;
	}
	if (strcmp(key, "dispute-days") == 0) {
		char *end;
		long days = strtol(value, &end, 10);
		if (!*value || *end || days < 0 || days > 365)
			return cb_fail(err, CB_ECORRUPT, "line %d: dispute-days is a number of days "
				       "from 0 to 365", lineno);
		board->dispute_days = (int)days;
		board->dispute_days_given = true;
		return 0;
	}
	if (strcmp(key, "reminder-days") == 0) {
		struct strvec days = {0};
		sv_split_list(&days, value);
		board->nreminder_days = 0;
		for (size_t i = 0; i < days.n; i++) {
			char *end;
			long d = strtol(days.v[i], &end, 10);
			if (*end || d < 0 || d > 60 || board->nreminder_days >= 4) {
				sv_free(&days);
				return cb_fail(err, CB_ECORRUPT, "line %d: reminder-days is up to four numbers "
					       "of working days from 0 to 60, as in 'reminder-days: 7, 1'",
					       lineno);
			}
			board->reminder_days[board->nreminder_days++] = (int)d;
		}
		sv_free(&days);
		return 0;
	}
	if (strcmp(key, "mail-from") == 0) {
		if (!*value || strpbrk(value, "<>\"\r\n ,"))
			return cb_fail(err, CB_ECORRUPT, "line %d: mail-from is one e-mail address, as in "
				       "'mail-from: control@gov.kz'", lineno);
		str_set(&board->mail_from, value);
		return 0;
	}
	if (strcmp(key, "day-off") == 0 || strcmp(key, "work-day") == 0)
		return parse_calendar_day(board, key[0] == 'd', value, lineno, err);
	if (strcmp(key, "column") == 0)
		return parse_column(board, value, lineno, err);
	if (strcmp(key, "agency") == 0)
		return parse_agency(board, value, lineno, err);
	if (strcmp(key, "member") == 0)
		return parse_member(board, value, lineno, err);
	if (strcmp(key, "site") == 0)
		return parse_site(board, value, lineno, err);
	if (is_local_name_key(key))
		return parse_local_name(board, key, value, lineno, err);
	return cb_fail(err, CB_ECORRUPT, "line %d: unknown entry '%s'", lineno, key);
}

const struct column_def *board_column_find(const struct board *board, const char *text)
{
	const struct column_def *exact = board_column(board, text);

	if (exact)
		return exact;
	for (size_t i = 0; i < board->ncolumns; i++)
		if (strcasecmp(board->columns[i].key, text) == 0 ||
		    strcasecmp(board->columns[i].name, text) == 0 ||
		    (board->columns[i].local.ru && utf8_same_but_case(board->columns[i].local.ru, text)) ||
		    (board->columns[i].local.kk && utf8_same_but_case(board->columns[i].local.kk, text)))
			return &board->columns[i];
	return NULL;
}

const struct agency *board_agency_find(const struct board *board, const char *text)
{
	const struct agency *exact = board_agency(board, text);

	if (exact)
		return exact;
	for (size_t i = 0; i < board->nagencies; i++)
		if (strcasecmp(board->agencies[i].code, text) == 0)
			return &board->agencies[i];
	return NULL;
}

const char *board_column_key_of(const struct board *board, const char *text)
{
	const struct column_def *c = text ? board_column_find(board, text) : NULL;

	return c ? c->key : text;
}

const char *board_agency_code_of(const struct board *board, const char *text)
{
	const struct agency *a = text ? board_agency_find(board, text) : NULL;

	return a ? a->code : text;
}

const struct column_def *board_column_of_kind(const struct board *board, enum column_kind kind)
{
	for (size_t i = 0; i < board->ncolumns; i++)
		if (board->columns[i].kind == kind)
			return &board->columns[i];
	return NULL;
}

bool board_column_is_done(const struct board *board, const char *key)
{
	const struct column_def *c = board_column(board, key);

	return c && c->kind == COLUMN_DONE;
}

/* One pass over the lines: the entities, or (names_pass) the names in other languages, which
 * may then sit anywhere (a merge of board.conf may place them before their entity). */
static int parse_lines(struct board *board, const char *text, size_t len, bool names_pass,
		       struct cb_error *err)
{
	const char *p = text, *end = text + len;
	int lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n), *colon, *value;
		int rc = 0;

		lineno++;
		p = nl ? nl + 1 : end;
		if (memchr(line, '\0', n)) {
			free(line);
			return cb_fail(err, CB_ECORRUPT, "line %d: contains a NUL byte", lineno);
		}
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#') {
			if (!names_pass &&
			    strncmp(line, BOARD_CONFLICT_PREFIX, strlen(BOARD_CONFLICT_PREFIX)) == 0) {
				struct strbuf kept = {0};
				sb_printf(&kept, "%s%s\n", board->conflicts ? board->conflicts : "", line);
				free(board->conflicts);
				board->conflicts = sb_detach(&kept);
			}
			free(line);
			continue;
		}
		colon = strchr(line, ':');
		if (!colon) {
			free(line);
			return cb_fail(err, CB_ECORRUPT, "line %d: expected 'entry: value'", lineno);
		}
		*colon = '\0';
		value = colon + 1;
		while (*value == ' ')
			value++;
		if (is_local_name_key(line) == names_pass)
			rc = parse_line(board, line, value, lineno, err);
		free(line);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int board_parse(struct board *board, const char *text, size_t len, struct cb_error *err)
{
	int rc;

	memset(board, 0, sizeof(*board));
	board->title = xstrdup("");
	board->default_role = ROLE_VIEWER;
	board->dispute_days = 3;
	rc = parse_lines(board, text, len, false, err);
	if (rc == 0)
		rc = parse_lines(board, text, len, true, err);
	rebuild_lists(board);
	if (rc < 0)
		return -1;
	infer_column_kinds(board);
	return board_validate(board, err);
}

void board_format_member(const struct member *m, struct strbuf *out)
{
	sb_printf(out, "member: %s | %s | %s | %s |", m->login, m->name, m->email,
		  role_name(m->role));
	if (!str_empty(m->agency))
		sb_printf(out, " %s", m->agency);
	if (!str_empty(m->key) || !str_empty(m->language))
		sb_printf(out, " | %s", m->key);
	if (!str_empty(m->language))
		sb_printf(out, " | %s", m->language);
}

/* The column-ru/kk or agency-ru/kk lines, Russian first, in the order of the entities. */
static void format_local_names(const struct board *board, bool columns, struct strbuf *out)
{
	size_t n = columns ? board->ncolumns : board->nagencies;

	for (int russian = 1; russian >= 0; russian--) {
		for (size_t i = 0; i < n; i++) {
			const struct local_names *l = columns ? &board->columns[i].local
							      : &board->agencies[i].local;
			const char *name = russian ? l->ru : l->kk;
			if (name)
				sb_printf(out, "%s-%s: %s | %s\n", columns ? "column" : "agency",
					  russian ? "ru" : "kk",
					  columns ? board->columns[i].key : board->agencies[i].code, name);
		}
	}
}

void board_format(const struct board *board, struct strbuf *out)
{
	sb_puts(out, "# coboard board definition: see README.md, \"board.conf\".\n");
	sb_printf(out, "title: %s\n", board->title);
	if (board->title_local.ru)
		sb_printf(out, "title-ru: %s\n", board->title_local.ru);
	if (board->title_local.kk)
		sb_printf(out, "title-kk: %s\n", board->title_local.kk);
	sb_printf(out, "default-role: %s\n", role_name(board->default_role));
	if (board->dispute_days_given)
		sb_printf(out, "dispute-days: %d\n", board->dispute_days);
	for (size_t i = 0; i < board->nreminder_days; i++)
		sb_printf(out, "%s%d%s", i ? ", " : "reminder-days: ", board->reminder_days[i],
			  i + 1 == board->nreminder_days ? "\n" : "");
	if (!str_empty(board->mail_from))
		sb_printf(out, "mail-from: %s\n", board->mail_from);
	sb_putc(out, '\n');
	for (size_t i = 0; i < board->ncolumns; i++)
		sb_printf(out, "column: %s | %s | %d%s%s\n", board->columns[i].key,
			  board->columns[i].name, board->columns[i].limit,
			  board->columns[i].kind_given ? " | " : "",
			  board->columns[i].kind_given ? column_kind_names[board->columns[i].kind] : "");
	format_local_names(board, true, out);
	sb_putc(out, '\n');
	for (size_t i = 0; i < board->nagencies; i++)
		sb_printf(out, "agency: %s | %s\n", board->agencies[i].code, board->agencies[i].name);
	format_local_names(board, false, out);
	if (board->nmembers)
		sb_putc(out, '\n');
	for (size_t i = 0; i < board->nmembers; i++) {
		board_format_member(&board->members[i], out);
		sb_putc(out, '\n');
	}
	if (board->nsites)
		sb_putc(out, '\n');
	for (size_t i = 0; i < board->nsites; i++)
		sb_printf(out, "site: %s | %d\n", board->sites[i].name, board->sites[i].number);
	if (board_has_calendar(board))
		sb_putc(out, '\n');
	for (size_t i = 0; i < board->ndays_off; i++)
		sb_printf(out, "day-off: %s | %s\n", board->days_off[i].date, board->days_off[i].name);
	for (size_t i = 0; i < board->nwork_days; i++)
		sb_printf(out, "work-day: %s | %s\n", board->work_days[i].date,
			  board->work_days[i].name);
	if (!str_empty(board->conflicts))
		sb_printf(out, "\n%s", board->conflicts);
}

void board_free(struct board *board)
{
	free(board->title);
	free(board->title_local.ru);
	free(board->title_local.kk);
	for (size_t i = 0; i < board->ncolumns; i++) {
		free(board->columns[i].key);
		free(board->columns[i].name);
		free(board->columns[i].local.ru);
		free(board->columns[i].local.kk);
	}
	free(board->columns);
	for (size_t i = 0; i < board->nagencies; i++) {
		free(board->agencies[i].code);
		free(board->agencies[i].name);
		free(board->agencies[i].local.ru);
		free(board->agencies[i].local.kk);
	}
	free(board->agencies);
	for (size_t i = 0; i < board->nmembers; i++)
		member_free(&board->members[i]);
	free(board->members);
	for (size_t i = 0; i < board->nsites; i++)
		free(board->sites[i].name);
	free(board->sites);
	for (size_t i = 0; i < board->ndays_off; i++)
		free(board->days_off[i].name);
	free(board->days_off);
	for (size_t i = 0; i < board->nwork_days; i++)
		free(board->work_days[i].name);
	free(board->work_days);
	free(board->mail_from);
	free(board->conflicts);
	free(board->column_keys);
	free(board->agency_codes);
	memset(board, 0, sizeof(*board));
}

bool board_language_known(const char *language)
{
	return strcmp(language, "en") == 0 || strcmp(language, "ru") == 0 ||
	       strcmp(language, "kk") == 0;
}

const struct site *board_site(const struct board *board, const char *name)
{
	for (size_t i = 0; i < board->nsites; i++)
		if (strcmp(board->sites[i].name, name) == 0)
			return &board->sites[i];
	return NULL;
}

const char *board_conflicts(const struct board *board)
{
	return board->conflicts ? board->conflicts : "";
}

int board_column_index(const struct board *board, const char *key)
{
	for (size_t i = 0; i < board->ncolumns; i++)
		if (strcmp(board->columns[i].key, key) == 0)
			return (int)i;
	return -1;
}

const struct column_def *board_column(const struct board *board, const char *key)
{
	int i = board_column_index(board, key);

	return i < 0 ? NULL : &board->columns[i];
}

const struct agency *board_agency(const struct board *board, const char *code)
{
	for (size_t i = 0; i < board->nagencies; i++)
		if (strcmp(board->agencies[i].code, code) == 0)
			return &board->agencies[i];
	return NULL;
}

static const char *local_name(const char *english, const struct local_names *local)
{
	const char *language = i18n_language();

	if (strcmp(language, "ru") == 0 && local->ru)
		return local->ru;
	if (strcmp(language, "kk") == 0 && local->kk)
		return local->kk;
	return english;
}

const char *board_title(const struct board *board)
{
	return local_name(board->title, &board->title_local);
}

const char *board_column_name(const struct column_def *column)
{
	return local_name(column->name, &column->local);
}

const char *board_agency_name(const struct agency *agency)
{
	return local_name(agency->name, &agency->local);
}

const struct member *board_member(const struct board *board, const char *login)
{
	for (size_t i = 0; i < board->nmembers; i++)
		if (strcmp(board->members[i].login, login) == 0)
			return &board->members[i];
	return NULL;
}

const char *board_column_keys(const struct board *board)
{
	return board->column_keys ? board->column_keys : "";
}

const char *board_agency_codes(const struct board *board)
{
	return board->agency_codes ? board->agency_codes : "";
}

enum role board_role(const struct board *board, const char *login)
{
	const struct member *m = board_member(board, login);

	return m ? m->role : board->default_role;
}

const char *board_may_admin(const struct board *board, const char *login)
{
	return board_role(board, login) >= ROLE_ADMIN
		       ? NULL
		       : _("only an admin may change board.conf (members, columns, agencies)");
}

const char *board_may_run_meeting(const struct board *board, const char *login)
{
	return board_role(board, login) >= ROLE_SECRETARY
		       ? NULL
		       : _("only a secretary or an admin may run a meeting");
}

const char *board_may_sync(const struct board *board, const char *login)
{
	return board_role(board, login) >= ROLE_SECRETARY
		       ? NULL
		       : _("only a secretary or an admin may sync the board with another office");
}

const char *board_may_transport(const struct board *board, const char *login)
{
	enum role role = board_role(board, login);

	return role == ROLE_SYNC || role == ROLE_ADMIN
		       ? NULL
		       : _("only an admin's key or a key with the sync role may fetch or push the board");
}

void board_set_member(struct board *board, const struct member *member)
{
	struct member copy = {
		.login = xstrdup(member->login),
		.name = xstrdup(member->name ? member->name : ""),
		.email = xstrdup(member->email ? member->email : ""),
		.agency = xstrdup(member->agency ? member->agency : ""),
		.key = xstrdup(member->key ? member->key : ""),
		.language = xstrdup(member->language ? member->language : ""),
		.role = member->role,
	};

	for (size_t i = 0; i < board->nmembers; i++) {
		if (strcmp(board->members[i].login, member->login) == 0) {
			member_free(&board->members[i]);
			board->members[i] = copy;
			return;
		}
	}
	board->members = xgrow(board->members, board->nmembers, sizeof(copy));
	board->members[board->nmembers++] = copy;
}

void board_copy_authority(struct board *dst, const struct board *src)
{
	for (size_t i = 0; i < dst->nmembers; i++)
		member_free(&dst->members[i]);
	free(dst->members);
	dst->members = NULL;
	dst->nmembers = 0;
	for (size_t i = 0; i < src->nmembers; i++) {
		const struct member *m = &src->members[i];
		dst->members = xgrow(dst->members, dst->nmembers, sizeof(*dst->members));
		dst->members[dst->nmembers++] =
			(struct member){xstrdup(m->login), xstrdup(m->name), xstrdup(m->email),
					xstrdup(m->agency), xstrdup(m->key), xstrdup(m->language),
					m->role};
	}
	for (size_t i = 0; i < dst->nsites; i++)
		free(dst->sites[i].name);
	free(dst->sites);
	dst->sites = NULL;
	dst->nsites = 0;
	for (size_t i = 0; i < src->nsites; i++) {
		dst->sites = xgrow(dst->sites, dst->nsites, sizeof(*dst->sites));
		dst->sites[dst->nsites++] = (struct site){xstrdup(src->sites[i].name),
							  src->sites[i].number};
	}
	dst->default_role = src->default_role;
}

bool board_remove_member(struct board *board, const char *login)
{
	for (size_t i = 0; i < board->nmembers; i++) {
		if (strcmp(board->members[i].login, login) == 0) {
			member_free(&board->members[i]);
			memmove(&board->members[i], &board->members[i + 1],
				(board->nmembers - i - 1) * sizeof(*board->members));
			board->nmembers--;
			return true;
		}
	}
	return false;
}

static bool all_chars(const char *s, const char *allowed, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && strspn(s, allowed) == n;
}

static const char lower_key_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
static const char agency_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
static const char login_chars[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

/* "TYPE BASE64 [comment]": strict, because the line lands in authorized_keys after options
 * coboard writes, and must not be able to add options of its own. */
static bool ssh_key_valid(const char *key)
{
	static const char type_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789@.-";
	static const char b64_chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
	size_t type = strspn(key, type_chars), b64;

	if (type < 7 || key[type] != ' ')
		return false;
	if (strncmp(key, "ssh-", 4) != 0 && strncmp(key, "ecdsa-", 6) != 0 &&
	    strncmp(key, "sk-", 3) != 0)
		return false;
	b64 = strspn(key + type + 1, b64_chars);
	if (b64 < 16)
		return false;
	const char *rest = key + type + 1 + b64;
	return *rest == '\0' || (*rest == ' ' && !strpbrk(rest, "\"\\"));
}

bool login_valid(const char *login)
{
	return all_chars(login, login_chars, 1, 64) && login[0] != '-';
}

static int compare_logins(const void *a, const void *b)
{
	return strcmp((*(const struct member *const *)a)->login,
		      (*(const struct member *const *)b)->login);
}

/* Duplicate logins, found by sorting: a board of many members costs n log n, not n². */
static int members_unique(const struct board *board, struct cb_error *err)
{
	const struct member **sorted = xcalloc(board->nmembers + 1, sizeof(*sorted));
	int rc = 0;

	for (size_t i = 0; i < board->nmembers; i++)
		sorted[i] = &board->members[i];
	qsort(sorted, board->nmembers, sizeof(*sorted), compare_logins);
	for (size_t i = 1; i < board->nmembers && rc == 0; i++)
		if (strcmp(sorted[i - 1]->login, sorted[i]->login) == 0)
			rc = cb_fail(err, CB_EINVALID, "member '%s' is listed twice", sorted[i]->login);
	free(sorted);
	return rc;
}

static bool has_bar(const char *s)
{
	return strchr(s, '|') != NULL;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int members_valid(const struct board *board, const char **codes, struct cb_error *err);
static int title_valid(const struct board *board, struct cb_error *err);

int board_validate(const struct board *board, struct cb_error *err)
{
	if (board->ncolumns == 0)
		return cb_fail(err, CB_ECORRUPT, "board.conf defines no columns");
	/* Bounds that keep every command quick whatever board.conf is pushed. */
	if (board->ncolumns > BOARD_COLUMNS_MAX || board->nagencies > BOARD_AGENCIES_MAX ||
	    board->nmembers > BOARD_MEMBERS_MAX)
		return cb_fail(err, CB_EINVALID, "board.conf defines %zu columns, %zu agencies and "
			       "%zu members; at most %d, %d and %d", board->ncolumns,
			       board->nagencies, board->nmembers, BOARD_COLUMNS_MAX,
			       BOARD_AGENCIES_MAX, BOARD_MEMBERS_MAX);
	for (size_t i = 0; i < board->ncolumns; i++) {
		const struct column_def *c = &board->columns[i];

		if (!all_chars(c->key, lower_key_chars, 1, 32))
			return cb_fail(err, CB_EINVALID,
				       "column key '%s' must be 1-32 of a-z, 0-9 and '-'", c->key);
		if (board_column_index(board, c->key) != (int)i)
			return cb_fail(err, CB_EINVALID, "column '%s' is defined twice", c->key);
		if (text_validate("a column name", c->name, false, err) < 0 ||
		    (c->local.ru && text_validate("a column name", c->local.ru, false, err) < 0) ||
		    (c->local.kk && text_validate("a column name", c->local.kk, false, err) < 0))
			return -1;
	}
	for (size_t i = 0; i < board->nagencies; i++) {
		const struct agency *a = &board->agencies[i];

		if (!all_chars(a->code, agency_chars, 2, 12))
			return cb_fail(err, CB_EINVALID,
				       "agency code '%s' must be 2-12 of A-Z, 0-9 and '-'", a->code);
		if (text_validate("an agency name", a->name, false, err) < 0 ||
		    (a->local.ru && text_validate("an agency name", a->local.ru, false, err) < 0) ||
		    (a->local.kk && text_validate("an agency name", a->local.kk, false, err) < 0))
			return -1;
	}
	/* Codes sorted once, so that checking thousands of agencies and members stays quick. */
	const char **codes = xcalloc(board->nagencies + 1, sizeof(*codes));
	for (size_t i = 0; i < board->nagencies; i++)
		codes[i] = board->agencies[i].code;
	qsort(codes, board->nagencies, sizeof(*codes), compare_strings);
	for (size_t i = 1; i < board->nagencies; i++)
		if (strcmp(codes[i - 1], codes[i]) == 0) {
			int rc = cb_fail(err, CB_EINVALID, "agency '%s' is defined twice", codes[i]);
			free(codes);
			return rc;
		}
	int rc = members_valid(board, codes, err);
	free(codes);
	return rc < 0 ? -1 : title_valid(board, err);
}

static int members_valid(const struct board *board, const char **codes, struct cb_error *err)
{
	if (members_unique(board, err) < 0)
		return -1;
	for (size_t i = 0; i < board->nmembers; i++) {
		const struct member *m = &board->members[i];

		if (!login_valid(m->login))
			return cb_fail(err, CB_EINVALID,
				       "member login '%s' must be 1-64 of letters, digits, '.', '_' "
				       "and '-', not starting with '-'",
				       m->login);
		if (strpbrk(m->email, "<>"))
			return cb_fail(err, CB_EINVALID, "the email of '%s' may not contain '<' or '>'",
				       m->login);
		if (!str_empty(m->agency) &&
		    !bsearch(&m->agency, codes, board->nagencies, sizeof(*codes), compare_strings))
			return cb_fail(err, CB_ENOTFOUND, "member '%s' names unknown agency '%s'",
				       m->login, m->agency);
		if (has_bar(m->name) || has_bar(m->email) || has_bar(m->key))
			return cb_fail(err, CB_EINVALID, "member fields may not contain '|'");
		if (!str_empty(m->key) && !ssh_key_valid(m->key))
			return cb_fail(err, CB_EINVALID,
				       "the key of '%s' is not an OpenSSH public key (TYPE BASE64 [comment], "
				       "as in a .pub file)",
				       m->login);
		if (text_validate("a member name", m->name, false, err) < 0 ||
		    text_validate("a member email", m->email, false, err) < 0 ||
		    text_validate("a member key", m->key, false, err) < 0)
			return -1;
	}
	return 0;
}

static int title_valid(const struct board *board, struct cb_error *err)
{
	if (has_bar(board->title))
		return cb_fail(err, CB_EINVALID, "the board title may not contain '|'");
	if ((board->title_local.ru &&
	     text_validate("the board title", board->title_local.ru, false, err) < 0) ||
	    (board->title_local.kk &&
	     text_validate("the board title", board->title_local.kk, false, err) < 0))
		return -1;
	return text_validate("the board title", board->title, false, err);
}
