# The order of cards in a column, kept in short ranks whatever people do, through coboard
# itself: card after card moved in after the same card keeps every rank within 12 characters
# and rewrites no other card; a board whose ranks ran long (written by an older coboard, or by
# hand) gets the fewest neighbours spaced out in the same commit, the order kept.
. "$(dirname "$0")/../lib.sh"
new_board
moves=${COBOARD_TEST_RANK_MOVES:-150}

ids() { cb list --column todo --format csv | sed 1d | cut -d, -f1 | tr -d '"' | tr '\n' ' '; }
longest_rank() {
	git --git-dir="$BOARD" grep -h '^rank: ' main -- cards | sed 's/^rank: //' |
		awk '{ if (length($0) > n) n = length($0) } END { print n }'
}
cards_in_last_commit() { git --git-dir="$BOARD" show --stat --format= main | grep -c '\.card'; }

# --- the same two cards, again and again --------------------------------------------------------
anchor=$(cb add --title "Anchor" --lead MOE)
placed=""
for i in $(seq 1 "$moves"); do
	id=$(cb add --title "Placed $i" --lead MOE --column in-progress)
	cb move "$id" todo --after "$anchor" >/dev/null
	[ "$(cards_in_last_commit)" = 1 ] || fail "move $i after the anchor rewrote other cards"
	placed="$id $placed"
done
expect_contains "$(ids)" "$anchor $placed" "each card placed lands just after the anchor, above the one before"
n=$(longest_rank)
[ "$n" -le 12 ] || fail "after $moves placements after one card the longest rank is $n characters"
for i in $(seq 1 "$moves"); do
	id=$(cb add --title "Before $i" --lead MOE --column in-progress)
	cb move "$id" todo --before 4 >/dev/null
	[ "$(cards_in_last_commit)" = 1 ] || fail "move $i before #4 rewrote other cards"
done
n=$(longest_rank)
[ "$n" -le 12 ] || fail "after $moves placements before one card the longest rank is $n characters"
run 0 fsck

# --- ranks that ran long ------------------------------------------------------------------------
W="$T/work"
git clone -q "$BOARD" "$W"
long=VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV
rank_file() { # ID RANK
	f=$(git -C "$W" ls-files "cards/*/$1.card")
	sed -i "s/^rank: .*/rank: $2/" "$W/$f"
}
rank_file 1 "${long}1"
rank_file 4 "${long}2"
git -C "$W" -c user.name=Clerk -c user.email=clerk@example.kz commit -qam "Ranks of an older board"
git -C "$W" push -q origin main
cb reindex >/dev/null
order_before=$(ids)
expect_contains "$order_before" "1 4 " "the long ranks keep their order"
moved=$(cb add --title "Between the long ones" --lead MOE --column in-progress)
run 0 move "$moved" todo --after 1
expect_contains "$(ids)" "1 $moved 4 " "the card lands where it was put"
expect_eq "$(ids | sed "s/ $moved / /")" "$order_before" "and every other card keeps its place"
[ "$(cards_in_last_commit)" -ge 2 ] || fail "the neighbours whose ranks ran long were not spaced out"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "(made room)" "the commit says which cards made room"
for f in $(git --git-dir="$BOARD" show --name-only --format= main); do
	r=$(git --git-dir="$BOARD" show "main:$f" | sed -n 's/^rank: //p')
	[ ${#r} -le 12 ] || fail "$f was given a rank of ${#r} characters"
done
run 0 history 4
expect_contains "$OUT" "order" "the card that made room has its history row"
run 0 fsck
