# A long session: hundreds of 10 KB notes (COBOARD_TEST_NOTES, default 500) must leave the
# index's write-ahead log small, and the index itself no bigger than what it holds.
. "$(dirname "$0")/../lib.sh"
new_board
notes=${COBOARD_TEST_NOTES:-500}
note=$(head -c 7500 /dev/urandom | base64 -w 100)
for c in 1 2 3 4 5 6 7 8 9 10; do
	cb add --title "Card $c for notes" --lead MOE >/dev/null
done
i=0
while [ "$i" -lt "$notes" ]; do
	cb note $((5 + i % 10)) "$i $note" >/dev/null
	i=$((i + 1))
done
wal="$BOARD/coboard/index.sqlite-wal"
wal_size=$(stat -c %s "$wal" 2>/dev/null || echo 0)
echo "WAL after $notes notes: $wal_size bytes"
[ "$wal_size" -lt $((4 * 1024 * 1024)) ] || fail "the WAL grew to $wal_size bytes"
expect_eq "$(cb show 14 --format json | grep -o '"time"' | wc -l | tr -d ' ')" $((notes / 10)) \
	"every note is on its card"
