# What a secretary needs in a meeting, on the screen (the scripted screen, COBOARD_SCREEN): the
# state always in view, dense cards, a column picker, the dashboard, the past as a mode.
. "$(dirname "$0")/../lib.sh"
new_board

shot() { # COLSxLINES KEYS [USER]
	COBOARD_SCREEN=$1 COBOARD_KEYS=$2 TERM=xterm-256color \
		"$COBOARD_BIN" --board "$BOARD" --user "${3:-sec}"
}
top() { printf '%s\n' "$1" | head -1; }
bottom() { printf '%s\n' "$1" | tail -1; }

# The top line keeps the mode and the filters first; at 80 columns the rest gives way.
cb meeting start "Weekly coordination" >/dev/null
for size in 120x40 80x24; do
	s=$(shot "$size" 'fMOE<Enter>')
	expect_contains "$(top "$s")" "MEETING: Weekly coordination" "the meeting shows at $size"
	expect_contains "$(top "$s")" "agency MOE" "the agency filter shows at $size"
done
expect_not_contains "$(top "$(shot 80x24 'fMOE<Enter>')")" "changed " \
	"at 80 columns the last change gives way first"

# A filter lands on its first card; a header keeps the column's real count and limit.
s=$(shot 120x40 'fMOE<Enter>')
expect_contains "$s" "Done (0 of 1)" "a filtered column says how many it holds in all"
s=$(shot 120x40 'tinspections<Enter>')
expect_contains "$s" "To do (0 of 2)" "a label filter leaves To do empty"
expect_contains "$s" "In progress (1/2)" "the limit against the real count"
s=$(shot 120x40 'tinspections<Enter><Enter>')
expect_contains "$s" "card #2" "the selection lands on the first match, in another column"

# A filter that leaves nothing says what hides the cards.
s=$(shot 120x40 '/nothing-like-this<Enter>')
expect_contains "$s" "1 filter (search \"nothing-like-this\") hides all 4 cards; c clears" \
	"an empty board says which filter hides what"

# The T prompt's question in full at 120 columns, with its answer beside it.
expect_contains "$(shot 120x40 'T' | tail -1)" \
	"The board as it stood (a date, a commit, last-meeting, before-last-meeting): before-last-meeting" \
	"the T prompt fits 120 columns"

# Compact: one line per card. Normal: the selected title in full, labels whole.
s=$(shot 120x40 'z')
expect_contains "$s" "board, compact" "z turns compact on"
expect_contains "$(printf '%s\n' "$s" | sed -n 5p)" "#4 Information campaign" "the second card of To do on the next line"
expect_eq "$(printf '%s\n' "$s" | grep -o '#[0-9]' | wc -l | tr -d ' ')" 4 "all four cards on two lines"
expect_contains "$(printf '%s\n' "$s" | sed -n 4p)" "MOH 01-30" \
	"compact shows the lead and the due date (2026-01-30), without this year's number"
s=$(shot 80x24 '')
expect_contains "$s" "facilities" "the selected card's title is shown in full"
expect_contains "$s" "│ inspections" "labels wrap whole, not cut"

# Any column in one step: one commit, one line in the minutes; blocking asks why, and the
# reason is on the card's face and in the card view.
before=$(commits)
shot 120x40 'Cblocked<Enter>no list from the ministry<Enter>' >/dev/null
expect_eq "$(commits)" $((before + 1)) "To do to Blocked is one change"
expect_eq "$(last_subject)" "Move #1 from To do to Blocked" "named by its columns"
s=$(shot 120x40 '')
expect_contains "$s" "blocked: no list from the" "the reason is on the blocked card"
s=$(shot 120x40 'll<Enter>')
expect_contains "$s" "Blocked       no list from the ministry" "and in the card view"

# Moving past a WIP limit says so.
cb move 1 in-progress >/dev/null
s=$(shot 120x40 'L')
expect_contains "$s" "In progress is now over its WIP limit (3/2)" "the warning"

# The dashboard: agencies by overdue; Enter shows that agency's board.
s=$(shot 120x40 'D')
expect_contains "$s" "dashboard" "D opens the dashboard"
expect_eq "$(printf '%s\n' "$s" | sed -n 4p | awk '{print $1}')" "MOE" "the most overdue agency first"
s=$(shot 120x40 'D<Enter>')
expect_contains "$(top "$s")" "agency MOE" "Enter filters the board to it"

# A viewer is told before any form: adding a card, running a meeting.
s=$(shot 120x40 'a' view)
expect_contains "$s" "view may not add a card: viewers can read the board" "refused before the form"
expect_not_contains "$s" "New card" "no form opened"
s=$(shot 120x40 'M' moe)
expect_contains "$s" "moe may not run a meeting" "a member is told before the title prompt"

# The past is a mode: the frame says so, no write is taken, Esc comes back.
s=$(shot 120x40 '[')
expect_contains "$(top "$s")" "READ-ONLY, as it stood at" "the top line marks the past"
expect_contains "$(bottom "$s")" "Esc: the present" "and says how to leave"
s=$(shot 120x40 '[<Esc>')
expect_not_contains "$(top "$s")" "READ-ONLY" "Esc returns to the present"
cb meeting end >/dev/null
s=$(shot 120x40 'T<Enter>')
expect_contains "$(top "$s")" "READ-ONLY, as it stood at $(git --git-dir="$BOARD" rev-parse --short=7 "$(git --git-dir="$BOARD" log --format=%H --grep='^Start meeting' -1 main)^")" \
	"T, Enter: the board just before the last meeting"
echo ok
