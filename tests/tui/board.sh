# The full-screen board in a real terminal (tmux): columns, moving with keys, the card view,
# help, swimlanes, search, and quitting with the terminal restored.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
start_app 120 40

s=$(screen)
expect_contains "$s" "Test board" "the title bar shows the board"
expect_contains "$s" "sec (secretary)" "the title bar shows the acting member and role"
expect_contains "$s" "To do (2)" "To do column with its count"
expect_contains "$s" "In progress (1/2)" "In progress with its WIP limit"
expect_contains "$s" "Done (1)" "Done column"
expect_contains "$s" "#1 Form the register of" "a card shows its id and title"
expect_contains "$s" "MOH + MOE, MIA" "a card shows lead and co-executors"
expect_contains "$s" "2026-01-30 overdue 30d" "an overdue card says so"
expect_contains "$s" "2026-03-05 due in 4d" "a card due within 7 days is marked"
[ "$(column_of '#2 Unannounced')" -gt "$(column_of '#1 Form')" ] || fail "#2 is in a column right of #1"

# Move #1 right with L: one commit by the acting member, and the screen shows it moved.
before=$(commits)
keys L
wait_for "In progress (2/2)" "the move shows in the column count"
expect_eq "$(commits)" $((before + 1)) "one commit for one move"
expect_eq "$(last_subject)" "Move #1 from To do to In progress" "the move's subject"
expect_eq "$(git --git-dir="$BOARD" log -1 --format=%an main)" "Saule Secretary" "authored by the acting member"
expect_eq "$(column_of '#1 Form')" "$(column_of '#2 Unannounced')" "#1 now stands in #2's column"
expect_contains "$(screen)" "moved #1 to In progress" "a message says what happened"

# The selection followed #1; #4 is left in To do. Moving it in too goes over the WIP limit.
keys h
keys L
wait_for "In progress (3/2 over limit)" "a column over its WIP limit says so"
expect_eq "$(last_subject)" "Move #4 from To do to In progress" "the selected card moved"
keys S-Left
wait_for "In progress (2/2)" "Shift-Left moves it back"
expect_eq "$(last_subject)" "Move #4 from In progress to To do" "Shift-Left's subject"

# Blocking asks for a reason, which goes into the commit.
keys l G L
wait_for "Reason for blocking it" "blocking a card asks for a reason"
keys -l "waiting for the ministry"
keys Enter
wait_for "Blocked (1)" "the card is blocked"
expect_eq "$(last_subject)" "Move #1 from In progress to Blocked" "the blocked card"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: waiting for the ministry" "the reason is in the commit"

# The card view: every field, the description and the latest changes.
keys Enter
wait_for "Latest changes" "the card view opens"
s=$(screen)
expect_contains "$s" "Lead          MOH  Ministry of Healthcare" "lead with its full name"
expect_contains "$s" "The register covers schools and camps." "the description"
expect_contains "$s" "Saule Secretary  column: In progress -> Blocked  (reason: waiting for the ministry)" \
	"the latest change, who, what and why, the columns by the names the board shows"
keys Escape
wait_gone "Latest changes" "Esc closes the card"

# Help comes from the key table.
keys '?'
wait_for "Changing the board" "help opens"
expect_contains "$(screen)" "Shift-Left, H" "help lists the keys of the table"
expect_contains "$(screen)" "move the card to the previous column" "help lists what they do"
keys q
wait_gone "Changing the board" "q closes help"

# Swimlanes by lead agency.
keys s
wait_for "MOE (2)  Ministry of Education" "a lane per lead agency"
expect_contains "$(screen)" "AKM (1)  Akimat of Akmola Region" "the Akmola lane"
keys s
wait_gone "Ministry of Education" "lanes off again"

# Incremental search narrows the board as you type.
keys /
wait_for "Search:" "the search prompt"
keys -l "inspec"
wait_gone "#4 Information" "search hides what does not match"
expect_contains "$(screen)" "#2 Unannounced inspections" "search keeps the match"
keys Enter
keys c
wait_for "#4 Information" "c clears the search"

# Overdue filter.
keys o
wait_gone "#2 Unannounced" "overdue filter hides a card due in 4 days"
expect_contains "$(screen)" "#1 Form the register" "overdue filter keeps overdue cards"
keys o

# The mouse (SGR reports, as xterm sends them): a click selects, a double click opens.
x=$(( $(column_of '#2 Unannounced') + 2 ))
y=$(( $(screen | grep -n -F '#2 Unannounced' | head -1 | cut -d: -f1) ))
keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$x" "$y" "$x" "$y")"
wait_for "▶#2 Unannounced" "a click selects the card"
keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm\033[<0;%d;%dM\033[<0;%d;%dm' "$x" "$y" "$x" "$y" "$x" "$y" "$x" "$y")"
wait_for "card #2  (Esc: back)" "a double click opens it"
keys Escape
# The wheel moves the selection down and back up the column, as a terminal scrolls.
wait_for "▶#2 Unannounced" "back on the board at #2"
cb add --title "Wheel one" --lead MOE --column todo >/dev/null
cb add --title "Wheel two" --lead MOE --column todo >/dev/null
wait_for "Wheel two" "cards added elsewhere show"
keys h g
wait_for "▶#4 Information" "the top of To do"
x=$(( $(column_of '#4 Information') + 2 ))
keys -l "$(printf '\033[<65;%d;%dM' "$x" "$y")"
wait_gone "▶#4 Information" "the wheel down moves the selection off the first card"
screen | grep -q '▶#[0-9]* Wheel two' || fail "the wheel down moves three cards, to the last: $(screen)"
keys -l "$(printf '\033[<64;%d;%dM' "$x" "$y")"
wait_for "▶#4 Information" "the wheel up brings it back"

# q quits and the terminal is restored (no alternate screen left behind).
keys q
wait_for "EXITED 0" "q quits with status 0"
expect_eq "$(tm display -p -t app '#{alternate_on}')" 0 "the alternate screen is off after quitting"
echo ok
