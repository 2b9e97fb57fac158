# 4 processes, 50 moves and reassignments each, at once, on one board: exactly 200 commits,
# fsck clean, and every card ends as its last write left it.
. "$(dirname "$0")/../lib.sh"
new_board
before=$(commits)
columns="todo in-progress blocked done"
leads="MOE MOH MIA AKM"

writer() { # worker card
	i=1
	while [ $i -le 50 ]; do
		if [ $((i % 2)) = 1 ]; then
			col=$(echo $columns | cut -d' ' -f$(( (i / 2 + $1 + 1) % 4 + 1 )))
			cb move "$2" "$col" >/dev/null 2>"$T/err.$1" || { echo "move failed: $(cat "$T/err.$1")" >"$T/failed.$1"; return; }
		else
			lead=$(echo $leads | cut -d' ' -f$(( (i / 2 + $1) % 4 + 1 )))
			cb assign "$2" --lead "$lead" --co "" >/dev/null 2>"$T/err.$1" || { echo "assign failed: $(cat "$T/err.$1")" >"$T/failed.$1"; return; }
		fi
		i=$((i + 1))
	done
}

# Each worker owns one card and every op changes it (the sequences are chosen so), so each
# op is one commit and the last write to each card is known.
for w in 1 2 3 4; do
	writer $w $w &
done
wait
for w in 1 2 3 4; do
	[ ! -f "$T/failed.$w" ] || fail "worker $w: $(cat "$T/failed.$w")"
done
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
echo ok
