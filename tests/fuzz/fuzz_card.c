/* libFuzzer: the card parser. Whatever parses must format to text that parses back to the
 * same text (the canonical form is a fixed point). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cb_error err = {0};
	struct card a, b;
	struct strbuf first = {0}, second = {0};

	if (card_parse(&a, (const char *)data, size, &err) == 0) {
		card_format(&a, &first);
		cb_error_clear(&err);
		if (card_parse(&b, first.buf, first.len, &err) != 0)
			abort();
		card_format(&b, &second);
		if (first.len != second.len || memcmp(first.buf, second.buf, first.len) != 0)
			abort();
		card_free(&b);
	}
	card_free(&a);
	sb_free(&first);
	sb_free(&second);
	return 0;
}
