# The app rendered without a terminal (COBOARD_SCREEN and COBOARD_KEYS): each view at a
# given size, as text, with no tmux timing. What the views show and which keys each offers.
. "$(dirname "$0")/../lib.sh"
new_board

# shot COLSxLINES KEYS [USER]: the screen after the keys, as text.
shot() {
	COBOARD_SCREEN=$1 COBOARD_KEYS=$2 TERM=xterm-256color \
		"$COBOARD_BIN" --board "$BOARD" --user "${3:-sec}"
}

s=$(shot 120x40 '')
expect_eq "$(printf '%s\n' "$s" | wc -l | tr -d ' ')" 40 "a 40-line screen"
expect_contains "$s" "To do (2)" "the board's first column"
expect_contains "$s" "In progress (1/2)" "a WIP limit"
expect_contains "$s" "#1 Form the register of" "a card"
expect_contains "$(printf '%s\n' "$s" | tail -1)" "?:help  Enter:open  H/L:move" \
	"the hint bar starts with help and the board's most used keys"

# The hint bar is the view's own: the card's keys in a card, the log's in the log.
s=$(shot 120x40 '<Enter>')
expect_contains "$s" "card #1" "Enter opens the selected card"
expect_contains "$s" "Co-executors  MOE, MIA" "co-executors side by side on one line"
expect_contains "$(printf '%s\n' "$s" | tail -1)" "h:history" "the card's hints offer its history"
expect_not_contains "$(printf '%s\n' "$s" | tail -1)" "a:add" "and not the board's keys"
s=$(shot 120x40 '<Enter>h')
expect_contains "$s" "history of #1" "h in a card is its history, not a move to the left"
s=$(shot 120x40 'A')
expect_contains "$s" "activity log" "A opens the activity log"
expect_contains "$(printf '%s\n' "$s" | tail -1)" "w:who" "the log's hints offer its filters"

# The column picker: keys in one column, names in the next, two spaces apart however long a key.
s=$(shot 100x24 'C')
expect_contains "$s" "in-progress  In progress" "a long column key and its name apart"
expect_contains "$s" "todo         (where it is)" "every name starts in one column"

# Help: one section per view, each heading once; G goes to the end.
s=$(shot 100x100 '?')
expect_eq "$(printf '%s\n' "$s" | grep -c '^  On the board$')" 1 "one heading for the board"
expect_eq "$(printf '%s\n' "$s" | grep -c '^  In a card$')" 1 "one heading for a card"
expect_eq "$(printf '%s\n' "$s" | grep -c '^  Everywhere$')" 1 "one heading for the keys that work everywhere"
s=$(shot 100x24 '?')
expect_not_contains "$s" "Changes by other sessions" "a short screen shows the top of the help"
s=$(shot 100x24 '?G')
expect_contains "$s" "Changes by other sessions" "G shows the end of the help"
s=$(shot 100x24 '?<End>')
expect_contains "$s" "Changes by other sessions" "End shows the end of the help"

# At 80 columns the hint bar keeps help first and drops the least important keys.
s=$(shot 80x24 '')
last=$(printf '%s\n' "$s" | tail -1)
expect_contains "$last" "?:help" "help is always offered"
expect_not_contains "$last" "[:earlier" "the least important hint goes first"

# A viewer is offered only what a viewer may do, and is told before any form opens.
s=$(shot 120x40 '' view)
last=$(printf '%s\n' "$s" | tail -1)
expect_contains "$last" "(read-only: viewer)" "the hints say read-only"
expect_not_contains "$last" "e:edit" "no edit hint for a viewer"
before=$(commits)
s=$(shot 120x40 'n' view)
expect_contains "$s" "view may not change #1" "a note is refused before it is typed"
expect_not_contains "$s" "Note on #1" "no prompt opened"
expect_eq "$(commits)" "$before" "nothing written"

# Keys that write do write: one commit, shown on the next screen.
shot 120x40 'L' >/dev/null
expect_eq "$(commits)" $((before + 1)) "L moved a card"
expect_eq "$(last_subject)" "Move #1 from To do to In progress" "the move's subject"
s=$(shot 120x40 '')
expect_contains "$s" "In progress (2/2)" "the move shows"

# A wrapped line in a card starts with its word, not a space.
cb note 4 "$(printf 'word %.0s' $(seq 1 60))" >/dev/null
s=$(shot 80x60 '<Enter>')
notes=$(printf '%s\n' "$s" | sed -n '/Notes (1)/,/^$/p' | grep 'word word')
expect_eq "$(printf '%s\n' "$notes" | wc -l | tr -d ' ')" 5 "the note wraps to five lines at 80 columns"
expect_eq "$(printf '%s\n' "$notes" | sed 's/word.*//' | sort -u | wc -l | tr -d ' ')" 1 \
	"every wrapped line of the note is indented the same"

# A bad size is refused with the reason.
set +e
err=$(COBOARD_SCREEN=tiny "$COBOARD_BIN" --board "$BOARD" --user sec 2>&1 >/dev/null)
rc=$?
set -e
expect_eq "$rc" 1 "a bad COBOARD_SCREEN fails"
expect_contains "$err" "COBOARD_SCREEN must be COLSxLINES" "and says how to write it"

# A long column, compact, at 80x24: its last card moved away from the bottom, the column still
# fills the screen from the cards above, never "↑ N above" over empty rows.
"$COBOARD_BIN" --user admin init "$T/shipped.git" >/dev/null
keys=z$(printf 'j%.0s' $(seq 1 44))L
s=$(COBOARD_SCREEN=80x24 COBOARD_KEYS="$keys" TERM=xterm-256color "$COBOARD_BIN" --board "$T/shipped.git" --user admin)
todo=$(git --git-dir="$T/shipped.git" grep -c '^column: todo$' main -- cards | wc -l)
above=$(printf '%s\n' "$s" | sed -n 's/^ ↑ \([0-9]*\) above.*/\1/p')
shown=$(printf '%s\n' "$s" | sed -n '4,22p' | cut -c1-17 | grep -c '#[0-9]')
[ -n "$above" ] || fail "the long column says how many cards are above: $s"
expect_eq "$((above + shown))" "$todo" "the cards above and the cards shown are the whole column, down to its last"
expect_contains "$(printf '%s\n' "$s" | sed -n 22p | cut -c1-17)" "#" "and no empty row above the count"
echo ok
