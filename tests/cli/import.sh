# The control matrix comes in: spreadsheets as LibreOffice and Excel save them (CSV with a
# BOM and CRLF, quotes and line breaks inside cells, semicolons; TSV), headers in English,
# Russian and Kazakh; a broken file imports nothing and names every broken row; importing the
# same file again adds nothing, and --update applies the differences, each with a reason.
. "$(dirname "$0")/../lib.sh"
export COBOARD_TODAY=2026-03-10
new_board
printf '\357\273\277No.,Instruction,Lead,Co-executors,Deadline,Labels,Description\r\n' >"$T/en.csv"
printf '1,"Inspect schools, ""Safe school"" programme",moe,"MOH, MIA",31.03.2026,safety,"First line\r\nsecond line"\r\n' >>"$T/en.csv"
printf '2,Open family centres,Ministry of Healthcare,,+2m,,\r\n' >>"$T/en.csv"
CB_USER=sec run 0 import "$T/en.csv" --dry-run
expect_contains "$OUT" "line 2: new card: Inspect schools, \"Safe school\" programme" "dry-run shows each row, quotes kept"
expect_contains "$OUT" "line 4: new card: Open family centres  MOH, due 2026-05-10" "a row after a cell with a line break has its own line; a name becomes the code; +2m counts from today"
expect_eq "$(commits)" 1 "a dry run writes nothing"
n=$(commits)
CB_USER=moe run 1 import "$T/en.csv"
expect_contains "$ERR" "moe may not import" "a member does not import"
CB_USER=sec run 0 import "$T/en.csv"
expect_contains "$OUT" "imported en.csv: 2 new, 0 changed, 0 as they were" "the import says what it did"
expect_eq "$(commits)" "$((n + 1))" "one commit for the whole file"
expect_eq "$(last_subject)" "Import 2 items from en.csv" "named for the file"
id=$(cb list --format csv | grep 'Inspect schools' | cut -d, -f1 | tr -d '"')
s=$(cb show "$id")
expect_contains "$s" "Co-executors: MOH, MIA" "co-executors by code in any case"
expect_contains "$s" "Due:          2026-03-31" "dates as people write them"
expect_contains "$s" "Source:       item 1, en.csv" "each card keeps its item number and source"
expect_contains "$s" "second line" "a line break inside a cell stays in the description"
expect_contains "$(cb search en.csv)" "Inspect schools" "the source is searchable"

# Again: nothing new; a change is listed, and applied only with --update, with a reason.
CB_USER=sec run 0 import "$T/en.csv"
expect_contains "$OUT" "0 new, 0 changed, 2 as they were" "the same file again adds nothing"
expect_eq "$(commits)" "$((n + 1))" "and commits nothing"
sed -i 's/31.03.2026/15.04.2026/' "$T/en.csv"
CB_USER=sec run 0 import "$T/en.csv"
expect_contains "$OUT" "differs (changed with --update): due 2026-03-31 -> 2026-04-15" "a difference is listed"
expect_contains "$(cb show "$id")" "Due:          2026-03-31" "and not applied silently"
CB_USER=sec run 0 import "$T/en.csv" --update
expect_contains "$OUT" "0 new, 1 changed, 1 as they were" "--update applies it"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: import of en.csv, item 1" "as its own change, with the reason"

# Russian, semicolons (Excel in a Russian locale); Kazakh, TSV.
printf '№;Поручение;Головной исполнитель;Соисполнители;Срок исполнения\n7;Открыть центры поддержки;МОН;;30.04.2026\n' >"$T/ru.csv"
CB_USER=sec run 1 import "$T/ru.csv"
expect_contains "$ERR" "line 2, column lead: unknown agency 'МОН'; the closest codes:" "an unknown agency names the closest codes"
expect_contains "$ERR" "nothing was imported" "and nothing is imported"
sed -i 's/МОН/MOE/' "$T/ru.csv"
CB_USER=sec run 0 import "$T/ru.csv" --source "Government meeting of January 2026"
expect_contains "$(cb list)" "Открыть центры поддержки" "Russian headers are read"
expect_contains "$(cb search January)" "Открыть центры поддержки" "with the source given"
printf 'Тармақ\tТапсырма\tБас орындаушы\tОрындау мерзімі\n1\tАта-аналармен жұмыс\tMOH\t+5wd\n' >"$T/kk.tsv"
CB_USER=sec run 0 import "$T/kk.tsv"
expect_contains "$(cb list)" "Ата-аналармен жұмыс" "Kazakh headers and TSV are read"
# The headers Kazakh ministries' matrices use ("Жауапты", "Мерзімі"); a problem names its
# column in the reader's language.
printf '№;Тапсырма;Жауапты;Бірлесіп орындаушылар;Мерзімі\n7;Қауіпсіздік аудиті;MOE;MOH, MIA;31.03.2027\n8;Екінші;XYZ;;\n' >"$T/kk2.csv"
LC_ALL=kk_KZ.UTF-8 CB_USER=sec run 1 import "$T/kk2.csv"
expect_contains "$ERR" "3-жол, жетекші бағаны: белгісіз мекеме 'XYZ'" "the lead's column named in Kazakh"
sed -i '$d' "$T/kk2.csv"
CB_USER=sec run 0 import "$T/kk2.csv"
expect_contains "$(cb list --format csv | grep 'Қауіпсіздік аудиті')" '"MOE","MOH MIA","2027-03-31"' \
	"Жауапты, Бірлесіп орындаушылар and Мерзімі read as lead, co-executors and deadline"

# A broken file: every broken row named, nothing imported.
printf 'No.,Instruction,Lead,Deadline\n1,Good row,MOE,2026-05-01\n2,,MOE,2026-05-01\n3,Bad date,MOE,2026-02-30\n4,Bad lead,XYZ,\n4,Twice,MOE,\n' >"$T/bad.csv"
n=$(commits)
CB_USER=sec run 1 import "$T/bad.csv"
expect_contains "$ERR" "line 3, column instruction: the instruction is empty" "an empty instruction is named"
expect_contains "$ERR" "line 4, column deadline: '2026-02-30' is not a real date" "a date that does not exist"
expect_contains "$ERR" "line 5, column lead: unknown agency 'XYZ'" "an unknown lead"
expect_contains "$ERR" "line 6, column No.: item 4 is also on line 5" "an item number twice"
expect_contains "$ERR" "the file has 4 problems" "all of them, counted"
expect_eq "$(commits)" "$n" "nothing of the file was imported"
printf 'No.,Title\n1,x\n' >"$T/nolead.csv"
CB_USER=sec run 1 import "$T/nolead.csv"
expect_contains "$ERR" "names no lead column" "a header without a lead column is named"
printf 'No.,Instruction,Lead\n1,\377\376,MOE\n' >"$T/latin.csv"
CB_USER=sec run 1 import "$T/latin.csv"
expect_contains "$ERR" "the file is not UTF-8" "a file in another encoding is named, with the way out"
# The source is the coordinator's to record.
CB_USER=sec run 0 edit "$id" --item 1.1 --source "Protocol No. 3" --reason "renumbered"
expect_contains "$(cb show "$id")" "Source:       item 1.1, Protocol No. 3" "edit sets the item and source"
CB_USER=moe run 1 edit "$id" --source "mine"
expect_contains "$ERR" "only the coordinator's office records where an instruction comes from" "a member does not"
run 0 fsck
echo ok
