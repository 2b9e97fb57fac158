# Requests and decisions between two offices: filed on both sides, they merge as a set (none
# lost, each once in history by its author); one request decided differently on each side
# keeps both decisions and is listed as a conflict, never decided silently.
. "$(dirname "$0")/../lib.sh"
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
echo "member: akm | Askar Akimat | akm@example.kz | member | AKM" >>"$T/def/board.conf"
echo "member: sec2 | Second Secretary | sec2@example.kz | secretary |" >>"$T/def/board.conf"
"$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null
A="$BOARD"
B="$T/akmola.git"
ca() { "$COBOARD_BIN" --board "$A" --user "${CB_USER:-sec}" "$@"; }
cbb() { "$COBOARD_BIN" --board "$B" --user "${CB_USER:-sec}" "$@"; }
CB_USER=admin ca site astana >/dev/null
CB_USER=admin ca site akmola 2 >/dev/null
CB_USER=sec ca assign 2 --co AKM --reason "the akimat helps" >/dev/null
git clone -q --bare "$A" "$B"
CB_USER=admin cbb hook install >/dev/null
CB_USER=admin cbb site akmola >/dev/null
CB_USER=admin cbb remote add astana "$A" >/dev/null

# Filed apart: Astana's lead asks for time, Akmola's co-executor sends its part.
CB_USER=moe ca extend 2 --to 2026-06-30 --reason "asked in Astana" >/dev/null
asked=$(git --git-dir="$A" log -1 --format=%B main | sed -n 's/^Request: //p')
CB_USER=akm cbb submit 2 "Akmola's part, sent in Akmola" >/dev/null
out=$(cbb sync astana)
expect_contains "$out" "merged" "the two offices' requests merge"
for board in "$A" "$B"; do
	s=$("$COBOARD_BIN" --board "$board" --user sec show 2)
	expect_contains "$s" "extension asked: " "both boards hold the extension asked"
	expect_contains "$s" "co-executors: 1 of 1 reported" "and the part sent"
	h=$("$COBOARD_BIN" --board "$board" --user sec history 2)
	expect_eq "$(printf '%s\n' "$h" | grep -c 'asked in Astana')" 1 "the request once in history"
	expect_contains "$(printf '%s\n' "$h" | grep 'asked in Astana')" "Marat Educator" "by its author"
done
expect_eq "$(git --git-dir="$A" rev-parse 'main^{tree}')" "$(git --git-dir="$B" rev-parse 'main^{tree}')" \
	"both boards hold the same tree"

# Decided apart, differently: both decisions are kept and listed, none wins silently.
CB_USER=sec ca grant "$asked" >/dev/null
CB_USER=sec2 cbb refuse "$asked" --reason "refused in Akmola" >/dev/null
cbb sync astana >/dev/null
for board in "$A" "$B"; do
	c=$("$COBOARD_BIN" --board "$board" --user sec conflicts)
	expect_contains "$c" "request $asked decided twice:" "conflicts lists the double decision"
	expect_contains "$c" "granted by sec (" "with one decision"
	expect_contains "$c" "refused by sec2 (" "and the other"
	expect_contains "$c" "coboard revert" "and how to settle it"
done
echo ok
