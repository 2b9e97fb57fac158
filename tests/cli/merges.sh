# History and blame after plain-git merges, checked against git itself: a merge that keeps
# its first parent's value (git merge -s ours, a clerk's checkout --ours) credits the value's
# author, as git blame does; an octopus merge records each parent's change once, by its author.
# Then merges made by sync between two offices: a co-executor the lead rule drops has its row,
# cards added at once in both (equal ranks) order alike and take a card between them where
# asked, and one value set aside decided differently in each office is set aside again.
. "$(dirname "$0")/../lib.sh"
new_board
W="$T/work"
git clone -q "$BOARD" "$W"
as() { # NAME EMAIL git-args...
	n=$1 e=$2
	shift 2
	git -C "$W" -c user.name="$n" -c user.email="$e" "$@"
}
set_line() { # FIELD VALUE: rewrites that header line of card 1
	sed -i "s/^$1: .*/$1: $2/" "$W/cards/00/1.card"
}
card=cards/00/1.card
due_author_by_git() { # who git blame credits with card 1's due line on the board's main
	git --git-dir="$BOARD" blame --line-porcelain -L '/^due:/,+1' main -- $card | sed -n 's/^author //p'
}

# --- a merge that keeps ours --------------------------------------------------------------------
as Viktor view@example.kz checkout -q -b side
set_line due 2026-09-30
as "Marat Educator" moe@example.kz commit -qam "Change #1 due date from 2026-01-30 to 2026-09-30"
as x x@example.kz checkout -q main
set_line due 2026-03-31
as "Saule Secretary" sec@example.kz commit -qam "Change #1 due date from 2026-01-30 to 2026-03-31"
as "Saule Secretary" sec@example.kz merge -q -s ours side -m "Merge side, keeping ours"
git -C "$W" push -q origin main
expect_eq "$(git --git-dir="$BOARD" show main:$card | grep '^due:')" "due: 2026-03-31" "the merge kept ours"
git_author=$(due_author_by_git)
expect_eq "$git_author" "Saule Secretary" "git blame names the author of the kept value"
run 0 blame 1
due_row=$(printf '%s\n' "$OUT" | grep '^due')
expect_contains "$due_row" "2026-03-31" "blame shows the value"
expect_contains "$due_row" "Saule Secretary" "and credits its author, as git does"
expect_not_contains "$due_row" "Marat" "not the author of the value the merge discarded"
run 0 history 1
expect_contains "$OUT" "2026-01-30 -> 2026-09-30" "the discarded change is still in the history"
expect_eq "$(printf '%s\n' "$OUT" | grep -c " due ")" 3 "the date set at creation, then each change once, none as the merger's"

# --- a merge that takes theirs (git merge -X theirs) ----------------------------------------------
git -C "$W" fetch -q origin
as x x@example.kz checkout -q -B theirs origin/main
set_line due 2026-10-31
as "Marat Educator" moe@example.kz commit -qam "Change #1 due date to 2026-10-31"
as x x@example.kz checkout -q -B main origin/main
set_line due 2026-04-30
as "Saule Secretary" sec@example.kz commit -qam "Change #1 due date to 2026-04-30"
as "Saule Secretary" sec@example.kz merge -q -X theirs theirs -m "Merge, taking theirs"
git -C "$W" push -q origin main
expect_eq "$(git --git-dir="$BOARD" show main:$card | grep '^due:')" "due: 2026-10-31" "the merge took theirs"
git_author=$(due_author_by_git)
expect_eq "$git_author" "Marat Educator" "git blame names the second parent's author"
run 0 blame 1
expect_contains "$(printf '%s\n' "$OUT" | grep '^due')" "Marat Educator" "and so does coboard's blame"
run 0 log --format csv
expect_eq "$(printf '%s\n' "$OUT" | grep -c '"Merge, taking theirs"')" 0 "the merge itself adds no row: each change once, by its author"

# --- an octopus merge -----------------------------------------------------------------------------
git -C "$W" fetch -q origin
as x x@example.kz checkout -q -B one origin/main
set_line title "Register of facilities (first branch)"
as "Marat Educator" moe@example.kz commit -qam "Edit #1: title"
as x x@example.kz checkout -q -B two origin/main
printf '\nA line added on the second branch.\n' >>"$W/$card"
as Viktor view@example.kz commit -qam "Edit #1: description"
as x x@example.kz checkout -q -B main origin/main
set_line labels "safety, octopus"
as "Saule Secretary" sec@example.kz commit -qam "Edit #1: labels"
as "Saule Secretary" sec@example.kz merge -q one two -m "Octopus"
expect_eq "$(git -C "$W" log -1 --format=%P | wc -w | tr -d ' ')" 3 "an octopus merge of three parents"
git -C "$W" push -q origin main
run 0 history 1 --format csv
expect_eq "$(printf '%s\n' "$OUT" | grep -c ',"title",')" 1 "the first branch's title, once"
expect_eq "$(printf '%s\n' "$OUT" | grep -c ',"description",')" 1 "the third parent's description, once"
expect_contains "$(printf '%s\n' "$OUT" | grep ',"description",')" "Viktor" "by its author, not the merger"
run 0 blame 1
expect_contains "$(printf '%s\n' "$OUT" | grep '^title')" "Marat Educator" "blame: the title by its author"
expect_contains "$(printf '%s\n' "$OUT" | grep '^labels')" "Saule Secretary" "blame: the labels by theirs"
run 0 fsck

# --- a sync whose merge drops a co-executor (the lead rule) ----------------------------------------
A="$BOARD"
B="$T/akmola.git"
second_office "$B"
"$COBOARD_BIN" --board "$A" --user sec assign 2 --co "$(git --git-dir="$A" show main:cards/00/2.card |
	sed -n 's/^co: //p'), AKM" --reason "the akimat joins" >/dev/null
"$COBOARD_BIN" --board "$B" --user sec assign 2 --lead AKM --reason "the akimat leads" >/dev/null
"$COBOARD_BIN" --board "$A" --user sec sync akmola >/dev/null
merged=$(git --git-dir="$A" show main:cards/00/2.card)
expect_contains "$merged" "lead: AKM" "the other office's lead came in"
expect_not_contains "$(printf '%s\n' "$merged" | grep '^co:')" "AKM" "the lead is no co-executor of its own card"
run 0 history 2 --format csv
co_rows=$(printf '%s\n' "$OUT" | grep ',"co",')
expect_contains "$co_rows" '"'"$(git --git-dir="$A" log -1 --format=%H main)"'"' \
	"the co-executor the merge dropped has its history row, on the merge"
expect_eq "$(printf '%s\n' "$co_rows" | grep -c 'AKM')" 2 "AKM came in as co-executor and went out, each once"
run 0 fsck

# --- equal ranks: two offices add a card to one column at once ----------------------------------
ca() { "$COBOARD_BIN" --board "$A" --user sec "$@"; }
cbb() { "$COBOARD_BIN" --board "$B" --user sec "$@"; }
order() { # BOARD: the ids of To do, top to bottom
	"$COBOARD_BIN" --board "$1" --user sec list --column todo --format csv | sed 1d | cut -d, -f1 | tr -d '"' | tr '\n' ' '
}
ca sync akmola >/dev/null
a1=$(ca add --title "Added in Astana" --lead MOE)
b1=$(cbb add --title "Added in Akmola" --lead MOE)
ca sync akmola >/dev/null
rank_of() { git --git-dir="$A" show "main:cards/$(printf '%02d' $(($1 / 100 % 100)))/$1.card" | sed -n 's/^rank: //p'; }
expect_eq "$(rank_of "$a1")" "$(rank_of "$b1")" "both offices gave their card the same rank"
expect_eq "$(order "$A")" "$(order "$B")" "ties break the same way on both boards"
expect_contains "$(order "$A")" "$a1 $b1 " "by id"
before=$(git --git-dir="$A" rev-list --count main)
ca move 1 todo --before "$b1" >/dev/null
expect_contains "$(order "$A")" "$a1 1 $b1 " "move --before the second of two tied cards lands between them"
expect_eq "$(git --git-dir="$A" rev-list --count main)" $((before + 1)) "in one commit"
expect_eq "$(git --git-dir="$A" show --stat --format= main | grep -c '\.card')" 2 "which moves the tied card to make room"
expect_contains "$(git --git-dir="$A" log -1 --format=%B main)" "#$b1 order: moved down in its column (made room)" \
	"and says so in its body"
run 0 history "$b1"
expect_contains "$OUT" "order" "the card that made room has its history row"
ca sync akmola >/dev/null # both boards alike again
a2=$(ca add --title "Astana again" --lead MOE)
b2=$(cbb add --title "Akmola again" --lead MOE)
ca sync akmola >/dev/null
expect_eq "$(rank_of "$a2")" "$(rank_of "$b2")" "a second tie"
ca move 2 todo --after "$a2" >/dev/null
expect_contains "$(order "$A")" "$a2 2 $b2" "move --after the first of two tied cards lands between them"

# --- one value set aside, decided differently by the two offices ----------------------------------
ca sync akmola >/dev/null
ca edit 3 --due 2026-07-01 --reason "Astana's date" >/dev/null
cbb edit 3 --due 2026-08-01 --reason "Akmola's date" >/dev/null
ca sync akmola >/dev/null
expect_contains "$(ca conflicts)" "#3" "the two dates: one kept, one set aside, on both boards"
expect_contains "$(cbb conflicts)" "#3" "the other board too"
ca conflicts resolve 3 due keep >/dev/null
cbb conflicts resolve 3 due take >/dev/null
expect_eq "$(ca conflicts)" "no conflicts: no value is set aside" "Astana decided: keep"
ca sync akmola >/dev/null
expect_contains "$(ca conflicts)" "#3" "decided differently in the two offices: a conflict again, not a silent take"
expect_contains "$(git --git-dir="$A" show main:cards/00/3.card)" "--- conflict due" "the value not kept is set aside"
expect_eq "$(git --git-dir="$A" show main:cards/00/3.card | sed -n '/^--- conflict due/{n;p;}' | wc -l | tr -d ' ')" 1 \
	"once"

# --- two offices' meetings on one day: two minutes, two tags, on both boards ----------------------
ca meeting start "Astana's meeting" >/dev/null
ca note 1 "said at the Astana meeting" >/dev/null
expect_contains "$(ca meeting end)" "meetings/$(date +%F)-astana.md" "the minutes are named by the day and the office"
cbb meeting start "Akmola's meeting" >/dev/null
cbb note 2 "said at the Akmola meeting" >/dev/null
expect_contains "$(cbb meeting end)" "meetings/$(date +%F)-akmola.md" "and the other office's by its own"
ca sync akmola >/dev/null
tags_a=$(git --git-dir="$A" tag -l 'meeting/*')
expect_contains "$tags_a" "meeting/$(date +%F)-astana" "Astana keeps its own tag"
expect_contains "$tags_a" "meeting/$(date +%F)-akmola" "and has Akmola's after the sync"
cbb sync astana >/dev/null
tags_b=$(git --git-dir="$B" tag -l 'meeting/*')
expect_contains "$tags_b" "meeting/$(date +%F)-astana" "Akmola has Astana's tag after its own sync"
expect_eq "$(git --git-dir="$A" rev-parse "meeting/$(date +%F)-akmola")" \
	"$(git --git-dir="$B" rev-parse "meeting/$(date +%F)-akmola")" "a tag names the same commit on both boards"
expect_contains "$(git --git-dir="$A" show "main:meetings/$(date +%F)-akmola.md")" "# Akmola's meeting" \
	"each office's minutes in a file of their own"
run 0 fsck
expect_not_contains "$OUT$ERR" "was missing" "no tag was left for fsck to make"
echo ok
