# 4 processes, 50 moves and reassignments each, at once, on one board: exactly 200 commits,
# fsck clean, and every card ends as its last write left it.
. "$(dirname "$0")/../lib.sh"
new_board
before=$(commits)
columns="todo in-progress blocked done"
leads="MOE MOH MIA AKM"

# at_once FN WHAT: workers 1 to 4 run FN at once (FN WORKER WORKER); a worker that fails
# leaves $T/failed.WORKER, named here.
at_once() {
	for w in 1 2 3 4; do
		"$1" $w $w &
	done
	wait
	for w in 1 2 3 4; do
		[ ! -f "$T/failed.$w" ] || fail "$2 $w: $(cat "$T/failed.$w")"
	done
}

writer() { # worker card
	i=1
	while [ $i -le 50 ]; do
		if [ $((i % 2)) = 1 ]; then
			col=$(echo $columns | cut -d' ' -f$(( (i / 2 + $1 + 1) % 4 + 1 )))
			cb move "$2" "$col" --reason "turn" >/dev/null 2>"$T/err.$1" || { echo "move failed: $(cat "$T/err.$1")" >"$T/failed.$1"; return; }
		else
			lead=$(echo $leads | cut -d' ' -f$(( (i / 2 + $1) % 4 + 1 )))
			cb assign "$2" --lead "$lead" --co "" >/dev/null 2>"$T/err.$1" || { echo "assign failed: $(cat "$T/err.$1")" >"$T/failed.$1"; return; }
		fi
		i=$((i + 1))
	done
}

# Each worker owns one card and every op changes it (the sequences are chosen so), so each
# op is one commit and the last write to each card is known.
at_once writer worker
expect_eq "$(commits)" $((before + 200)) "exactly 200 new commits"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck clean after concurrent writers"

for w in 1 2 3 4; do
	# i = 49 was the last move, i = 50 the last assign.
	col=$(echo $columns | cut -d' ' -f$(( (49 / 2 + w + 1) % 4 + 1 )))
	lead=$(echo $leads | cut -d' ' -f$(( (50 / 2 + w) % 4 + 1 )))
	run 0 show $w --format json
	expect_contains "$OUT" "\"column\": \"$col\"" "card $w column is its last write"
	expect_contains "$OUT" "\"lead\": \"$lead\"" "card $w lead is its last write"
done

# The log has every change: 200 commits, one field row or more each.
expect_eq "$(sqlite3 "$BOARD/coboard/index.sqlite" 'SELECT count(*) FROM commits')" $((before + 200)) "index has every commit"
# Deleting the index gives the same list.
run 0 list --archived
listed=$OUT
rm -f "$BOARD/coboard/index.sqlite" "$BOARD/coboard/index.sqlite-wal" "$BOARD/coboard/index.sqlite-shm"
run 0 list --archived
expect_eq "$OUT" "$listed" "list identical after the index is rebuilt"

# Four writers on one card at once: each decides on the card as it was, and a writer whose
# card changed meanwhile decides again (at last holding the commit lock), so no note is lost.
before=$(commits)
noter() {
	i=1
	while [ $i -le 25 ]; do
		cb note 4 "note $1.$i" >/dev/null 2>"$T/err.$1" || { echo "note failed: $(cat "$T/err.$1")" >"$T/failed.$1"; return; }
		i=$((i + 1))
	done
}
at_once noter noter
expect_eq "$(commits)" $((before + 100)) "one commit per note on the shared card"
card4=$(git --git-dir="$BOARD" show "main:$(card_file 4)")
for w in 1 2 3 4; do
	expect_eq "$(printf '%s\n' "$card4" | grep -c "^note $w\.[0-9]*$")" 25 "every note of writer $w is on the card"
done

# A writer that holds the commit lock and does not let go: the next one gives up in time,
# names the lock, and nothing is written.
tip=$(git --git-dir="$BOARD" rev-parse main)
flock "$BOARD/coboard-commit.lock" sleep 3 &
sleep 0.5
COBOARD_LOCK_TIMEOUT=500 run 1 move 4 done --reason "work done" # a writer kept waiting fails
wait
expect_contains "$ERR" "did not finish in time" "and says why"
expect_contains "$ERR" "coboard-commit.lock" "naming the lock"
expect_eq "$(git --git-dir="$BOARD" rev-parse main)" "$tip" "nothing was committed"
run 0 move 4 done --reason "work done"
echo ok
