# Nothing lost: every change is undone exactly or refused, notes keep their identity, merges
# and forced pushes made with plain git, malformed-then-fixed cards, back-dated commits and
# days scripted with faketime, a WAL that stays small, unreadable objects and absurd ids.
. "$(dirname "$0")/../lib.sh"
new_board
git_b() { git --git-dir="$BOARD" "$@"; }
card_at() { git_b show "$1:$(card_file "$2")"; }
card_of() { git_b log -1 --format=%B "$1" | sed -n 's/^Card: //p'; }

# --- 1. Undo every kind of change, then undo the undo --------------------------------------
# Each change is undone at once: the card must be exactly as before it, and undoing the undo
# must give exactly the card the change made.
undo_twice() { # what args...
	what=$1
	shift
	cb "$@" >/dev/null
	c=$(git_b rev-parse main)
	id=$(card_of "$c")
	[ -n "$id" ] || fail "$what: no Card: trailer"
	run 0 revert "$c"
	if git_b cat-file -e "$c^:$(card_file "$id")" 2>/dev/null; then
		expect_eq "$(card_at main "$id")" "$(card_at "$c^" "$id")" "$what: undo restores the card"
	else
		expected=$(card_at "$c" "$id" | sed 's/^archived: no$/archived: yes/')
		expect_eq "$(card_at main "$id")" "$expected" "$what: undoing an add archives the card"
		expect_contains "$(last_subject)" "archives #$id" "$what: the subject says so"
	fi
	expect_contains "$(last_subject)" "Revert \"" "$what: the undo's subject"
	run 0 revert main
	expect_eq "$(card_at main "$id")" "$(card_at "$c" "$id")" "$what: undoing the undo redoes it"
}
undo_twice "add" add --title "Summer camps inspection" --lead MOH --co AKM --due 2026-06-01
undo_twice "move" move 1 in-progress
undo_twice "move back" move 1 todo --before 4
undo_twice "reorder" move 4 todo --before 1
undo_twice "reassign" assign 1 --lead MOE --co MIA --reason "MOE takes it"
undo_twice "co-executors" assign 2 --co AKM
undo_twice "title" edit 1 --title "Register of facilities"
undo_twice "due" edit 1 --due 2026-04-01 --reason "new deadline"
undo_twice "labels" edit 1 --label safety,register
undo_twice "description" edit 1 --description "Two lines
of description"
undo_twice "note" note 2 "Inspection planned"
undo_twice "archive" archive 3 --reason "done before the Concept"

# Changes that are not one card's are refused with the reason, and nothing is written.
refused() { # what needle commit
	before=$(commits)
	run 1 revert "$3"
	expect_contains "$ERR" "$2" "$1: refused with the reason"
	expect_eq "$(commits)" "$before" "$1: nothing written"
}
cb meeting start "Weekly" >/dev/null
refused "meeting start" "is a meeting record" main
cb meeting end >/dev/null
refused "meeting end" "is a meeting record" main
CB_USER=admin cb member add clerk --name "Clerk" --role member --agency MOE >/dev/null
refused "member change" "changed board.conf" main
refused "board creation" "is not a change of one card" "$(git_b rev-list --max-parents=0 main)"
run 1 show 99
run 0 fsck

# Undo needs the role the change needed: a member cannot undo a secretary's note, but can
# undo their own.
cb note 4 "Decision: MOE leads the campaign" >/dev/null
secretary_note=$(git_b rev-parse main)
CB_USER=moe run 1 revert "$secretary_note"
expect_contains "$ERR" "needs that role" "a member may not undo a secretary's decision"
CB_USER=moe cb note 4 "MOE will report" >/dev/null
CB_USER=moe run 0 revert main

# --- 2. Notes have identity ----------------------------------------------------------------
cb note 1 "Same words" >/dev/null
first=$(git_b rev-parse main)
sleep 1
cb note 1 "Same words" >/dev/null
cb note 1 "A later note" >/dev/null
cb meeting start "Notes" >/dev/null
run 0 revert "$first"
cb meeting end >/dev/null
minutes=$(git_b show "main:$(git_b log -1 --format=%B main | sed -n 's/^Minutes: //p')")
expect_eq "$(printf '%s\n' "$minutes" | grep -c '^- #1 ')" 1 "the minutes record one change"
expect_contains "$minutes" "note removed" "and it is the note removed"
notes=$(cb show 1 --format json)
expect_eq "$(printf '%s' "$notes" | grep -o '"Same words"' | wc -l | tr -d ' ')" 1 \
	"reverting one of two equal notes removes one"
expect_contains "$notes" "A later note" "a later note is never touched"
revert_of_note=$(git_b rev-parse main~1)
expect_eq "$(cb log --format csv | grep -c "$revert_of_note" || true)" 1 \
	"history records one note removed"
run 0 revert "$revert_of_note"
notes=$(cb show 1 --format json)
expect_eq "$(printf '%s' "$notes" | grep -o '"Same words"' | wc -l | tr -d ' ')" 2 \
	"reverting the revert brings the note back"
expect_eq "$(card_at main 1 | grep -c '^--- note')" "$(card_at "$first" 1 | grep -c '^--- note' | awk '{print $1 + 2}')" \
	"every note is there once"

# --- 3. A move undone goes back to its place ------------------------------------------------
cb add --title "Third in To do" --lead MOE >/dev/null
order_before=$(cb list --column todo | cut -c1-6)
cb move 1 done --reason "work done" >/dev/null
run 0 revert main
expect_eq "$(cb list --column todo | cut -c1-6)" "$order_before" "the card is back where it was"

# --- 5. A merge made with plain git ---------------------------------------------------------
rm -rf "$T/clerk"
git clone -q "$BOARD" "$T/clerk"
cb edit 2 --due 2026-05-05 --reason "new deadline" >/dev/null                   # the board's side: a due date
sed -i 's/^lead: .*/lead: MIA/' "$T/clerk/cards/00/2.card" # the clerk's side: the lead
git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz commit -qam "Interior leads #2"
git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz pull -q --no-rebase --no-edit
git -C "$T/clerk" push -q origin main
expect_eq "$(git_b rev-list --parents -1 main | wc -w | tr -d ' ')" 3 "the tip is a merge"
merged=$(cb show 2 --format json)
expect_contains "$merged" '"lead": "MIA"' "list shows the clerk's side"
expect_contains "$merged" '"due": "2026-05-05"' "and the board's side"
listed=$(cb list --format csv)
run 0 reindex
expect_eq "$(cb list --format csv)" "$listed" "reindex rebuilds the same board"
expect_contains "$(cb show 2 --format json)" '"lead": "MIA"' "after reindex too"
history=$(cb history 2)
expect_eq "$(printf '%s\n' "$history" | grep -c 'due .*2026-05-05' || true)" 1 \
	"the board's change shows once"
expect_eq "$(printf '%s\n' "$history" | grep -c 'lead .*MIA' || true)" 1 \
	"the change that came in shows once"
expect_contains "$(cb blame 2)" "2026-05-05" "blame names the due date's origin"
cb note 2 "After the merge" >/dev/null
expect_contains "$(card_at main 2)" "lead: MIA" "a following write keeps the merged lead"
expect_contains "$(card_at main 2)" "due: 2026-05-05" "and the due date"
run 0 fsck

# A forced push that rewrites the last change is refused at the door; one made behind the
# door's back (by whoever can write the repository's files): the index follows the branch,
# and fsck names the history taken away.
rm -rf "$T/clerk"
git clone -q "$BOARD" "$T/clerk"
git -C "$T/clerk" reset -q --hard HEAD~1
sed -i 's/^title: .*/title: Rewritten/' "$T/clerk/cards/00/4.card"
git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz commit -qam "Rewrite"
dropped=$(git --git-dir="$BOARD" rev-parse main)
if git -C "$T/clerk" push -q -f origin main 2>"$T/force.err"; then fail "a forced push went through"; fi
expect_contains "$(cat "$T/force.err")" "main only grows" "a forced push is refused, naming the rule"
expect_eq "$(git --git-dir="$BOARD" rev-parse main)" "$dropped" "and the board did not move"
git --git-dir="$BOARD" config receive.denyNonFastForwards false
mv "$BOARD/hooks/pre-receive" "$T/pre-receive.off"
git -C "$T/clerk" push -q -f origin main
mv "$T/pre-receive.off" "$BOARD/hooks/pre-receive"
git --git-dir="$BOARD" config receive.denyNonFastForwards true
expect_contains "$(cb show 4)" "Rewritten" "a forced push is followed"
expect_not_contains "$(cb show 2)" "After the merge" "the dropped change is gone from the board"
expect_not_contains "$(cb history 2)" "After the merge" "and from the history"
run 1 fsck
expect_contains "$ERR" "main moved backwards: it no longer holds $(printf %.7s "$dropped")" \
	"fsck names the commit the branch lost"
expect_contains "$(cb fsck 2>&1 || true)" "main moved backwards" "and goes on naming it"
# Put back (merged in), the history is whole again and fsck is quiet about it.
git --git-dir="$BOARD" update-ref refs/heads/rescued "$dropped"
rm -rf "$T/clerk"
git clone -q "$BOARD" "$T/clerk"
git -C "$T/clerk" fetch -q origin rescued
git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz merge -q -s ours \
	-m "Keep the history the forced push dropped" FETCH_HEAD
git --git-dir="$BOARD" update-ref -d refs/heads/rescued
git -C "$T/clerk" push -q origin main
expect_not_contains "$(cb fsck 2>&1 || true)" "main moved backwards" "history back, fsck is quiet"
expect_contains "$(cb show 4)" "Rewritten" "and the board is as the merge keeps it"
run 0 fsck

# --- 6. A malformed card fixed later --------------------------------------------------------
good=$(card_at main 4)
commit_outside cards/00/4.card "$(printf '%s\n' "$good" | sed '1a colour: red')" "Break #4"
expect_contains "$(cb fsck 2>&1 || true)" "cards/00/4.card" "fsck names the broken card"
commit_outside cards/00/4.card "$(printf '%s\n' "$good" | sed 's/^labels:.*/labels: fixed/')" "Fix #4"
fixed=$(cb history 4 | head -n 3)
expect_contains "$fixed" "labels" "the fix shows as the labels change it made"
expect_not_contains "$fixed" "created" "not as a card created anew"
expect_contains "$(cb blame 4)" "Rewritten" "blame keeps the title's origin"

# --- 13. An absurd card id ------------------------------------------------------------------
commit_outside cards/999999999.card "$good" "Absurd id"
run 1 fsck
expect_contains "$ERR" "cards/999999999.card: the id is out of range" "fsck names the file"
next=$(cb add --title "After the absurd id" --lead MOE)
run 0 show "$next"
expect_contains "$OUT" "After the absurd id" "add allocates an id that shows"

# --- 10. A corrupt git object ---------------------------------------------------------------
blob=$(git_b rev-parse "main:cards/00/3.card")
cp -r "$BOARD" "$T/damaged.git"
rm -f "$(loose_object "$T/damaged.git" "$blob")"
BOARD="$T/damaged.git" run 1 reindex # fails on a missing object
expect_contains "$ERR" "cards/00/3.card" "and names the card"

# An object whose file holds another object, whole and inflatable: ordinary reads do not hash
# objects again (as git does not), fsck does and names the card.
cp -r "$BOARD" "$T/swapped.git"
swapped=$(loose_object "$T/swapped.git" "$blob")
other=$(loose_object "$T/swapped.git" "$(git_b rev-parse "main:cards/00/5.card")")
[ -f "$swapped" ] && [ -f "$other" ] || fail "the test board keeps cards 3 and 5 as loose objects"
chmod u+w "$swapped"
cp "$other" "$swapped"
BOARD="$T/swapped.git" run 1 fsck # fails on an object that is not what its id says
expect_contains "$ERR" "cards/00/3.card" "and names the card"
expect_contains "$ERR" "hash mismatch" "and says why"

# --- 12. Minutes tagged even when the writer dies between commit and tag --------------------
cb meeting start "Interrupted" >/dev/null
set +e
COBOARD_FAULT=before-tag cb meeting end >/dev/null 2>&1
set -e
minutes=$(git_b log -1 --format=%B main | sed -n 's/^Minutes: meetings\/\(.*\)\.md$/\1/p')
[ -n "$minutes" ] || fail "the minutes were committed"
git_b rev-parse -q --verify "refs/tags/meeting/$minutes" >/dev/null && fail "the tag is missing"
run 1 fsck
expect_contains "$ERR" "meeting/$minutes was missing" "fsck reports the missing tag"
git_b rev-parse -q --verify "refs/tags/meeting/$minutes" >/dev/null || fail "fsck made the tag"
run 1 fsck # the absurd id above is still there
expect_not_contains "$ERR" "meeting/" "the tag stays made"

# --- 7. Dates: a scripted week, a back-dated commit, a skewed clock ---------------------------
command -v faketime >/dev/null || fail "faketime is missing (scripts/install-deps installs it)"
BOARD="$T/days.git"
# faketime preloads its library; an AddressSanitizer build must be told that is fine.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
day() { # DATE args...: the CLI on that day at noon
	d=$1
	shift
	faketime "$d 12:00:00" "$COBOARD_BIN" --board "$BOARD" --user sec "$@" >/dev/null
}
faketime "2026-03-01 09:00:00" "$COBOARD_BIN" --user admin init "$BOARD" --from "$FIXTURE" >/dev/null
day 2026-03-02 move 1 in-progress
day 2026-03-03 assign 1 --lead AKM
day 2026-03-04 edit 1 --due 2026-05-01 --reason "new deadline"
# A clerk's commit made on 2026-03-05 with an author date of January and a clock a year slow.
rm -rf "$T/clerk"
git clone -q "$BOARD" "$T/clerk"
sed -i 's/^title: .*/title: Late title/' "$T/clerk/cards/00/2.card"
GIT_COMMITTER_DATE="2025-03-05T12:00:00Z" git -C "$T/clerk" -c user.name=Clerk \
	-c user.email=clerk@example.kz commit -q --date 2026-01-01T12:00:00Z -am "Late title"
git -C "$T/clerk" push -q origin main
at2=$(cb list --at 2026-03-02 --format csv)
expect_contains "$at2" "in-progress" "--at a day: the board at its end has the move"
expect_not_contains "$at2" "Late title" "a back-dated commit does not reach into the past"
expect_contains "$(cb list --at 2026-03-02 --format json | grep '"id": 1,')" '"lead": "MOH"' \
	"nor does the next day's change"
since=$(cb log --since 2026-03-03 --format csv)
expect_contains "$since" "lead" "log --since a day includes that day"
expect_not_contains "$since" "in-progress" "and not the day before"
changes=$(cb changes --since 2026-03-03)
expect_contains "$changes" "lead MOH -> AKM" "changes --since a day includes that day"
expect_not_contains "$changes" "To do -> In progress" "but not the day before"
changes=$(cb changes --since 2025-01-01)
expect_contains "$changes" "since the board began" "a date before the first commit: the whole history"
run 1 list --at 2025-12-31
expect_contains "$ERR" "did not exist yet" "--at before the board says so"
