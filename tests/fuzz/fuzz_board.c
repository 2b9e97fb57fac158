/* libFuzzer: the board.conf parser. A board that parses formats to a board that parses to
 * the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cb_error err = {0};
	struct board a, b;
	struct strbuf first = {0}, second = {0};

	if (board_parse(&a, (const char *)data, size, &err) == 0) {
		board_format(&a, &first);
		cb_error_clear(&err);
		if (board_parse(&b, first.buf, first.len, &err) != 0)
			abort();
		board_format(&b, &second);
		if (first.len != second.len || memcmp(first.buf, second.buf, first.len) != 0)
			abort();
		board_free(&b);
	}
	board_free(&a);
	sb_free(&first);
	sb_free(&second);
	return 0;
}
