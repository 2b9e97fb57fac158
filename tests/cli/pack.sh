# The repository does not grow by every loose object of every change: after many changes a
# detached git repack packs them, while writers go on. COBOARD_TEST_PACK_CHANGES sets the count.
. "$(dirname "$0")/../lib.sh"
command -v git >/dev/null || fail "git is missing; run scripts/install-deps"
unset COBOARD_NO_PACK
new_board
changes=${COBOARD_TEST_PACK_CHANGES:-240}
loose() { git --git-dir="$BOARD" count-objects -v | sed -n 's/^count: //p'; }
wait_packer() {
	i=0
	while [ -f "$BOARD/coboard-pack.lock" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -f "$BOARD/coboard-pack.lock" ] || fail "the packer is still running after 30 s"
}
writer() { # first last
	i=$1
	while [ "$i" -le "$2" ]; do
		cb note $((i % 4 + 1)) "note $i" >/dev/null || { echo "$i" >"$T/failed"; return; }
		i=$((i + 1))
	done
}
before=$(commits)
writer 1 $((changes / 2)) &
w1=$!
writer $((changes / 2 + 1)) "$changes" &
w2=$!
wait $w1 $w2
[ ! -f "$T/failed" ] || fail "change $(cat "$T/failed") failed while packing"
wait_packer
expect_eq "$(commits)" $((before + changes)) "every change is a commit"
packs=$(git --git-dir="$BOARD" count-objects -v | sed -n 's/^packs: //p')
[ "$packs" -ge 1 ] || fail "no pack was made after $changes changes"
# About five loose objects a change: without packing there would be over a thousand.
[ "$(loose)" -lt $((changes * 5 / 2)) ] || fail "$(loose) loose objects after $changes changes"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "the board is whole"
git --git-dir="$BOARD" fsck --no-progress >/dev/null 2>&1 || fail "git fsck finds damage"
# Turned off, the loose objects stay.
n=$(loose)
export COBOARD_NO_PACK=1
for i in 1 2 3 4 5 6 7 8; do cb note 1 "unpacked $i" >/dev/null; done
[ "$(loose)" -gt "$n" ] || fail "COBOARD_NO_PACK=1 still packed"
echo ok
