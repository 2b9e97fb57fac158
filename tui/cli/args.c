#include "args.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int args_parse(int argc, char **argv, const struct opt *opts, int min_pos, int max_pos,
	       struct args *out, struct cb_error *err)
{
	bool options_done = false;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct opt *o;
		const char *eq;
		size_t len;

		if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
			if (out->npos >= max_pos || out->npos >= ARGS_MAX_POSITIONAL)
				return cb_fail(err, CB_EINVALID, "unexpected argument '%s'", a);
			out->pos[out->npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			out->help = true;
			return 0;
		}
		if (a[1] != '-')
			return cb_fail(err, CB_EINVALID, "unknown option '%s'", a);
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (!o->name)
			return cb_fail(err, CB_EINVALID, "unknown option '--%.*s'", (int)len, a);
		if (o->flag) {
			if (eq)
				return cb_fail(err, CB_EINVALID, "option '--%s' takes no value", o->name);
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return cb_fail(err, CB_EINVALID, "option '--%s' needs a value", o->name);
		}
	}
	if (out->npos < min_pos)
		return cb_fail(err, CB_EINVALID, "missing argument");
	return 0;
}

int args_card_id(const char *s, int *id, struct cb_error *err)
{
	char *end;
	long v;

	if (s[0] == '#')
		s++;
	v = strtol(s, &end, 10);
	if (!*s || *end || v <= 0 || v > 100000000)
		return cb_fail(err, CB_EINVALID, "'%s' is not a card id (a number such as 12 or #12)",
			       s);
	*id = (int)v;
	return 0;
}

int args_split(const char *line, char **words, int max)
{
	int n = 0;
	const char *p = line;

	for (;;) {
		struct strbuf word = {0};
		bool any = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'' || *p == '"') {
				char quote = *p++;
				const char *end = strchr(p, quote);
				if (!end) {
					sb_free(&word);
					for (int i = 0; i < n; i++)
						free(words[i]);
					return -1;
				}
				sb_add(&word, p, (size_t)(end - p));
				p = end + 1;
			} else {
				sb_putc(&word, *p++);
			}
			any = true;
		}
		if (any && n < max)
			words[n++] = sb_detach(&word);
		sb_free(&word);
	}
	return n;
}

