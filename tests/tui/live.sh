# The terminal side: another session's change appears without a key press, resize and a
# too-small terminal, Cyrillic alignment, escaped titles, a viewer refused, the terminal
# restored on SIGTERM and SIGHUP, and an edit merged with a change made meanwhile.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
commit_outside cards/00/6.card "title: Clear ${ESC}[2J the screen ${ESC}]0;owned$(printf '\007')
column: blocked
rank: V
lead: MIA
co:
due:
labels:
archived: no
" "A hostile title"
run 0 add --title "Дети Казахстана: региональный департамент" --lead MOE --column done
start_app 120 40

# A change from another process shows up by itself, with a notice of what and who.
CB_USER=moe cb move 4 in-progress >/dev/null
wait_for "Marat Educator: Move #4 from To do to In progress" "a notice names the change and who made it"
wait_for "In progress (2/2)" "the board follows without a key press"
expect_eq "$(column_of '#4 Information')" "$(column_of '#2 Unannounced')" "#4 shows in its new column"

# An escape sequence in a title is shown escaped, never interpreted.
s=$(screen)
expect_contains "$s" "#6 Clear ^[[2J the" "ESC shows as ^["
case "$s" in *"owned"*) expect_contains "$s" "^[]0;owned^G" "OSC shows escaped" ;; esac

# Cyrillic titles line up: every column separator sits at the same display column.
expect_contains "$s" "#7 Дети Казахстана:" "the Cyrillic title is drawn"
screen | grep '│' | while IFS= read -r line; do
	prefix=${line%%│*}
	printf '%s\n' "$prefix" | wc -L
done | sort -u >"$T/cols"
expect_eq "$(wc -l <"$T/cols" | tr -d ' ')" 1 "the first separator is at one display column on every line ($(tr '\n' ' ' <"$T/cols"))"

# Resize: redraws at the new size; too small gets a clear screen; back again.
tm resize-window -t app -x 80 -y 24
wait_for "Done (2)" "redrawn at 80x24"
expect_eq "$(screen | wc -l | tr -d ' ')" 24 "24 lines at 80x24"
tm resize-window -t app -x 50 -y 12
wait_for "Terminal too small: 50x12" "a too-small terminal says so"
wait_for "needs at least 60x15" "and what is needed"
tm resize-window -t app -x 100 -y 30
wait_for "Done (2)" "back from too small"

# An edit merged with a change made meanwhile by someone else (a different field).
keys h h h
keys g
keys e
wait_for "Edit #1" "the edit form"
cb edit 1 --label urgent >/dev/null
keys C-u
keys -l "Register, merged"
keys C-s
wait_for "saved #1" "the edit saves"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | sed -n '1p;7p' | tr '\n' '|')" \
	"title: Register, merged|labels: urgent|" "both changes survive: the title from the form, the label from the CLI"

# The same field changed meanwhile: the app asks, and n keeps theirs.
keys e
wait_for "Edit #1" "the edit form again"
cb edit 1 --title "Their title" >/dev/null
keys C-u
keys -l "My title"
keys C-s
wait_for "was changed meanwhile: title" "a conflict is named"
keys n
wait_for "kept their changes" "theirs kept"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | head -1)" "title: Their title" "nothing silently overwritten"

# SIGTERM restores the terminal.
pid=$(app_pid sec)
[ -n "$pid" ] || fail "the app's process"
kill -TERM "$pid"
wait_for "EXITED 143" "SIGTERM ends the app"
expect_eq "$(tm display -p -t app '#{alternate_on}')" 0 "the alternate screen is off after SIGTERM"

# A viewer sees the board read-only: hints say so, a move is refused, nothing is written.
start_app 120 40 view
expect_contains "$(screen)" "view (viewer)" "the viewer's role shows"
expect_contains "$(screen)" "(read-only: viewer)" "the hints say read-only"
before=$(commits)
keys L
wait_for "view may not change #1: viewers can read the board" "the move is refused with the model's message"
expect_eq "$(commits)" "$before" "a viewer's move commits nothing"
keys '?'
wait_for "(not for viewers)" "help greys out what the role cannot do"
keys q

# SIGHUP (a dropped SSH connection) also restores and leaves no process behind.
pid=$(app_pid view)
[ -n "$pid" ] || fail "the viewer app's process"
kill -HUP "$pid"
wait_for "EXITED 129" "SIGHUP ends the app"
sleep 0.2
pgrep -f "^$COBOARD_BIN --board $BOARD" >/dev/null && fail "no coboard process is left behind"
run 0 fsck
echo ok
