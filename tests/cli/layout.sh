# Cards live in folders by id (cards/<folder>/<id>.card). A board made before folders is read
# as it is, moves into folders at its first write in one commit of its own that changes no
# card, and offices on either layout sync without a card ending up twice.
. "$(dirname "$0")/../lib.sh"
git_b() { git --git-dir="$BOARD" "$@"; }

new_board
expect_eq "$(git_b ls-tree -r --name-only main cards | grep -cv '^cards/00/[1-9][0-9]*\.card$' || true)" "0" \
	"a new board keeps every card in its folder"
expect_contains "$(git_b show main:.gitattributes)" "cards/**/*.card merge=coboard" \
	"git's merge driver covers the folders"
expect_eq "$(git_b show main:"$(card_file 3)" | head -1)" "$(head -1 "$FIXTURE/cards/3.card")" \
	"a card is found with plain git at cards/00/3.card"

# --- a board in the layout before folders --------------------------------------------------
git clone -q "$BOARD" "$T/old"
for f in "$T"/old/cards/*/*.card; do git -C "$T/old" mv "${f#"$T/old/"}" cards/; done
sed -i 's|^cards/\*\*/\*\.card |cards/*.card |' "$T/old/.gitattributes"
git -C "$T/old" -c user.name=Old -c user.email=old@example.kz commit -qm "The layout before folders"
push_unchecked "$T/old"
expect_eq "$(git_b ls-tree --name-only main cards/ | grep -c '^cards/[0-9]*\.card$')" \
	"$(ls "$FIXTURE"/cards | wc -l)" "the board is in the old layout"
run 0 reindex
run 0 list
cards_before=$OUT
run 0 show 3
expect_contains "$OUT" "#3" "a card of the old layout shows"
run 0 history 3
history_before=$OUT
run 0 fsck
blobs_before=$(git_b ls-tree -r main cards | awk '{print $3}' | sort)
tip=$(git_b rev-parse main)

run 1 move 3 nowhere
expect_eq "$(git_b rev-parse main)" "$tip" "a refused change moves nothing, not even the cards"

run 0 move 3 in-progress
expect_eq "$(git_b rev-list --count "$tip"..main)" "2" "the first write: the move into folders, then the change"
expect_eq "$(git_b log -1 --format=%s main^)" "Move cards into folders by id" "the move has its own commit"
expect_contains "$(git_b log -1 --format=%B main^)" "Op: layout" "marked as a layout change"
expect_eq "$(git_b log -1 --format=%an main^)" "$(git_b log -1 --format=%an main)" "by the member who wrote"
expect_eq "$(git_b diff --no-renames --name-only "$tip" main^ -- cards | grep -c '^cards/[0-9]*\.card$')" \
	"$(ls "$FIXTURE"/cards | wc -l)" "every card left the old place"
expect_eq "$(git_b ls-tree -r main^ cards | awk '{print $3}' | sort)" "$blobs_before" \
	"no card's text changed in the move"
expect_eq "$(git_b ls-tree --name-only main cards/ | grep -c '\.card$' || true)" "0" "no card is left in cards/"
expect_eq "$(git_b show --format= --name-only main)" "cards/00/3.card" "the change is one file in its folder"
expect_contains "$(git_b show main:.gitattributes)" "cards/**/*.card merge=coboard" \
	"the merge driver's line follows the cards"
run 0 history 3
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2)" "$history_before" "the move adds nothing to a card's history"
expect_contains "$(printf '%s\n' "$OUT" | head -1)" "-> in-progress" "and the change is there"
run 0 list
expect_eq "$(printf '%s\n' "$OUT" | grep -cv '^#3 ')" "$(printf '%s\n' "$cards_before" | grep -cv '^#3 ')" \
	"every other card lists as before"
run 0 fsck
run 0 reindex
run 0 history 3
expect_contains "$(printf '%s\n' "$OUT" | head -1)" "-> in-progress" "a rebuilt index reads both layouts"
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2)" "$history_before" "and records nothing for the move"
run 0 move 4 done --reason "work done"
expect_eq "$(git_b log -1 --format=%s main^)" "Move #3 from Done to In progress" "the move into folders happens once"

# --- a card in two places, or in the wrong folder ------------------------------------------
commit_outside cards/4.card "$(git_b show main:cards/00/4.card)" "A copy of #4 in the old place"
run 1 fsck
expect_contains "$ERR" "card #4 is here and in its folder; remove cards/4.card" "fsck names the second copy"
git -C "$T/clone" rm -q cards/4.card
mkdir -p "$T/clone/cards/07"
git -C "$T/clone" show HEAD:cards/00/2.card >"$T/clone/cards/07/2.card"
git -C "$T/clone" add cards/07/2.card
git -C "$T/clone" -c user.name=Outsider -c user.email=out@example.kz commit -qm "#2 misfiled"
push_unchecked "$T/clone"
run 1 fsck
expect_contains "$ERR" "cards/07/2.card: not in its folder: card #2 is cards/00/2.card" "fsck names the right folder"
expect_not_contains "$ERR" "cards/4.card" "the copy is gone"

# The board's hook refuses both.
"$COBOARD_BIN" --board "$BOARD" --user admin hook install >/dev/null
git -C "$T/clone" rm -q cards/07/2.card
git -C "$T/clone" -c user.name=Outsider -c user.email=out@example.kz commit -qm "Tidy"
git -C "$T/clone" push -q origin main
cp "$T/clone/cards/00/1.card" "$T/clone/cards/1.card"
git -C "$T/clone" add cards/1.card
git -C "$T/clone" -c user.name=Outsider -c user.email=out@example.kz commit -qm "A second #1"
if git -C "$T/clone" push -q origin main 2>"$T/push"; then fail "a second copy of a card was let in"; fi
expect_contains "$(cat "$T/push")" "card #1 is here and in its folder" "the hook names it"

# --- two offices, one still in the old layout ----------------------------------------------
rm -rf "$T/b.git" "$T/clone"
new_board
CB_USER=admin run 0 site astana 1
git clone -q --bare "$BOARD" "$T/akmola.git"
git clone -q "$T/akmola.git" "$T/akmola"
for f in "$T"/akmola/cards/*/*.card; do git -C "$T/akmola" mv "${f#"$T/akmola/"}" cards/; done
git -C "$T/akmola" -c user.name=Old -c user.email=old@example.kz commit -qm "The layout before folders"
sed -i 's/^title: .*/title: Changed in Akmola/' "$T/akmola/cards/2.card"
git -C "$T/akmola" -c user.name=Old -c user.email=old@example.kz commit -qam "Akmola edits #2"
git -C "$T/akmola" push -q origin main
run 0 note 2 "A note from Astana"
CB_USER=admin run 0 remote add akmola "$T/akmola.git"
run 0 sync akmola
expect_eq "$(git_b ls-tree -r --name-only main cards | grep -c '^cards/2.card$' || true)" "0" \
	"the card the other office edited in the old place is not made twice"
card2=$(git_b show main:cards/00/2.card)
expect_contains "$card2" "title: Changed in Akmola" "their change is merged into the card in its folder"
expect_contains "$card2" "A note from Astana" "and ours is kept"
run 0 fsck
expect_eq "$(git --git-dir="$T/akmola.git" rev-parse main)" "$(git_b rev-parse main)" "the other office has the merge"
echo "ok layout"
