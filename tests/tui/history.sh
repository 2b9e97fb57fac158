# History in the app: the activity log and its diff, a card's history and who set what,
# undo of one's own change, stepping back through time read-only, running a meeting.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
cb edit 1 --due 2026-02-15 --reason "new deadline" >/dev/null
# Leads and co-executors are the coordinator's to change: Marat acts as a secretary here.
CB_USER=admin cb member set moe --role secretary >/dev/null
CB_USER=moe cb assign 4 --lead MOE --co AKM --reason "akimat joins" >/dev/null
start_app 120 40

# The activity log, newest first; Enter shows the change as a diff.
keys A
wait_for "activity log" "A opens the activity log"
s=$(screen)
expect_contains "$s" "Marat Educator" "who changed"
expect_contains "$s" "co           +AKM −MIA  (reason: akimat joins)" "what changed (what came and went), with the reason"
keys R
wait_for "responsibility only" "R keeps responsibility changes"
expect_not_contains "$(screen)" "2026-01-30 -> 2026-02-15" "the due change is filtered out"
keys R
wait_for "2026-01-30 -> 2026-02-15" "R again shows everything"
keys G
keys g
# The newest row is selected: Enter shows its diff.
keys Enter
wait_for "@@" "the diff view"
expect_contains "$(screen)" "+co: AKM" "the added line"
expect_contains "$(screen)" "-co: MIA" "the removed line"
keys Escape Escape
wait_for "To do (2)" "back to the board"

# A card's history (h in the card) and who set what.
keys Enter
wait_for "Who set what" "the card view shows who set each field"
expect_contains "$(screen)" "Change #1 due date from 2026-01-30 to 2026-02-15" "the due date's origin"
keys h
wait_for "history of #1" "h opens the card's history"
expect_contains "$(screen)" "2026-01-30 -> 2026-02-15" "the due change in the history"
keys Escape Escape

# Undo one's own last change: asks, then a revert commit.
keys u
wait_for "Undo your last change, \"Change #1 due date from 2026-01-30 to 2026-02-15\"?" "u asks first"
keys y
wait_for "undone" "the change is undone"
expect_eq "$(last_subject)" 'Revert "Change #1 due date from 2026-01-30 to 2026-02-15"' "one revert commit"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | sed -n 6p)" "due: 2026-01-30" "the old date is back"

# Step back through time: read-only, the old state; forward again: live.
keys '['
wait_for "READ-ONLY, as it stood at" "[ steps back"
expect_contains "$(screen)" "2026-02-15" "one change ago the date was the 15th"
before=$(commits)
keys L
wait_for "read-only: this is the board as it stood" "no writes in the past"
expect_eq "$(commits)" "$before" "nothing committed while looking back"
# The past holds still while others write: the same commit, one more change ago.
shown=$(git --git-dir="$BOARD" rev-parse --short=7 main~1)
wait_for "as it stood at $shown" "the past shows the commit chosen"
cb note 4 "written while a reviewer looks back" >/dev/null
wait_for "2 changes ago" "a live change only updates how long ago it is"
expect_contains "$(screen)" "as it stood at $shown" "the commit shown stays"
expect_contains "$(screen)" "2026-02-15" "and so does the board shown"
keys ']'
wait_for "as it stood at $(git --git-dir="$BOARD" rev-parse --short=7 main~1)" "] steps one change later"
keys ']'
wait_for "back at the present" "] returns to the present"
wait_gone "2026-02-15" "the present state again"

# A meeting: M starts it (title), M ends it (minutes, tag).
keys M
wait_for "Meeting title:" "M asks for a title"
keys -l "Weekly coordination"
keys Enter
wait_for "MEETING: Weekly coordination" "the title bar shows the open meeting"
keys L
wait_for "moved #1 to In progress" "a change during the meeting"
keys M
wait_for "End the meeting \"Weekly coordination\" and commit its minutes?" "M asks before ending"
keys y
wait_for "meeting ended; minutes in meetings/" "the minutes are committed"
wait_gone "MEETING:" "the meeting is closed"
tag=$(git --git-dir="$BOARD" tag -l 'meeting/*')
[ -n "$tag" ] || fail "the minutes are tagged"
expect_contains "$(git --git-dir="$BOARD" show "main:meetings/${tag#meeting/}.md")" "#1 Form the register of facilities: column To do -> In progress" "the minutes list the change, by column names"
keys q
wait_for "EXITED 0" "quits"
echo ok
