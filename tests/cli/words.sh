# Words a person would use: dates as they are written there, agency codes in any case,
# columns by name, a co-executor change as what came and went, one line per write, whole
# titles in a pipe, one time format, and minutes a chairman would sign.
. "$(dirname "$0")/../lib.sh"
new_board

# Dates: 31.12.2026 as well as 2026-12-31, in the CLI and in history queries.
run 0 edit 1 --due 31.12.2026 --reason "new deadline"
expect_eq "$OUT" "Change #1 due date from 2026-01-30 to 2026-12-31 ($(git --git-dir="$BOARD" rev-parse --short=7 main))" \
	"a write says what it did in one line"
run 0 show 1
expect_contains "$OUT" "Due:          2026-12-31" "stored as YYYY-MM-DD"
run 2 log --since 31.02.2026
expect_contains "$ERR" "'31.02.2026' is not a real date; write it as YYYY-MM-DD or DD.MM.YYYY" "a bad date named"
run 1 list --at 31.02.2026
expect_contains "$ERR" "'31.02.2026' is not a real date" "a bad DD.MM.YYYY day is named as a date, not as a commit"
run 0 log --since 01.01.2020 --format csv
expect_contains "$OUT" "2026-12-31" "a DD.MM.YYYY date works in --since"

# Agency codes in any case, columns by key or by name.
before_assign=$(git --git-dir="$BOARD" rev-parse main)
run 0 assign 1 --lead moe --co "mia, akm"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/1.card | sed -n 4,5p | tr '\n' '|')" "lead: MOE|co: MIA, AKM|" \
	"codes stored as the board spells them"
expect_eq "$(last_subject)" "Reassign #1 lead from MOH to MOE; co-executors +AKM −MOE" \
	"a co-executor change is what came and went"
run 0 move 1 "In progress"
expect_eq "$(last_subject)" "Move #1 from To do to In progress" "a column by its name"
run 0 list --column "in progress" --agency akm
expect_eq "$(printf '%s\n' "$OUT" | cut -c1-3)" "#1 " "filters take names and codes in any case"

# The same words everywhere: history, the report, changes since.
run 0 history 1 --field responsibility
expect_contains "$OUT" "+AKM −MOE" "history words it so"
run 0 report --since 2000-01-01 --agency AKM
expect_contains "$OUT" "#1 co: +AKM −MOE" "the report too"
run 0 report --since 2000-01-01 --agency MIA
expect_not_contains "$OUT" "#1 co: +AKM" "an agency that stayed a co-executor is not counted as changed"
run 0 changes --since "$before_assign"
expect_contains "$OUT" "+AKM −MOE" "and changes since"

# Titles are whole in a pipe; notes show the time as everything else does.
long="A title long enough to be cut on a screen: it goes on and on past fifty columns"
cb add --title "$long" --lead MOE >/dev/null
run 0 list
expect_contains "$OUT" "$long" "list in a pipe keeps the whole title"
run 0 board
expect_contains "$OUT" "$long" "so does board"
run 0 note 2 "Checked"
run 0 show 2
expect_contains "$OUT" "$(date -u +%Y-%m-%d) " "a note's time is local YYYY-MM-DD HH:MM"
expect_not_contains "$OUT" "Z sec" "not the stored ISO form"

# Minutes a chairman would sign.
run 0 meeting start "Weekly coordination"
run 0 move 4 blocked --reason "no list yet"
run 0 move 4 in-progress
run 0 note 4 "Decision: start on Monday"
CB_USER=moe run 0 note 2 "Schools listed"
run 0 meeting end
minutes=$(git --git-dir="$BOARD" show "main:$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Minutes: //p')")
expect_contains "$minutes" "- Took part: Saule Secretary, Marat Educator" "who took part"
expect_contains "$minutes" "| #4 | Information campaign | MOE | To do -> In progress; 1 note |" \
	"each card's net result, by column names"
expect_contains "$minutes" "- #4: Decision: start on Monday (on: Information campaign)" "a decision with its card"
expect_contains "$minutes" "## Appendix: every change, by agency" "the raw sequence in an appendix"
expect_contains "$minutes" "column To do -> Blocked (reason: no list yet)" "with column names there too"

# A title longer than the changes column stays whole in a pipe.
long="A title long enough to be cut on a screen of eighty columns, kept whole in a pipe"
CB_USER=sec cb add --title "$long" --lead MOE >/dev/null
expect_contains "$(cb changes --since 2000-01-01)" "$long" "changes keeps whole titles in a pipe"

# A long id never runs into the next column: the id column widens for every row.
mkdir -p "$T/ids"
cp -r "$FIXTURE"/* "$T/ids/"
cp "$FIXTURE/cards/4.card" "$T/ids/cards/12345.card"
"$COBOARD_BIN" --user admin init "$T/ids.git" --from "$T/ids" >/dev/null
ids=$("$COBOARD_BIN" --board "$T/ids.git" --user sec list)
expect_contains "$ids" "#12345 todo " "a five-digit id and its column apart"
expect_contains "$ids" "#4     todo " "the other rows widened with it"
echo ok
