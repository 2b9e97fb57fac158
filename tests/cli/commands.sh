# Every CLI command on a small board: what it prints and what it commits.
. "$(dirname "$0")/../lib.sh"
new_board
expect_eq "$(commits)" 1 "init makes one root commit"
expect_eq "$(git --git-dir="$BOARD" symbolic-ref HEAD)" refs/heads/main "HEAD is main"
expect_eq "$(git --git-dir="$BOARD" rev-parse --is-bare-repository)" true "bare repository"
expect_contains "$(git --git-dir="$BOARD" show main:board.conf)" "member: admin | admin | admin@localhost | admin |" \
	"init makes the acting member the first admin"

# board: columns in order with counts and the WIP limit
run 0 board
expect_contains "$OUT" "To do (2)" "board column heading"
expect_contains "$OUT" "In progress (1 of limit 2)" "WIP limit shown"
expect_contains "$OUT" "#1    Form the register of facilities" "card row"
[ "$(printf '%s\n' "$OUT" | grep -n 'To do' | cut -d: -f1)" -lt "$(printf '%s\n' "$OUT" | grep -n 'Done' | cut -d: -f1)" ] ||
	fail "columns in board order"

# list: filters and formats
run 0 list
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 4 "list shows every card"
run 0 list --agency MIA
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ' | tr '\n' ' ')" "#1 #4 " "agency filter matches lead and co-executors"
run 0 list --column done
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ')" "#3" "column filter"
run 0 list --overdue
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ')" "#1" "overdue: due before today and not done"
expect_contains "$OUT" "overdue 30d" "overdue days"
run 0 list --format csv
expect_eq "$(printf '%s\n' "$OUT" | head -1)" "id,title,column,lead,co,due,overdue,labels,archived" "csv header"
expect_contains "$OUT" '"1","Form the register of facilities","todo","MOH","MOE MIA","2026-01-30","yes","safety","no"' "csv row"
run 0 list --format json --column in-progress
expect_contains "$OUT" '"id": 2, "title": "Unannounced inspections of schools"' "json list"
expect_contains "$OUT" '"due_state": "soon"' "due within 7 days is marked"

# show
run 0 show 1
expect_contains "$OUT" "#1  Form the register of facilities" "show title"
expect_contains "$OUT" "Lead:         MOH  Ministry of Healthcare" "show lead with name"
expect_contains "$OUT" "Co-executors: MOE, MIA" "show co-executors"
expect_contains "$OUT" "The register covers schools and camps." "show description"
run 0 show '#2' --format json
expect_contains "$OUT" '"labels": ["safety", "inspections"]' "show json"

# add prints the new id and commits once
before=$(commits)
run 0 add --title "Рейд по школам Алматы" --lead MOE --co MOH,MIA --due 2026-04-01 --label safety,raid --description "Line one
Line two"
expect_eq "$OUT" 5 "add prints the new id"
expect_eq "$(commits)" $((before + 1)) "add makes one commit"
expect_eq "$(last_subject)" "Add #5: Рейд по школам Алматы" "add subject"
expect_eq "$(git --git-dir="$BOARD" log -1 --format=%an main)" "Saule Secretary" "author is the acting member's name"
expect_eq "$(git --git-dir="$BOARD" log -1 --format=%ae main)" "sec@example.kz" "author email from board.conf"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Card: 5
Op: add" "trailers"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/5.card | head -8 | tr '\n' '|')" \
	"title: Рейд по школам Алматы|column: todo|rank: k01|lead: MOE|co: MOH, MIA|due: 2026-04-01|labels: safety, raid|archived: no|" \
	"the canonical card text"

# move: one commit, plain words, only the moved card's file
run 0 move 5 in-progress
expect_eq "$(last_subject)" "Move #5 from To do to In progress" "move subject"
expect_eq "$(git --git-dir="$BOARD" show --format= --name-only main)" "cards/00/5.card" "a move rewrites one file"
run 0 list --column in-progress
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ' | tr '\n' ' ')" "#2 #5 " "moved to the bottom"
run 0 move 5 in-progress --before 2
run 0 list --column in-progress
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ' | tr '\n' ' ')" "#5 #2 " "--before places it above"
expect_eq "$(last_subject)" "Reorder #5 in In progress" "reorder subject"
run 0 move 4 in-progress --after 5
run 0 list --column in-progress
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-6 | tr -d ' ' | tr '\n' ' ')" "#5 #4 #2 " "--after places it below"
run 0 board
expect_contains "$OUT" "In progress (3 of limit 2, over the limit)" "over the WIP limit shows"

# assign
run 0 assign 1 --lead MOE --co MIA --reason "MOE owns the register now"
expect_eq "$(last_subject)" "Reassign #1 lead from MOH to MOE; co-executors −MOE" "reassign subject: what came and went"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "lead: MOH -> MOE
co: −MOE" "field changes in the body"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: MOE owns the register now" "reason trailer"
run 0 assign 1 --lead MOH
expect_eq "$(last_subject)" "Reassign #1 lead from MOE to MOH" "issue's subject form"

# edit: a one-field change is a one-line diff
run 0 edit 1 --due 2026-02-15 --reason "new deadline"
expect_eq "$(last_subject)" "Change #1 due date from 2026-01-30 to 2026-02-15" "due subject"
expect_eq "$(git --git-dir="$BOARD" show --format= --numstat main)" "1	1	cards/00/1.card" "one-line diff"
run 0 edit 1 --title "Form the register of special-control facilities" --label safety,register
expect_eq "$(last_subject)" "Edit #1: title, labels" "edit subject"
run 0 edit 1 --due none --reason "new deadline"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | sed -n 6p)" "due:" "due cleared"

# note
run 0 note 1 "Ministry confirmed the list of camps.
Second line."
expect_eq "$(last_subject)" "Add a note to #1" "note subject"
run 0 show 1
expect_contains "$OUT" "Notes" "notes section"
expect_contains "$OUT" "    Ministry confirmed the list of camps." "note text"
expect_contains "$OUT" " sec" "note author"
expect_contains "$OUT" "Saule Secretary, sec" "a note's author by name, as everywhere else"
# The first admin of a board made by init is named by login: the note says it once.
"$COBOARD_BIN" --user founder init "$T/founded.git" >/dev/null
"$COBOARD_BIN" --board "$T/founded.git" --user founder note 1 "First note." >/dev/null
expect_eq "$("$COBOARD_BIN" --board "$T/founded.git" show 1 | sed -n '/^Notes/{n;p;}' | cut -d' ' -f5-)" \
	"founder" "a member whose name is the login is named once"

# archive
run 0 archive 4 --reason "merged into #1"
expect_eq "$(last_subject)" "Archive #4: Information campaign" "archive subject"
run 0 list
expect_not_contains "$OUT" "#4 " "archived cards leave the list"
run 0 list --archived
expect_contains "$OUT" "[archived]" "--archived shows them"
run 1 archive 4
expect_contains "$ERR" "already archived" "archiving twice"

# log: field by field, newest first, from the index
run 0 log
expect_eq "$(printf "%s\n" "$OUT" | head -1 | cut -c18-)" "Saule Secretary  #4     archived    no -> yes  $(git --git-dir="$BOARD" rev-parse --short=7 main)  reason: merged into #1" "newest log row"
run 0 log 1 --format csv
expect_contains "$OUT" '"Saule Secretary","sec@example.kz","1","lead","MOE","MOH"' "log csv"
run 0 log --agency AKM
expect_eq "$(printf '%s\n' "$OUT" | awk '{print $4}' | sort -u)" "#3" "log by agency"
run 0 log --since 2020-01-01 --format json
expect_contains "$OUT" '"field": "due", "old": "2026-01-30", "new": "2026-02-15"' "log json"
run 0 history 1 --field responsibility
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 5 "responsibility changes of #1 (2 reassigns, 2 co lines, creation)"

# search (FTS5, prefix, Cyrillic case folded)
run 0 search camps
expect_contains "$OUT" "#1" "search finds notes"
run 0 search рейд
expect_contains "$OUT" "#5" "Cyrillic search folds case"
run 0 search regist
expect_contains "$OUT" "#1" "prefix search"

# fsck and reindex
run 0 fsck
expect_contains "$OUT" "fsck: ok, 5 cards" "fsck clean"
run 0 list
before_list=$OUT
run 0 reindex
run 0 list
expect_eq "$OUT" "$before_list" "reindex keeps list identical"

# help
run 0 --help
expect_contains "$OUT" "usage: coboard" "program help"
for c in init board list show add move assign edit note archive log history search member fsck reindex; do
	run 0 "$c" --help
	expect_contains "$OUT" "usage: coboard $c" "help for $c"
done
echo ok
