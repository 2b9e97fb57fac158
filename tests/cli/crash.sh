# Crashes and faults: a writer killed with SIGKILL at random moments, 100 times; a full disk
# (a file size limit); a read-only repository. Each time: a clear message or a clean death,
# and after the next command fsck is clean and every change happened fully or not at all.
. "$(dirname "$0")/../lib.sh"
new_board
columns="todo in-progress blocked done"

# Kill -9 at random moments. A change that made it into git must be whole, and the next
# command must leave git and the index agreeing.
i=1
while [ $i -le 100 ]; do
	col=$(echo $columns | cut -d' ' -f$(( i % 4 + 1 )))
	before=$(git --git-dir="$BOARD" rev-parse main)
	# The binary itself in the background (not the cb function, whose subshell would die
	# while coboard lives on).
	"$COBOARD_BIN" --board "$BOARD" --user sec move 4 "$col" >/dev/null 2>&1 &
	pid=$!
	# 0 to ~60 ms: before, during and after the commit.
	sleep "0.0$(( (i * 7919) % 60 / 10 ))$(( (i * 104729) % 10 ))"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	after=$(git --git-dir="$BOARD" rev-parse main)
	if [ "$before" != "$after" ]; then
		expect_eq "$(git --git-dir="$BOARD" rev-list --count "$before..$after")" 1 "a killed writer made at most one commit ($i)"
		expect_eq "$(git --git-dir="$BOARD" show "$after:cards/00/4.card" | sed -n 2p)" "column: $col" "a commit that landed is whole ($i)"
	fi
	run 0 fsck
	expect_contains "$OUT" "fsck: ok" "fsck after kill $i"
	i=$((i + 1))
done
run 0 move 4 todo
run 0 move 4 done --reason "work done"
expect_eq "$(last_subject)" "Move #4 from To do to Done" "the board works after 100 kills"

# A full disk, as a file size limit: the write fails with a message, nothing is committed,
# and the next command after the fault is gone works.
before=$(commits)
big=$(head -c 60000 /dev/zero | tr '\0' 'x')
set +e
( ulimit -f 8; cb edit 1 --description "$big" ) >"$T/o" 2>"$T/e"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a write past the file size limit must fail"
expect_contains "$(cat "$T/e")" "check that the disk has room" "a clear message on a full disk"
expect_eq "$(commits)" "$before" "nothing committed on a full disk"
run 0 fsck
run 0 edit 1 --description "$big"
expect_eq "$(commits)" $((before + 1)) "the write works once there is room"

# A read-only repository (root ignores permissions, so only for other users).
if [ "$(id -u)" -ne 0 ]; then
	chmod -R a-w "$BOARD"
	set +e
	cb move 1 done --reason "work done" >"$T/o" 2>"$T/e"
	status=$?
	set -e
	chmod -R u+w "$BOARD"
	expect_eq "$status" 1 "a read-only board refuses writes"
	expect_contains "$(cat "$T/e")" "coboard:" "with a message"
	run 0 fsck
else
	echo "read-only repository: skipped as root (permissions do not bind root)"
fi
echo ok
