# Execution control in the app: the lead agency's member reports on a card (S) and asks for
# more time (E); a co-executor sends its part; the secretary opens the queue (Q), returns the
# report with a reason (N), accepts the next one (y), and grants the extension; a member's
# move into Done is refused on the status line; a secretary's asks why.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
"$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null

# The lead's member: #2 (MOE leads it) is selected by moving right to In progress.
start_app 120 40 moe
keys l
wait_for "▶#2" "#2 is selected"
keys C
wait_for "Done" "the column picker"
keys -l "Done"
keys Enter
wait_for "moe may not change #2: the lead agency reports" "a member's move into Done is refused, saying how to report"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/2.card)" "column: in-progress" "and the card stays"
keys Enter
wait_for "Unannounced inspections of schools" "the card opens"
keys S
wait_for "Report on #2" "S asks for the report"
keys -l "Inspections done: order No. 12 of 28.02.2026"
keys Enter
keys -l "The acts are attached."
wait_for "The acts are attached." "Enter starts a second line of the report"
expect_not_contains "$(git --git-dir="$BOARD" log -1 --format=%s main)" "Report on #2" "nothing is filed before Ctrl-S"
keys C-s
wait_for "reported on #2" "the report is filed"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/2.card)" "order No. 12 of 28.02.2026
The acts are attached." "the report keeps its two lines"
wait_for "reported by MOE" "the card says who reported"
expect_eq "$(git --git-dir="$BOARD" log -1 --format=%s main)" "Report on #2 from MOE" "one commit by the member"
keys E
wait_for "New deadline asked for #2" "E asks for the date"
keys -l "30.06.2026"
keys Enter
wait_for "Why is more time needed" "then for the reasons"
keys -l "the acts are signed in June"
keys Enter
wait_for "asked for more time on #2" "the request is filed"
wait_for "extension asked: " "the card shows it"
keys Escape

# The secretary's queue.
start_app 120 40 sec
keys Q
wait_for "requests waiting for a decision" "Q opens the queue"
wait_for "Inspections done: order No. 12" "the report waits with its text"
wait_for "extension to " "and the extension request"
keys N
wait_for "Why (required" "returning asks why"
keys -l "attach the inspection acts"
keys Enter
wait_for "refused" "the report is returned"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Decision: returned" "as a decision in git"
wait_gone "Inspections done: order No. 12" "the returned report leaves the queue"
keys y
wait_for "granted" "the extension is granted"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/2.card)" "due: 2026-06-30" "the deadline moved"
wait_for "nothing waits for a decision" "the queue is empty"
keys Escape
# The dashboard's discipline: the returned report and the granted extension, counted for
# MOE over the last thirty days (today being today here: the decisions were made today).
COBOARD_TODAY=$(date +%F) start_app 120 40 sec
keys D
wait_for "dashboard" "D opens the dashboard"
keys d
wait_for "executive discipline" "d shows each agency's discipline"
expect_contains "$(screen | grep ' MOE ')" "1 of 1 extensions   1 returned" "MOE's returned report and granted extension"
keys d
wait_for "cards by column" "d again: cards by column"
keys Escape
start_app 120 40 sec
# A secretary's own move into Done asks why.
keys l
wait_for "▶#2" "#2 is selected"
keys C
wait_for "Done" "the column picker"
keys -l "Done"
keys Enter
wait_for "Reason for this change (required" "a move into Done by hand asks why"
keys -l "taken off control at the meeting"
keys Enter
wait_for "moved #2 to Done" "then moves it"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: taken off control at the meeting" "with the reason in git"
echo ok
