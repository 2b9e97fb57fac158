# Sync while people write on both sides: a writer on each board adds notes several times a
# second while the boards sync back and forth (COBOARD_TEST_SYNCS times, default 50). At
# least all but one of every fifty syncs land, and afterwards both boards hold the same tree
# and every note written, once.
. "$(dirname "$0")/../lib.sh"
new_board
A="$BOARD"
B="$T/akmola.git"
second_office "$B"

# writer BOARD NAME: notes on cards 1-4 until $T/stop appears, about five a second.
writer() {
	n=0
	while [ ! -e "$T/stop" ]; do
		n=$((n + 1))
		"$COBOARD_BIN" --board "$1" --user sec note $((n % 4 + 1)) "$2 note $n" >/dev/null 2>&1 &&
			echo "$2 note $n" >>"$T/written.$2"
		sleep 0.2
	done
}
: >"$T/written.astana"
: >"$T/written.akmola"
writer "$A" astana &
wa=$!
writer "$B" akmola &
wb=$!
trap 'touch "$T/stop"; wait 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT

syncs=${COBOARD_TEST_SYNCS:-50}
landed=0
i=0
while [ $i -lt $syncs ]; do
	if [ $((i % 2)) -eq 0 ]; then
		board=$A remote=akmola
	else
		board=$B remote=astana
	fi
	if "$COBOARD_BIN" --board "$board" --user sec sync "$remote" >/dev/null 2>"$T/sync.err"; then
		landed=$((landed + 1))
	else
		echo "sync $i failed: $(cat "$T/sync.err")" >&2
	fi
	i=$((i + 1))
	sleep 0.3
done
touch "$T/stop"
wait $wa $wb
need=$((syncs - (syncs + 49) / 50))
[ "$landed" -ge "$need" ] || fail "only $landed of $syncs syncs landed while both boards were written"
[ -s "$T/written.astana" ] && [ -s "$T/written.akmola" ] || fail "the writers wrote nothing"
"$COBOARD_BIN" --board "$A" --user sec sync akmola >/dev/null
"$COBOARD_BIN" --board "$B" --user sec sync astana >/dev/null
expect_eq "$(git --git-dir="$A" rev-parse 'main^{tree}')" "$(git --git-dir="$B" rev-parse 'main^{tree}')" \
	"both boards hold the same tree"
for board in "$A" "$B"; do
	all=$(for id in 1 2 3 4; do "$COBOARD_BIN" --board "$board" --user sec show "$id"; done)
	for side in astana akmola; do
		while read -r note; do
			count=$(printf '%s\n' "$all" | grep -c -x "    $note" || true)
			expect_eq "$count" 1 "$note is on $(basename "$board") once"
		done <"$T/written.$side"
	done
done
"$COBOARD_BIN" --board "$A" --user sec fsck >/dev/null || fail "fsck after the busy syncs"
echo "ok: $landed of $syncs syncs landed, $(wc -l <"$T/written.astana") + $(wc -l <"$T/written.akmola") notes kept"
