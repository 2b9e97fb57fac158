# History and meetings on a scripted history of a few dozen changes by several members:
# history, log filters, blame, the board as it stood, revert, minutes, changes --since, report.
. "$(dirname "$0")/../lib.sh"
new_board
CB_USER=admin cb member set moe --role secretary >/dev/null   # Marat may edit everything now
json_valid() { sqlite3 :memory: "SELECT json_valid(readfile('$1'))"; }

# The scripted history; the board's list is recorded after each step to compare with --at.
step=0
record() {
	step=$((step + 1))
	cb list --archived --format json >"$T/state.$step"
	git --git-dir="$BOARD" rev-parse main >"$T/commit.$step"
}
as() { # user args...
	u=$1
	shift
	CB_USER=$u cb "$@" >/dev/null
	record
}
as sec move 1 in-progress
as moe assign 1 --lead MOE --co MIA --reason "MOE takes the register"
as sec edit 1 --due 2026-02-15 --reason "new deadline"
as moe note 1 "Schools list received"
as sec add --title "Summer camps inspection" --lead MOH --co AKM --due 2026-06-01 --label safety
as moe move 5 in-progress
as sec edit 5 --title "Summer camps: unannounced inspection"
as sec assign 4 --lead MIA --co ""
as moe edit 4 --due 2026-04-01 --reason "new deadline"
as sec move 2 done --reason "work done"
as moe edit 1 --due 2026-03-10 --reason "waiting for akimats"
as sec archive 3 --reason "done before the Concept"
as moe move 1 blocked --reason "data missing"
as sec edit 2 --label safety,inspections,closed
as moe assign 5 --co AKM,MIA
for i in 1 2 3 4 5 6; do
	as sec note 5 "Visit $i planned"
done
meeting_start=$(git --git-dir="$BOARD" rev-parse main)
CB_USER=sec cb meeting start "Weekly coordination" >/dev/null
record
as sec move 1 in-progress --reason "data arrived"
as moe edit 4 --due 2026-05-01 --reason "new deadline"
as sec note 1 "Decision: MOE reports at the next meeting"
as sec assign 4 --lead MOE
CB_USER=sec cb meeting end >"$T/end.out"
record
as moe note 4 "after the meeting"

# history: every change of #1, newest first, field by field
run 0 history 1
expect_eq "$(printf '%s\n' "$OUT" | awk '{print $6}' | head -8 | tr '\n' ' ')" \
	"note column column due note due lead co " "history of #1, newest first"
expect_contains "$OUT" "reason: data missing" "a reason travels with the change"
# log filters
run 0 log --author moe --field responsibility
expect_eq "$(printf '%s\n' "$OUT" | awk '{print $5}' | sort -u | tr '\n' ' ')" "#1 #5 " "responsibility changes by moe"
run 0 log --agency AKM --format csv
expect_contains "$OUT" ',"5","co","AKM","AKM, MIA"' "log by agency includes co-executor changes"
run 0 log --since 2000-01-01 --until 2000-12-31
expect_eq "$OUT" "" "a date range with nothing in it"

# blame: the change that set each field's current value
run 0 blame 5
expect_contains "$(printf '%s\n' "$OUT" | grep '^title')" "$(cut -c1-7 "$T/commit.7")" "blame: title set at step 7"
expect_contains "$(printf '%s\n' "$OUT" | grep '^co ')" "$(cut -c1-7 "$T/commit.15")" "blame: co set at step 15"
expect_contains "$(printf '%s\n' "$OUT" | grep '^column')" "Marat Educator" "blame: column moved by moe"
run 0 blame 5 --format json
printf '%s' "$OUT" >"$T/blame.json"
expect_eq "$(json_valid "$T/blame.json")" 1 "blame json is valid"

# The board as it stood at each recorded commit equals the state recorded then.
for s in 1 5 9 13 21; do
	run 0 list --archived --format json --at "$(cat "$T/commit.$s")"
	# Overdue is judged on that commit's day; today's judgement was recorded: compare sans due_state.
	expect_eq "$(printf '%s\n' "$OUT" | sed 's/"due_state": "[a-z]*", //')" \
		"$(sed 's/"due_state": "[a-z]*", //' "$T/state.$s")" "list --at step $s equals the state then"
done
run 0 board --at "$(cat "$T/commit.3")"
expect_contains "$OUT" "As it stood at $(cut -c1-7 "$T/commit.3")" "board --at is marked read-only"
# A day asked is named as asked, beside the commit that shows it.
day=$(date -u +%F)
run 0 board --at "$day"
expect_contains "$OUT" "As it stood at the end of $day: commit $(git --git-dir="$BOARD" rev-parse --short=7 main) (" \
	"board --at DAY names the day and the commit"
expect_contains "$OUT" "); read-only, from git" "board --at DAY is marked read-only"
run 1 board --at 1999-01-01
expect_contains "$ERR" "no commit on or before that date" "a date before the board"
run 1 list --at nosuchcommit
expect_contains "$ERR" "no commit 'nosuchcommit'" "an unknown commit"

# Minutes: exactly the meeting's changes, grouped by agency, decisions from the secretary.
minutes=$(sed -n 's/^minutes in \([^,]*\),.*/\1/p' "$T/end.out")
[ -n "$minutes" ] || fail "meeting end names the minutes: $(cat "$T/end.out")"
git --git-dir="$BOARD" show "main:$minutes" >"$T/minutes.md"
expected=$(git --git-dir="$BOARD" log --format=%H "$meeting_start..main~1" | wc -l)
expect_eq "$(grep -c '^- #[0-9]* ' "$T/minutes.md")" "$(sqlite3 "$BOARD/coboard/index.sqlite" \
	"SELECT count(*) FROM changes WHERE seq > (SELECT seq FROM commits WHERE op = 'meeting-start') AND seq < (SELECT seq FROM commits WHERE op = 'meeting-end')" )" \
	"one minutes line per change made during the meeting (over $expected commits)"
expect_contains "$(cat "$T/minutes.md")" "# Weekly coordination" "minutes title"
expect_contains "$(cat "$T/minutes.md")" "### MOE - Ministry of Education" "grouped by agency"
expect_contains "$(cat "$T/minutes.md")" "- #1: Decision: MOE reports at the next meeting" "the secretary's note is a decision"
expect_contains "$(cat "$T/minutes.md")" "- Changes by: Saule Secretary, Marat Educator" "who made changes"
expect_not_contains "$(cat "$T/minutes.md")" "after the meeting" "nothing after the meeting"
expect_not_contains "$(cat "$T/minutes.md")" "Visit 6" "nothing before the meeting"
tag=$(git --git-dir="$BOARD" tag -l 'meeting/*')
expect_eq "meetings/${tag#meeting/}.md" "$minutes" "the minutes commit is tagged"
expect_eq "$(git --git-dir="$BOARD" rev-parse "$tag^{commit}")" "$(git --git-dir="$BOARD" rev-parse main~1)" "the tag is on the minutes commit"
run 1 meeting end
expect_contains "$ERR" "no meeting is open" "ending twice"
CB_USER=view run 1 meeting start
expect_contains "$ERR" "only a secretary or an admin may run a meeting" "viewers do not run meetings"

# changes --since last-meeting agrees with the two board states.
run 0 changes --since last-meeting
expect_contains "$OUT" "Changes since $(git --git-dir="$BOARD" rev-parse --short=7 main~1)" "since the last meeting's commit"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^  ')" 0 "only a note changed since the meeting: no field changes" 
run 0 changes --since "$meeting_start"
expect_contains "$OUT" "moved        #1    Form the register of facilities: Blocked -> In progress" "a move"
expect_contains "$OUT" "reassigned   #4    Information campaign: lead MIA -> MOE" "a reassignment"
expect_contains "$OUT" "deadline     #4    Information campaign: 2026-04-01 -> 2026-05-01" "a deadline change"
run 0 changes --since "$(cat "$T/commit.1")" --format json
printf '%s' "$OUT" >"$T/changes.json"
expect_eq "$(json_valid "$T/changes.json")" 1 "changes json is valid"
expect_contains "$OUT" '"kind": "new", "card": 5' "a new card"
expect_contains "$OUT" '"kind": "archived", "card": 3' "an archived card"

# revert restores exactly the fields the commit changed, and says what stands in the way.
run 1 revert "$(cat "$T/commit.3")"
expect_contains "$ERR" "a later change stands in the way: due of #1 was changed by Marat Educator" "revert names the later change"
before=$(git --git-dir="$BOARD" show main:cards/00/5.card)
run 0 revert "$(cat "$T/commit.7")"
after=$(git --git-dir="$BOARD" show main:cards/00/5.card)
expect_eq "$(printf '%s\n' "$after" | head -1)" "title: Summer camps inspection" "the title is restored"
expect_eq "$(printf '%s\n' "$before" | sed 1d)" "$(printf '%s\n' "$after" | sed 1d)" "nothing else changed"
expect_eq "$(last_subject)" 'Revert "Edit #5: title"' "the revert's subject"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reverts: $(cat "$T/commit.7")" "Reverts trailer"
run 0 revert "$(cat "$T/commit.3")" --force
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | sed -n 6p)" "due: 2026-01-30" "--force reverts anyway"
run 1 revert "$(git --git-dir="$BOARD" rev-list --max-parents=0 main)"
expect_contains "$ERR" "is not a change of one card" "the board's creation is not undone"

# report: per agency, in three formats.
run 0 report --agency MOE --since 2000-01-01
expect_contains "$OUT" "## MOE - Ministry of Education" "report heading"
expect_contains "$OUT" "### Responsibility changes" "responsibility section"
expect_contains "$OUT" "#1 lead: MOH -> MOE (Marat Educator)" "a responsibility change in the report"
run 0 report --format csv
expect_eq "$(printf '%s\n' "$OUT" | head -1)" "agency,card,title,column,role,due,overdue,due_within_14_days,deadline_moves,deadline_shift_days,meetings_open" "csv header"
expect_contains "$OUT" '"MOE","4","Information campaign","todo","lead","2026-05-01","no","no","2",' "csv row with slippage"
run 0 report --format json
printf '%s' "$OUT" >"$T/report.json"
expect_eq "$(json_valid "$T/report.json")" 1 "report json is valid"
run 0 show 4
expect_contains "$OUT" "Slippage      deadline moved 2 times, +30 days; open for 1 meeting" "slippage on the card"

# A long value changed near its end: the row shows where the two differ, not one beginning twice.
cb edit 3 --title "Set up the regional departments for the protection of children's rights in Akmola" >/dev/null
cb edit 3 --title "Set up the regional departments for the protection of children's rights in Abai" >/dev/null
run 0 history 3
row=$(printf '%s\n' "$OUT" | grep " title " | head -1)
expect_contains "$row" "…children's rights in Akmola -> …children's rights in Abai" "the part that changed, on both sides"
run 0 show 3
expect_contains "$OUT" "title: …children's rights in Akmola -> …children's rights in Abai" "and in the card's latest changes"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" \
	"title: Set up the regional departments for the protection of children's rights in Akmola -> Set up" \
	"the commit body keeps the whole values"
echo ok
