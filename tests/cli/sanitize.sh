# User text is data: escape sequences in a title never reach the terminal raw, from any
# command; Kazakh and Russian titles round-trip and line up by display width.
. "$(dirname "$0")/../lib.sh"
new_board
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')
commit_outside cards/00/8.card "title: Clear ${ESC}[2J screen ${ESC}]0;owned${BEL} and ${RLO}reversed
column: todo
rank: z
lead: MOE
co:
due:
labels:
archived: no

Description with ${ESC}[31mred${ESC}[0m text
" "A hostile title"

for cmd in "board" "list" "show 8" "show 8 --format json" "list --format csv" "list --format json" \
	"log" "log --format csv" "log --format json" "history 8" "search Clear"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	case "$OUT$ERR" in
	*"$ESC"* | *"$BEL"* | *"$RLO"*) fail "coboard $cmd sent a raw control character" ;;
	esac
done
run 0 show 8
expect_contains "$OUT" "Clear ^[[2J screen ^[]0;owned^G and <U+202E>reversed" "escapes shown visibly"
expect_contains "$OUT" "Description with ^[[31mred^[[0m text" "description escaped"
run 0 show 8 --format json
expect_contains "$OUT" '"title": "Clear \u001b[2J screen \u001b]0;owned\u0007 and \u202ereversed"' "JSON escapes"
run 0 list --format csv
expect_contains "$OUT" '"Clear ^[[2J screen' "CSV escapes"

# Error messages that echo user input are sanitized too.
run 2 show "1${ESC}[2J"
case "$ERR" in *"$ESC"*) fail "an error message sent a raw ESC" ;; esac
expect_contains "$ERR" "^[[2J" "error message shows the escape"

# Kazakh, Russian and wide characters: the columns after the title line up by display width.
run 0 add --title "Қазақстан балалары: өңірлік департамент" --lead AKM
run 0 add --title "Дети Казахстана — региональный департамент защиты прав детей" --lead MOE
run 0 add --title "儿童权利保护部门的建立与运作情况报告" --lead MOH
run 0 show 9
expect_contains "$OUT" "#9  Қазақстан балалары: өңірлік департамент" "Kazakh round-trips"
expect_eq "$(git --git-dir="$BOARD" show main:cards/00/10.card | head -1)" "title: Дети Казахстана — региональный департамент защиты прав детей" "Russian stored as UTF-8"
run 0 list
# The lead code starts at the same display column on every row.
printf '%s\n' "$OUT" | grep -v '^#8' | while IFS= read -r line; do
	prefix=${line%%  [A-Z][A-Z]*}
	width=$(printf '%s' "$prefix" | wc -L)
	echo "$width"
done | sort -u >"$T/widths"
expect_eq "$(wc -l <"$T/widths" | tr -d ' ')" 1 "every row's lead starts at one display column ($(tr '\n' ' ' <"$T/widths"))"
COLUMNS=80 run 0 board
expect_contains "$OUT" "Дети Казахстана — региональный департамент защиты…  MOE" "cut by display width with an ellipsis"
run 0 board
expect_contains "$OUT" "Дети Казахстана — региональный департамент защиты прав детей  MOE" \
	"in a pipe the title is whole"
# Invisible and direction-changing characters are shown, never passed: marks, zero-width
# characters, separators, the byte-order mark.
for cp in '\342\200\216:200E' '\342\200\217:200F' '\342\200\213:200B' '\342\200\215:200D' \
	'\342\200\250:2028' '\342\200\251:2029' '\357\273\277:FEFF' '\342\201\240:2060' \
	'\330\234:061C' '\302\255:00AD'; do
	raw=$(printf "${cp%%:*}")
	commit_outside cards/00/7.card "title: Hidden${raw}text
column: todo
rank: y
lead: MOE
co:
due:
labels:
archived: no
" "An invisible character"
	for cmd in "show 7" "list" "list --format csv" "show 7 --format json"; do
		# shellcheck disable=SC2086
		run 0 $cmd
		case "$OUT" in *"$raw"*) fail "coboard $cmd passed U+${cp#*:} raw" ;; esac
	done
	run 0 show 7
	expect_contains "$OUT" "Hidden<U+${cp#*:}>text" "U+${cp#*:} shown visibly"
done

# CSV that a spreadsheet would run as a formula is written as text.
run 0 add --title "=HYPERLINK(\"http://x\",\"y\")" --lead MOE --label "@cmd"
formula=$OUT
run 0 note "$formula" "+1 agreed"
run 0 list --format csv
expect_contains "$OUT" "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "a formula title is text"
expect_contains "$OUT" "\"'@cmd\"" "a formula label is text"
run 0 log "$formula" --format csv
expect_contains "$OUT" "\"'+1 agreed\"" "a formula note is text"
expect_contains "$OUT" "\"$formula\"" "every field is quoted"

# A label % is a label, not a wildcard.
run 0 add --title "Percent" --lead MOE --label "%"
run 0 list --label %
expect_contains "$OUT" "Percent" "the label % matches its card"
expect_not_contains "$OUT" "Form the register" "and no other"

# Minutes are Markdown that user text cannot break.
run 0 meeting start "Weekly"
run 0 note 1 "$(printf 'Decided:\n---\n# Not a heading\n<script>x</script>\n1. not a list')"
run 0 meeting end
minutes=$(git --git-dir="$BOARD" show "main:$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Minutes: //p')")
expect_contains "$minutes" "- #1: Decided:
  \---
  \# Not a heading
  \<script\>x\</script\>
  1\. not a list" "a multi-line decision stays inside its item"
expect_not_contains "$minutes" "<script>" "no raw HTML"
case "$minutes" in *"$ESC"*) fail "a raw ESC in the minutes" ;; esac

echo ok
