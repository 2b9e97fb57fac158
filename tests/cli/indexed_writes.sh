# A writer indexes the commit it just made from what it holds, not by reading git back: the
# index it leaves must be the one a rebuild from git gives, row for row (commits, changes,
# cards, requests, search), after every kind of change, including a placement that moves
# other cards to make room and changes made while another writer commits.
. "$(dirname "$0")/../lib.sh"
"$COBOARD_BIN" --user admin init "$BOARD" >/dev/null # the shipped board: it has a review column
export CB_USER=admin
cb member add moe --role member --agency MOE --name "Marat Educator" >/dev/null
dump() {
	sqlite3 "$BOARD/coboard/index.sqlite" "
		SELECT 'commit', seq, oid, time, at, author, email, member, subject, op, reason, side FROM commits ORDER BY seq;
		SELECT 'change', seq, card, field, old, new FROM changes ORDER BY id;
		SELECT 'card', id, text, title, col, rank, lead, co, due, labels, archived, set_aside, item, source FROM cards ORDER BY id;
		SELECT 'request', number, card, kind, time, author, agency, value, text, decision, decided_by FROM requests ORDER BY card, number, kind;
		SELECT 'agency', card, agency FROM card_agencies ORDER BY card, agency;
		SELECT 'search', rowid, title, description, notes FROM cards_fts ORDER BY rowid;
		SELECT 'tip', value FROM meta WHERE key = 'tip';"
}
a=$(cb add --title "Школы и лагеря: реестр" --lead MOE --co MIA --due 2026-05-01 --label safety)
b=$(cb add --title "Second card" --lead MOH --description "First line
second line")
cb move "$a" in-progress >/dev/null
cb move "$b" in-progress --before "$a" >/dev/null
cb assign "$a" --co MOH,MIA >/dev/null
cb edit "$b" --due 2026-06-30 --title "Second card, renamed" >/dev/null
cb edit "$b" --due 2026-07-31 --reason "The ministry asked" >/dev/null
cb note "$a" "Asked the regions for their lists" >/dev/null
CB_USER=moe cb submit "$a" "Done: order No. 3" >/dev/null
cb accept "$a" --reason "Report checked" >/dev/null
cb archive "$b" --reason "Merged into another" >/dev/null
cb revert "$(git --git-dir="$BOARD" rev-parse main)" >/dev/null
cb meeting start "Weekly" >/dev/null
cb move 4 blocked >/dev/null
cb meeting end >/dev/null
# Two cards given one rank by hand: the placement between them moves the second too.
W="$T/work"
git clone -q "$BOARD" "$W"
for id in 1 4; do
	f=$(git -C "$W" ls-files "cards/*/$id.card")
	sed -i 's/^rank: .*/rank: V/; s/^column: .*/column: todo/' "$W/$f"
done
git -C "$W" -c user.name=Clerk -c user.email=clerk@example.kz commit -qam "Two cards, one rank"
git -C "$W" push -q origin main
cb move 3 todo --before 4 >/dev/null
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "(made room)" "a placement that moved another card"
# Writers at once: each indexes its own commit or, when another came between, reads git.
for i in 1 2 3 4 5 6; do cb note 1 "Writer $i" >/dev/null & done
wait
run 0 list
kept=$(dump)
expect_contains "$kept" "Writer 6" "the writers' notes are in the index"
cb reindex >/dev/null
rebuilt=$(dump)
[ "$kept" = "$rebuilt" ] || {
	printf '%s\n' "$kept" >"$T/kept"
	printf '%s\n' "$rebuilt" >"$T/rebuilt"
	fail "the index the writers kept differs from the one rebuilt from git: $(diff "$T/kept" "$T/rebuilt" | head -20)"
}
echo ok
