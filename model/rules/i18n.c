#include <stdbool.h>

#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The catalogues beside the program (its build directory), or where the program is installed
 * (BIN/../share/locale, whatever the prefix), else the directory the build was told. */
void i18n_init(const char *installed_dir)
{
	static const char *const beside[] = {"%s/locale", "%s/../share/locale"};
	char exe[4096], dir[4200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *chosen = installed_dir;
	char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;

	if (slash)
		*slash = '\0';
	for (size_t i = 0; slash && i < sizeof(beside) / sizeof(*beside); i++) {
		snprintf(dir, sizeof(dir), beside[i], exe);
		struct stat st;
		/* A directory: /usr/bin/locale is the locale program. */
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			chosen = dir;
			break;
		}
	}
	bindtextdomain("coboard", chosen);
	bind_textdomain_codeset("coboard", "UTF-8");
	textdomain("coboard");
}

bool i18n_use_language(const char *language)
{
	static const char *const forms[] = {"%s_%s.UTF-8", "%s_%s.utf8"};
	static const struct {
		const char *language, *country;
	} known[] = {{"ru", "RU"}, {"kk", "KZ"}, {"en", "US"}};

	if (!language || !*language)
		return false;
	/* English is the program's own text: no catalogue, no locale to generate. */
	if (strcmp(language, "en") == 0 && setlocale(LC_MESSAGES, "C.UTF-8")) {
		setlocale(LC_TIME, "C.UTF-8");
		return true;
	}
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++) {
		if (strcmp(known[i].language, language) != 0)
			continue;
		for (size_t f = 0; f < sizeof(forms) / sizeof(*forms); f++) {
			char name[32];
			snprintf(name, sizeof(name), forms[f], known[i].language, known[i].country);
			/* Messages and dates only: numbers stay as machine formats need them. */
			if (setlocale(LC_MESSAGES, name)) {
				setlocale(LC_TIME, name);
				return true;
			}
		}
	}
	return false;
}

const char *i18n_language(void)
{
	/* The catalogue's header (the translation of the empty message) names its language. */
	static const char header_id[] = "";
	const char *header = gettext(header_id), *at = strstr(header, "Language: ");

	if (at && strncmp(at + 10, "ru\n", 3) == 0)
		return "ru";
	if (at && strncmp(at + 10, "kk\n", 3) == 0)
		return "kk";
	return "en";
}

void i18n_day(const char *day, char out[16])
{
	/* TRANSLATORS: how a day is written: "%3$s.%2$s.%1$s" is 31.12.2026; the three are
	 * year, month and day. */
	const char *pattern = _("%1$s-%2$s-%3$s");

	if (strlen(day) != 10 || day[4] != '-' || day[7] != '-') {
		snprintf(out, 16, "%.15s", day);
		return;
	}
	char y[5], m[3], d[3];
	memcpy(y, day, 4), y[4] = '\0';
	memcpy(m, day + 5, 2), m[2] = '\0';
	memcpy(d, day + 8, 2), d[2] = '\0';
	snprintf(out, 16, pattern, y, m, d);
}
