# Forms and pickers: reassign through the agency picker, add and edit through the card form,
# a bad date rejected in place with nothing committed, notes, archiving.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
start_app 120 40

# Reassign #1 (selected first in To do): the lead from a picker, then co-executors.
keys r
wait_for "Reassign #1: lead agency" "the lead picker opens"
keys -l "AKM"
wait_gone "Ministry of Internal Affairs" "typing filters the picker"
keys Enter
wait_for "Reassign #1: co-executors" "the co-executor picker follows"
expect_contains "$(screen)" "[x] MOE" "current co-executors are ticked"
keys Down Down Space
keys Enter
wait_for "Reason for the reassignment" "a reason is asked for"
keys -l "Akimat takes the lead"
keys Enter
wait_for "reassigned #1 to AKM" "the reassignment is reported"
expect_eq "$(last_subject)" "Reassign #1 lead from MOH to AKM; co-executors −MIA" "one commit, in plain words"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: Akimat takes the lead" "the reason is kept"
expect_contains "$(screen)" "AKM + MOE" "the card shows its new lead"

# The due date prompt rejects 2026-02-30 in place and commits nothing.
before=$(commits)
keys d
wait_for "Due date for #1" "the due prompt"
keys C-u
keys -l "2026-02-30"
keys Enter
wait_for "'2026-02-30' is not a real date; write the due date as YYYY-MM-DD" "the bad date is named"
expect_eq "$(commits)" "$before" "a bad date commits nothing"
keys C-u
keys -l "2026-04-15"
keys Enter
wait_for "Reason for this change (required" "moving a deadline asks why"
keys Enter
wait_for "not saved: this change takes a reason" "an empty reason saves nothing"
expect_eq "$(commits)" "$before" "and commits nothing"
keys d
keys C-u
keys -l "2026-04-15"
keys Enter
wait_for "Reason for this change (required" "the reason is asked again"
keys -l "the ministry asked for two more weeks"
keys Enter
wait_for "due date of #1 set" "a good date is saved"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: the ministry asked for two more weeks" "with its reason in the commit"
expect_eq "$(last_subject)" "Change #1 due date from 2026-01-30 to 2026-04-15" "the due date commit"

# The edit form: a bad date is shown beside the field, Esc cancels at once.
before=$(commits)
keys e
wait_for "Edit #1" "the edit form opens"
keys Tab Tab Tab C-u
keys -l "2026-13-01"
keys Enter
wait_for "'2026-13-01' is not a real date" "the form says what is wrong"
expect_contains "$(screen)" "Edit #1" "the form stays open"
keys Escape
wait_gone "Edit #1" "Esc closes the form"
expect_eq "$(commits)" "$before" "a cancelled form commits nothing"

# Edit the title through the form.
keys e
wait_for "Edit #1" "the edit form again"
keys C-u
keys -l "Register of special-control facilities"
keys C-s
wait_for "saved #1" "the form saves"
expect_eq "$(last_subject)" "Edit #1: title" "the edit commit"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | head -1)" "title: Register of special-control facilities" "the new title"

# Add a card with a Kazakh title in the selected column.
keys a
wait_for "New card" "the add form"
keys -l "Балалар құқықтары бойынша жиналыс"
keys Tab Tab Tab
keys -l "2026-03-03"
keys Enter
wait_for "added #5" "the card is added"
expect_eq "$(last_subject)" "Add #5: Балалар құқықтары бойынша жиналыс" "the add commit"
wait_for "#5 Балалар құқықтары" "the new card is on the board"

# A note written and abandoned: Esc asks first, n goes back to the text, y drops it.
before=$(commits)
keys n
wait_for "Note on #5" "the note editor"
keys -l "not this one"
keys Escape
wait_for "Discard what you wrote? (y/n)" "Esc on written text asks first"
keys n
wait_gone "Discard what you wrote?" "n goes back to the text"
expect_contains "$(screen)" "not this one" "the text is still there"
keys Escape
wait_for "Discard what you wrote? (y/n)" "asked again"
keys y
wait_gone "Note on #5" "y closes the editor"
expect_eq "$(commits)" "$before" "a discarded note commits nothing"

# A note, then archive (asks first; n keeps it).
keys n
wait_for "Note on #5" "the note prompt"
keys -l "Agenda agreed with the akimat"
keys Enter
keys -l "Second line: the hall is booked"
keys C-s
wait_for "noted on #5" "the note is saved"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/5.card)" "Agenda agreed with the akimat
Second line: the hall is booked" "a note of two lines, written in the app"
expect_eq "$(last_subject)" "Add a note to #5" "the note commit"
keys x
wait_for "Archive #5" "archive asks first"
keys n
wait_gone "Archive #5" "n keeps the card"
keys x
wait_for "Archive #5" "archive asks again"
keys y
wait_for "Reason for archiving" "a reason for archiving"
keys -l "held"
keys Enter
wait_for "archived #5" "archived"
wait_gone "#5 Балалар" "an archived card leaves the board"
expect_eq "$(last_subject)" "Archive #5: Балалар құқықтары бойынша жиналыс" "the archive commit"
keys q
wait_for "EXITED 0" "quits"

# The terminal hangs up while the editor asks whether to drop the text: the app leaves, it
# does not spin waiting for an answer.
start_app 120 40
keys n
wait_for "Note on #1" "the note editor"
keys -l "written, then the window is closed"
keys Escape
wait_for "Discard what you wrote?" "the question"
pid=$(app_pid)
[ -n "$pid" ] || fail "the app's process"
tm new-session -d -s keep "sleep 600" # the server outlives the app's window
tm kill-session -t app
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "the app is still running after its terminal hung up"
	sleep 0.1
done
echo ok
