# Commits made with plain git in a clone and pushed to the board: picked up by list and log;
# a malformed card is named by fsck with its line, and every other card still lists.
. "$(dirname "$0")/../lib.sh"
new_board
git clone -q "$BOARD" "$T/clone"
sed -i 's/^lead: MOE$/lead: MIA/' "$T/clone/cards/00/4.card"
git -C "$T/clone" -c user.name="Outside Editor" -c user.email=out@example.kz commit -qam "Hand edit of #4"
push_unchecked "$T/clone" # the lead is also a co-executor: the hook would refuse it
run 0 list --agency MIA
expect_contains "$OUT" "#4" "an outside change shows in list"
run 0 log 4
expect_contains "$OUT" "Outside Editor   #4     lead        MOE -> MIA" "an outside change shows in log"

commit_outside cards/00/9.card 'title: A card added by hand
column: todo
rank: z
lead: MOH
co:
due: 2026-05-01
labels:
archived: no
' "Add #9 by hand"
run 0 show 9
expect_contains "$OUT" "A card added by hand" "a card added outside shows"

commit_outside cards/00/7.card 'title: Broken card
column: todo
colour: red
' "A malformed card"
run 0 list
expect_contains "$ERR" "cards/00/7.card: line 3: unknown field 'colour'" "list warns about the broken card"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 5 "every other card still lists"
run 1 fsck
expect_contains "$ERR" "cards/00/7.card: line 3: unknown field 'colour'" "fsck names the file and line"

# A card naming an unknown column is reported by fsck too.
commit_outside cards/00/7.card 'title: Broken card
column: someday
rank: V
lead: MOE
co:
due:
labels:
archived: no
' "Fix the field, break the column"
run 1 fsck
expect_contains "$ERR" "cards/00/7.card: unknown column 'someday'" "fsck checks columns"

# The next id never reuses a broken card's id.
run 0 add --title "After the broken one" --lead MOE
expect_eq "$OUT" 10 "ids continue after outside cards"
echo ok
