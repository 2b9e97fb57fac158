#include "authority.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#define REFUSED_PREFIX "# refused: "
enum { AUTHORITY_FILE_MAX = 4 << 20 };

char *authority_path(const char *gitdir)
{
	struct strbuf path = {0};

	sb_printf(&path, "%scoboard-authority.conf", gitdir);
	return sb_detach(&path);
}

static int read_whole(const char *path, struct strbuf *out, bool *found, struct cb_error *err)
{
	char buf[8192];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*found = fd >= 0;
	if (fd < 0)
		return errno == ENOENT ? 0 : cb_fail(err, CB_EFAIL, "cannot read %s: %s", path,
						     strerror(errno));
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || out->len + (size_t)r > AUTHORITY_FILE_MAX) {
			close(fd);
			return cb_fail(err, CB_EFAIL, "cannot read %s: %s", path,
				       r < 0 ? strerror(errno) : "over 4 MiB");
		}
		sb_add(out, buf, (size_t)r);
	}
	close(fd);
	return 0;
}

int authority_read(const char *gitdir, struct board *accepted, struct strvec *refused,
		   bool *found, struct cb_error *err)
{
	char *path = authority_path(gitdir);
	struct strbuf text = {0};
	int rc;

	memset(accepted, 0, sizeof(*accepted));
	rc = read_whole(path, &text, found, err);
	if (rc == 0 && *found) {
		for (const char *line = sb_str(&text); *line;) {
			size_t len = strcspn(line, "\n");
			if (refused && strncmp(line, REFUSED_PREFIX, strlen(REFUSED_PREFIX)) == 0) {
				char *value = xstrndup(line + strlen(REFUSED_PREFIX),
						       len - strlen(REFUSED_PREFIX));
				sv_push(refused, value);
				free(value);
			}
			line += len + (line[len] == '\n');
		}
		struct cb_error perr = {0};
		if (board_parse(accepted, sb_str(&text), text.len, &perr) < 0) {
			cb_fail(err, CB_ECORRUPT, "%s: %s (restore it from a backup, or remove it to "
				"accept board.conf as it is in git)", path, perr.msg);
			memset(accepted, 0, sizeof(*accepted));
			rc = -1;
		}
	}
	sb_free(&text);
	free(path);
	return rc;
}

static void format_file(const struct board *accepted, const struct strvec *refused,
			struct strbuf *out)
{
	sb_puts(out,
		UNTRANSLATED(
			"# This office's own authority: the members, roles, keys and sites its admins\n"
			"# accepted (`coboard authority`). Not in git: back it up with the repository.\n"));
	board_format(accepted, out);
	for (size_t i = 0; refused && i < refused->n; i++)
		sb_printf(out, "%s%s\n", REFUSED_PREFIX, refused->v[i]);
}

/* Writes text to a temporary file beside path; its name is left in tmp. */
static int write_temp(const char *path, const struct strbuf *text, struct strbuf *tmp)
{
	sb_printf(tmp, "%s.%ld.tmp", path, (long)getpid());
	int fd = open(sb_str(tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0664);
	if (fd < 0)
		return -1;
	bool ok = write(fd, text->buf, text->len) == (ssize_t)text->len && fsync(fd) == 0;
	if (close(fd) < 0 || !ok) {
		unlink(sb_str(tmp));
		return -1;
	}
	return 0;
}

int authority_write(const char *gitdir, const struct board *accepted,
		    const struct strvec *refused, struct cb_error *err)
{
	char *path = authority_path(gitdir);
	struct strbuf text = {0}, tmp = {0};
	int rc = 0;

	format_file(accepted, refused, &text);
	if (write_temp(path, &text, &tmp) < 0 || rename(sb_str(&tmp), path) < 0) {
		rc = cb_fail(err, CB_EFAIL, "cannot write %s: %s; nothing was accepted", path,
			     strerror(errno));
		unlink(sb_str(&tmp));
	}
	sb_free(&text);
	sb_free(&tmp);
	free(path);
	return rc;
}

int authority_save(const char *gitdir, const char *board_conf, const struct strvec *refuse,
		   struct cb_error *err)
{
	struct board old, now;
	struct strvec refused = {0};
	bool found;
	int rc = -1;

	if (board_parse(&now, board_conf, strlen(board_conf), err) < 0)
		return -1;
	if (authority_read(gitdir, &old, &refused, &found, err) == 0) {
		board_free(&old);
		for (size_t i = 0; refuse && i < refuse->n; i++)
			if (!sv_contains(&refused, refuse->v[i]))
				sv_push(&refused, refuse->v[i]);
		rc = authority_write(gitdir, &now, &refused, err);
	}
	sv_free(&refused);
	board_free(&now);
	return rc;
}

void authority_create_if_missing(const char *gitdir, const struct board *board)
{
	char *path = authority_path(gitdir);
	struct strbuf text = {0}, tmp = {0};

	if (access(path, F_OK) < 0 && errno == ENOENT) {
		format_file(board, NULL, &text);
		/* link() never replaces: a file another process made meanwhile stands. */
		if (write_temp(path, &text, &tmp) == 0) {
			if (link(sb_str(&tmp), path) < 0 && errno != EEXIST)
				(void)0; /* unwritable: the board is taken as it is in git */
			unlink(sb_str(&tmp));
		}
	}
	sb_free(&text);
	sb_free(&tmp);
	free(path);
}

void authority_overlay(struct board *board, const struct board *accepted)
{
	board_copy_authority(board, accepted);
}

void authority_member_line(const struct member *m, struct strbuf *out)
{
	board_format_member(m, out);
}

static void site_line(const struct site *site, struct strbuf *out)
{
	sb_printf(out, "site: %s | %d", site->name, site->number);
}

static void push_proposal(struct proposals *out, const char *key, const char *proposed,
			  const char *current, const char *what)
{
	out->v = xgrow(out->v, out->n, sizeof(*out->v));
	out->v[out->n++] = (struct proposal){xstrdup(key), xstrdup(proposed), xstrdup(current),
					     xstrdup(what)};
}

/* A member's change in words, for the admin deciding it. */
static void describe_member(const struct member *in_git, const struct member *now,
			    struct strbuf *what)
{
	if (!in_git) {
		sb_printf(what, _("%s is removed (now %s)"), now->login, role_name(now->role));
		return;
	}
	if (!now) {
		sb_printf(what, _("%s joins as %s"), in_git->login, role_name(in_git->role));
		if (!str_empty(in_git->agency))
			sb_printf(what, _(" of %s"), in_git->agency);
		if (!str_empty(in_git->key))
			sb_puts(what, _(", with an SSH key"));
		return;
	}
	sb_puts(what, in_git->login);
	const char *sep = "";
	if (in_git->role != now->role) {
		sb_printf(what, _("%s becomes %s (now %s)"), sep, role_name(in_git->role),
			  role_name(now->role));
		sep = ";";
	}
	if (strcmp(in_git->agency, now->agency) != 0) {
		sb_printf(what, _("%s moves to agency %s (now %s)"), sep,
			  str_empty(in_git->agency) ? "-" : in_git->agency,
			  str_empty(now->agency) ? "-" : now->agency);
		sep = ";";
	}
	if (strcmp(in_git->key, now->key) != 0) {
		sb_printf(what, "%s%s", sep, str_empty(in_git->key) ? _(" loses its SSH key")
								     : _(" gets a new SSH key"));
		sep = ";";
	}
	if (strcmp(in_git->name, now->name) != 0 || strcmp(in_git->email, now->email) != 0 ||
	    strcmp(in_git->language, now->language) != 0)
		sb_printf(what, _("%s has a new name, e-mail or language"), sep);
}

static void member_proposals(const struct board *in_git, const struct board *accepted,
			     const struct strvec *refused, struct proposals *out)
{
	struct strbuf proposed = {0}, current = {0}, what = {0};

	for (size_t pass = 0; pass < 2; pass++) {
		const struct board *from = pass == 0 ? in_git : accepted;
		for (size_t i = 0; i < from->nmembers; i++) {
			const char *login = from->members[i].login;
			const struct member *g = board_member(in_git, login);
			const struct member *a = board_member(accepted, login);

			if (pass == 1 && g)
				continue; /* seen in the first pass */
			sb_reset(&proposed);
			sb_reset(&current);
			sb_reset(&what);
			if (g)
				board_format_member(g, &proposed);
			if (a)
				board_format_member(a, &current);
			if (strcmp(sb_str(&proposed), sb_str(&current)) == 0 ||
			    sv_contains(refused, g ? sb_str(&proposed) : sb_str(&current)))
				continue;
			describe_member(g, a, &what);
			push_proposal(out, login, sb_str(&proposed), sb_str(&current), sb_str(&what));
		}
	}
	sb_free(&proposed);
	sb_free(&current);
	sb_free(&what);
}

static void site_proposals(const struct board *in_git, const struct board *accepted,
			   const struct strvec *refused, struct proposals *out)
{
	struct strbuf proposed = {0}, current = {0}, what = {0}, key = {0};

	for (size_t pass = 0; pass < 2; pass++) {
		const struct board *from = pass == 0 ? in_git : accepted;
		for (size_t i = 0; i < from->nsites; i++) {
			const char *name = from->sites[i].name;
			const struct site *g = board_site(in_git, name), *a = board_site(accepted, name);

			if (pass == 1 && g)
				continue;
			sb_reset(&proposed);
			sb_reset(&current);
			sb_reset(&what);
			sb_reset(&key);
			if (g)
				site_line(g, &proposed);
			if (a)
				site_line(a, &current);
			if (strcmp(sb_str(&proposed), sb_str(&current)) == 0 ||
			    sv_contains(refused, g ? sb_str(&proposed) : sb_str(&current)))
				continue;
			if (!g)
				sb_printf(&what, _("site %s is removed"), name);
			else if (!a)
				sb_printf(&what, _("site %s gets number %d"), name, g->number);
			else
				sb_printf(&what, _("site %s gets number %d (now %d)"), name, g->number,
					  a->number);
			sb_printf(&key, "site:%s", name);
			push_proposal(out, sb_str(&key), sb_str(&proposed), sb_str(&current),
				      sb_str(&what));
		}
	}
	sb_free(&proposed);
	sb_free(&current);
	sb_free(&what);
	sb_free(&key);
}

void authority_proposals(const struct board *in_git, const struct board *accepted,
			 const struct strvec *refused, struct proposals *out)
{
	static const struct strvec none = {0};

	memset(out, 0, sizeof(*out));
	if (!refused)
		refused = &none;
	if (in_git->default_role != accepted->default_role) {
		struct strbuf line = {0}, now = {0}, what = {0};
		sb_printf(&line, "default-role: %s", role_name(in_git->default_role));
		sb_printf(&now, "default-role: %s", role_name(accepted->default_role));
		sb_printf(&what, _("everyone not listed becomes %s (now %s)"),
			  role_name(in_git->default_role), role_name(accepted->default_role));
		if (!sv_contains(refused, sb_str(&line)))
			push_proposal(out, "default-role", sb_str(&line), sb_str(&now),
				      sb_str(&what));
		sb_free(&line);
		sb_free(&now);
		sb_free(&what);
	}
	member_proposals(in_git, accepted, refused, out);
	site_proposals(in_git, accepted, refused, out);
}

void proposals_free(struct proposals *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].proposed);
		free(p->v[i].current);
		free(p->v[i].what);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

const struct proposal *proposal_find(const struct proposals *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0)
			return &p->v[i];
	return NULL;
}

/* The entry of line ("member: ...", "site: ...", "default-role: ..."), parsed in a scratch
 * board of its own that has the member's agency. */
static bool parse_entry(const char *line, struct board *entry)
{
	struct strbuf text = {0};
	struct cb_error ignored = {0};

	sb_puts(&text, "title: x\ncolumn: x | x | 0\n");
	if (strncmp(line, "member:", 7) == 0) {
		const char *f = line;
		for (int bars = 0; *f && bars < 4; f++)
			bars += *f == '|';
		f += strspn(f, " ");
		int len = (int)strcspn(f, " |");
		if (len)
			sb_printf(&text, "agency: %.*s | x\n", len, f);
	}
	sb_printf(&text, "%s\n", line);
	bool ok = board_parse(entry, sb_str(&text), text.len, &ignored) == 0;
	if (!ok)
		memset(entry, 0, sizeof(*entry));
	sb_free(&text);
	return ok;
}

void authority_accept(struct board *accepted, const struct proposal *p)
{
	struct board entry = {0};
	bool parsed = *p->proposed && parse_entry(p->proposed, &entry);

	if (strcmp(p->key, "default-role") == 0) {
		if (parsed)
			accepted->default_role = entry.default_role;
	} else if (strncmp(p->key, "site:", 5) == 0) {
		size_t kept = 0;
		for (size_t i = 0; i < accepted->nsites; i++) {
			if (strcmp(accepted->sites[i].name, p->key + 5) == 0)
				free(accepted->sites[i].name);
			else
				accepted->sites[kept++] = accepted->sites[i];
		}
		accepted->nsites = kept;
		if (parsed && entry.nsites == 1) {
			accepted->sites = xgrow(accepted->sites, accepted->nsites,
						sizeof(*accepted->sites));
			accepted->sites[accepted->nsites++] =
				(struct site){xstrdup(entry.sites[0].name), entry.sites[0].number};
		}
	} else if (!*p->proposed) {
		board_remove_member(accepted, p->key);
	} else if (parsed && entry.nmembers == 1) {
		board_set_member(accepted, &entry.members[0]);
	}
	if (parsed)
		board_free(&entry);
}

void authority_carry(const struct board *before, const struct board *after,
		     struct board *in_git)
{
	struct strbuf a = {0}, b = {0};

	if (before->default_role != after->default_role)
		in_git->default_role = after->default_role;
	for (size_t i = 0; i < after->nmembers; i++) {
		const struct member *was = board_member(before, after->members[i].login);
		sb_reset(&a);
		sb_reset(&b);
		board_format_member(&after->members[i], &a);
		if (was)
			board_format_member(was, &b);
		if (!was || strcmp(sb_str(&a), sb_str(&b)) != 0)
			board_set_member(in_git, &after->members[i]);
	}
	for (size_t i = 0; i < before->nmembers; i++)
		if (!board_member(after, before->members[i].login))
			board_remove_member(in_git, before->members[i].login);
	for (size_t i = 0; i < after->nsites; i++) {
		const struct site *was = board_site(before, after->sites[i].name);
		if (was && was->number == after->sites[i].number)
			continue;
		struct proposal p = {.key = NULL};
		struct strbuf key = {0}, line = {0};
		sb_printf(&key, "site:%s", after->sites[i].name);
		site_line(&after->sites[i], &line);
		p.key = (char *)sb_str(&key);
		p.proposed = (char *)sb_str(&line);
		authority_accept(in_git, &p);
		sb_free(&key);
		sb_free(&line);
	}
	for (size_t i = 0; i < before->nsites; i++) {
		if (board_site(after, before->sites[i].name))
			continue;
		struct strbuf key = {0};
		sb_printf(&key, "site:%s", before->sites[i].name);
		struct proposal p = {.key = (char *)sb_str(&key), .proposed = (char *)""};
		authority_accept(in_git, &p);
		sb_free(&key);
	}
	sb_free(&a);
	sb_free(&b);
}
