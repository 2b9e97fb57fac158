# Two offices in the app: a value a sync set aside is marked on the board and in the card,
# `!` decides it (a secretary; a member is refused before any picker), another office's
# changes arrive live naming the office, and the top line says when the board last synced.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
new_board
A="$BOARD"
B="$T/akmola.git"
CB_USER=admin cb site astana >/dev/null
git clone -q --bare "$A" "$B"
git --git-dir="$B" remote remove origin
cbb() { "$COBOARD_BIN" --board "$B" --user "${CB_USER:-sec}" "$@"; }
CB_USER=admin cbb site akmola >/dev/null
CB_USER=admin cbb remote add astana "$A" >/dev/null
cb edit 2 --due 2026-05-01 --reason "new deadline" >/dev/null
cbb edit 2 --due 2026-04-01 --reason "new deadline" >/dev/null
cbb sync astana >/dev/null

shot() { # COLSxLINES KEYS [USER]
	COBOARD_SCREEN=$1 COBOARD_KEYS=$2 TERM=xterm-256color \
		"$COBOARD_BIN" --board "$A" --user "${3:-sec}"
}
s=$(shot 120x40 '')
expect_contains "$s" "set aside: due (! decides)" "the board marks the card with a value set aside"
s=$(shot 120x40 'l<Enter>')
expect_contains "$s" "Set aside     due: 2026-04-01  (two offices changed it; ! decides)" "the card view names the value set aside"
expect_contains "$(printf '%s\n' "$s" | tail -1)" "!:decide" "the card's hints offer the decision"
s=$(shot 120x40 'l<Enter>!' moe)
expect_contains "$s" "may not decide a value set aside" "a member is refused before any picker"
expect_not_contains "$s" "Decide #2" "no picker opened for the member"
s=$(shot 120x40 'l<Enter>!')
expect_contains "$s" "Decide #2" "! opens the choice"
expect_contains "$s" "due: keep $(cb show 2 | sed -n 's/^Due: *//p')" "keep is offered, with the value kept"
expect_contains "$s" "the card's value" "and said to be the card's"
expect_contains "$s" "due: take 2026-04-01" "and the value set aside"
before=$(commits)
s=$(shot 120x40 'l<Enter>!<Down><Enter>')
expect_eq "$(commits)" $((before + 1)) "the decision is one commit"
expect_eq "$(last_subject)" "Decide #2 due: take the value set aside" "in plain words"
expect_contains "$(cb show 2)" "Due:          2026-04-01" "the value set aside was taken"
expect_not_contains "$(shot 120x40 '')" "set aside:" "and the mark is gone"

# Another office's changes arrive like any live change, naming the office: merged here by
# this board's own sync, and merged there and pushed here by the other office's sync.
CB_USER=admin cb remote add akmola "$B" >/dev/null
start_app 120 40
cbb move 4 in-progress >/dev/null
CB_USER=moe cbb note 4 "seen in Akmola" >/dev/null
cb note 1 "seen in Astana" >/dev/null
wait_for "Saule Secretary: Add a note to #1" "the local change first"
cb sync akmola >/dev/null
wait_for "from akmola: Marat Educator: Add a note to #4 (and 1 more)" "another office's changes, merged here, named by office"
wait_for "synced with akmola" "the top line says when the board last synced"
top=$(screen | head -1)
expect_contains "$top" "changed " "at 120 columns the top line keeps who changed the board last"
expect_contains "$top" " by Saule Secretary" "and by whom"
expect_eq "$(column_of '#4 Information')" "$(column_of '#2 Unannounced')" "the card moved in Akmola moved here too"
cbb edit 3 --title "Renamed in Akmola" >/dev/null
cb note 1 "again in Astana" >/dev/null
wait_for "Add a note to #1" "the next local change"
cbb sync astana >/dev/null
wait_for "from akmola: Saule Secretary: Edit #3: title" "merged there and pushed here, still named by office"
echo ok
