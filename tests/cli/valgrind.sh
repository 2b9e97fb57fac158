# No leaks and no memory errors on the CLI paths that write and read: add, move, log.
. "$(dirname "$0")/../lib.sh"
if nm -an "$COBOARD_BIN" 2>/dev/null | grep -q __asan_init; then
	echo "skipped: valgrind cannot run an AddressSanitizer build (make test runs it)"
	exit 0
fi
command -v valgrind >/dev/null || fail "valgrind is missing; run scripts/install-deps"
new_board
vg() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$COBOARD_BIN" --board "$BOARD" --user "${VG_USER:-sec}" "$@" >"$T/vg.out" 2>"$T/vg.err"
	status=$?
	[ $status -ne 99 ] || fail "valgrind found errors in coboard $*: $(cat "$T/vg.err")"
	[ $status -eq 0 ] || fail "coboard $* failed under valgrind ($status): $(cat "$T/vg.err")"
}
vg add --title "Checked by valgrind" --lead MOE --co MOH --due 2026-04-01 --label a,b
expect_eq "$(cat "$T/vg.out")" 5 "add under valgrind"
vg move 5 done --reason "work done"
vg assign 5 --lead MIA
vg note 5 "a note"
vg log
expect_contains "$(cat "$T/vg.out")" "#5" "log under valgrind"
vg list --format json
vg show 5
vg search valgrind
vg fsck
# The printers and model parts of the one driver: report, changes, blame, meetings, members.
vg report --since 2000-01-01
expect_contains "$(cat "$T/vg.out")" "## Summary" "report under valgrind"
vg report --format json
vg changes --since 2000-01-01 --format json
vg blame 5
vg meeting start "Checked"
vg move 5 "In progress"
vg meeting end
vg meeting status
vg member list
vg board --at before-last-meeting
# Failure paths release everything too.
set +e
valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	"$COBOARD_BIN" --board "$BOARD" --user sec move 5 nowhere >/dev/null 2>"$T/vg.err"
status=$?
set -e
expect_eq "$status" 1 "a failing move under valgrind exits 1, with no leak"
# A refused revert (a later change stands in the way), an undo of an add, and a revert
# of the board's creation.
vg edit 5 --due 2026-05-01 --reason "new deadline"
due_commit=$(git --git-dir="$BOARD" rev-parse main)
vg edit 5 --due 2026-06-01 --reason "new deadline"
for commit in "$due_commit" "$(git --git-dir="$BOARD" rev-list --max-parents=0 main)"; do
	set +e
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$COBOARD_BIN" --board "$BOARD" --user sec revert "$commit" >/dev/null 2>"$T/vg.err"
	status=$?
	set -e
	expect_eq "$status" 1 "a refused revert exits 1, with no leak: $(cat "$T/vg.err")"
done
vg add --title "Undone under valgrind" --lead MOE
vg revert main
vg reindex
# Two offices: a site, a remote, a sync that merges and sets a value aside, the values set
# aside listed and decided, and git's merge driver.
VG_USER=admin vg site astana
git clone -q --bare "$BOARD" "$T/other.git"
"$COBOARD_BIN" --board "$T/other.git" --user admin site akmola >/dev/null
"$COBOARD_BIN" --board "$T/other.git" --user sec edit 5 --due 2026-08-01 --reason "new deadline" >/dev/null
vg edit 5 --due 2026-07-01 --reason "new deadline"
VG_USER=admin vg remote add other "$T/other.git"
vg sync other
expect_contains "$(cat "$T/vg.out")" "values set aside on #5" "a merging sync under valgrind"
vg conflicts
expect_contains "$(cat "$T/vg.out")" "set aside 2026-07-01" "conflicts under valgrind"
vg conflicts resolve 5 due keep
VG_USER=admin vg remote list
for v in base:main~3 ours:main~2 theirs:main; do
	git --git-dir="$BOARD" show "${v#*:}:cards/00/5.card" >"$T/${v%%:*}"
done
vg merge-card "$T/base" "$T/ours" "$T/theirs" cards/00/5.card
# Each office's authority, execution control, the calendar, import, reminders, the page.
VG_USER=admin vg authority
VG_USER=admin vg authority accept all
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
printf 'day-off: 2026-03-23 | Nauryz\nreminder-days: 7, 1\n' >>"$T/def/board.conf"
BOARD="$T/control.git"
"$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null
VG_USER=moe vg extend 2 --to +5wd --reason "more time"
vg requests
expect_contains "$(cat "$T/vg.out")" "#2" "requests under valgrind"
vg refuse "$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Request: //p')" --reason "no"
VG_USER=moe vg submit 2 "Inspections done"
vg accept 2
vg show 2
vg history 2
vg report --format html --since 2000-01-01
vg report --format csv --table discipline
printf 'No.,Instruction,Lead,Deadline\n1,Imported under valgrind,MOE,+2m\n' >"$T/plan.csv"
vg import "$T/plan.csv"
vg remind --dry-run
vg edit 1 --due 2026-03-23 --reason "a day off"
echo ok
