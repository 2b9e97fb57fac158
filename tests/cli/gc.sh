# Plain git packing the board while coboard writes (an administrator's `git gc`, a backup
# script's repack, a prune): every write succeeds, the branch never points at a missing
# object, and the board stays whole. git's prune-packed removes
# emptied objects/xx directories under a writer's feet; coboard must write again, not fail.
. "$(dirname "$0")/../lib.sh"
unset COBOARD_NO_PACK # coboard's own packer runs beside git's
new_board
changes=${COBOARD_TEST_GC_CHANGES:-60}
for w in 1 2 3 4; do
	cb add --title "Packed card $w" --lead MOE >/dev/null
done
before=$(commits)
writer() { # worker card
	i=1
	while [ $i -le "$changes" ]; do
		if ! cb note "$2" "note $i of writer $1" >/dev/null 2>"$T/w.$1.err"; then
			echo "change $i: $(cat "$T/w.$1.err")" >"$T/failed.$1"
			return
		fi
		i=$((i + 1))
	done
}
# git prune removes emptied objects/xx directories; one removed between libgit2's mkdir and
# its link once lost the new commit while libgit2 reported it written (the branch then
# pointed at nothing): coboard now finds every object on disk before it moves the branch.
( while [ ! -f "$T/done" ]; do
	git --git-dir="$BOARD" repack -d -l -q 2>/dev/null
	git --git-dir="$BOARD" gc --quiet 2>/dev/null
	git --git-dir="$BOARD" prune --expire 2.weeks.ago 2>/dev/null
done ) &
packer=$!
pids=""
for w in 1 2 3 4; do
	writer $w $((w + 4)) &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
touch "$T/done"
# The packer's own status is git gc's last one, which may lose a race for a lock: not ours.
wait $packer || true
for w in 1 2 3 4; do
	[ ! -f "$T/failed.$w" ] || fail "writer $w: $(cat "$T/failed.$w")"
done
expect_eq "$(commits)" $((before + 4 * changes)) "every write is a commit"
while [ -f "$BOARD/coboard-pack.lock" ]; do sleep 0.2; done
run 0 fsck
expect_contains "$OUT" "fsck: ok" "the board is whole"
git --git-dir="$BOARD" fsck --no-progress >/dev/null 2>&1 || fail "git fsck finds damage"
echo ok
