#include "error.h"

#include <stdbool.h>

#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cb_fail(struct cb_error *err, enum cb_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != CB_OK)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), gettext(fmt), ap);
	va_end(ap);
	return -1;
}

void cb_error_prefix(struct cb_error *err, const char *fmt, ...)
{
	char prefix[256], old[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), gettext(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s%s", prefix, old);
}

void cb_error_clear(struct cb_error *err)
{
	err->code = CB_OK;
	err->msg[0] = '\0';
	err->field = NULL;
}
