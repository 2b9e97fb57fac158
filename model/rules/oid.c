#include "oid.h"

#include <string.h>

char *cb_oid_tostr(char out[CB_OID_HEXSZ + 1], const struct cb_oid *oid)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < CB_OID_RAWSZ; i++) {
		out[2 * i] = digits[oid->id[i] >> 4];
		out[2 * i + 1] = digits[oid->id[i] & 15];
	}
	out[CB_OID_HEXSZ] = '\0';
	return out;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int cb_oid_fromstr(struct cb_oid *out, const char *hex)
{
	if (strlen(hex) != CB_OID_HEXSZ)
		return -1;
	for (int i = 0; i < CB_OID_RAWSZ; i++) {
		int high = hex_value(hex[2 * i]), low = hex_value(hex[2 * i + 1]);
		if (high < 0 || low < 0)
			return -1;
		out->id[i] = (unsigned char)(high << 4 | low);
	}
	return 0;
}

bool cb_oid_equal(const struct cb_oid *a, const struct cb_oid *b)
{
	return memcmp(a->id, b->id, CB_OID_RAWSZ) == 0;
}
