# User text is data: escape sequences in a title never reach the terminal raw, from any
# command; Kazakh and Russian titles round-trip and line up by display width.
. "$(dirname "$0")/../lib.sh"
new_board
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')
commit_outside cards/8.card "title: Clear ${ESC}[2J screen ${ESC}]0;owned${BEL} and ${RLO}reversed
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
expect_eq "$(git --git-dir="$BOARD" show main:cards/10.card | head -1)" "title: Дети Казахстана — региональный департамент защиты прав детей" "Russian stored as UTF-8"
run 0 list
# The lead code starts at the same display column on every row.
printf '%s\n' "$OUT" | grep -v '^#8' | while IFS= read -r line; do
	prefix=${line%%  [A-Z][A-Z]*}
	width=$(printf '%s' "$prefix" | wc -L)
	echo "$width"
done | sort -u >"$T/widths"
expect_eq "$(wc -l <"$T/widths" | tr -d ' ')" 1 "every row's lead starts at one display column ($(tr '\n' ' ' <"$T/widths"))"
run 0 board
expect_contains "$OUT" "Дети Казахстана — региональный департамент защиты…  MOE" "cut by display width with an ellipsis"
echo ok
