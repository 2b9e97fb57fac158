# Two sessions on one card, as in a meeting: each saves what its user changed and nothing else,
# so a reassignment and a due date made at the same time both stand.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
start_app 120 40 sec
tm new-session -d -s two -x 120 -y 40 \
	"env TERM=xterm-256color COBOARD_TODAY=$COBOARD_TODAY LC_ALL=C.UTF-8 TZ=UTC \
	 $COBOARD_BIN --board $BOARD --user sec; echo \"EXITED \$?\"; sleep 600"
# on SESSION KEYS...: keys to one session; wait_on SESSION TEXT WHAT: polls its screen.
on() {
	s=$1
	shift
	tm send-keys -t "$s" "$@"
}
wait_on() {
	i=0
	while [ $i -lt 50 ]; do
		case "$(tm capture-pane -p -t "$1")" in *"$2"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "$3: [$2] never appeared:
$(tm capture-pane -p -t "$1")"
}
wait_on two "To do (" "the second session opens"
card() { git --git-dir="$BOARD" show main:cards/00/1.card; }

# One session opens the reassignment of #1; meanwhile the other drops MIA from its
# co-executors. The first then changes only the lead: MIA stays dropped.
on app r
wait_on app "Reassign #1: lead agency" "the first session's picker"
on two r
wait_on two "Reassign #1: lead agency" "the second session's picker"
on two Enter
wait_on two "Reassign #1: co-executors" "the second session's co-executors"
on two Down Space Enter
wait_on two "Reason for the reassignment" "the second session's reason"
on two Enter
wait_on two "reassigned #1" "the second session saved"
expect_contains "$(card)" "co: MOE" "MIA was dropped"
on app -l AKM
on app Enter
wait_on app "Reassign #1: co-executors" "the first session's co-executors"
on app Enter
wait_on app "Reason for the reassignment" "the first session's reason"
on app Enter
wait_on app "reassigned #1 to AKM" "the first session saved"
expect_contains "$(card)" "lead: AKM" "the first session's lead stands"
expect_contains "$(card)" "co: MOE" "and the second session's co-executors too"

# One session is typing a due date while the other reassigns: both stand.
on app d
wait_on app "Due date for #1" "the due prompt"
on two r
wait_on two "Reassign #1: lead agency" "the picker"
on two -l MOH
on two Enter
wait_on two "Reassign #1: co-executors" "co-executors"
on two Enter
wait_on two "Reason for the reassignment" "reason"
on two Enter
wait_on two "reassigned #1 to MOH" "the reassignment saved"
on app C-u
on app -l 2026-04-01
on app Enter
wait_on app "Reason for this change" "a moved deadline asks why"
on app -l "agreed at the meeting"
on app Enter
wait_on app "due date of #1 set" "the due date saved"
expect_contains "$(card)" "lead: MOH" "the reassignment stands"
expect_contains "$(card)" "due: 2026-04-01" "and the due date"
expect_contains "$(card)" "co: MOE" "and the co-executors"
expect_eq "$(git --git-dir="$BOARD" log -1 --format=%s main)" \
	"Change #1 due date from 2026-01-30 to 2026-04-01" "the last commit changed the due date only"

# Undo of an add in the app withdraws the card and leaves the app running.
on app a
wait_on app "New card" "the card form"
on app -l "Added to be undone"
on app Enter
wait_on app "added #5" "the card is added"
on app u
wait_on app 'Undo your last change, "Add #5: Added to be undone"?' "undo asks with the subject"
on app y
wait_on app 'undone "Add #5: Added to be undone"' "the add is undone"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/5.card)" "archived: yes" "the card is withdrawn"
on app q
wait_on app "EXITED 0" "the app quits normally"
echo ok
