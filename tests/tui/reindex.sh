# A board whose index is missing (the first start after an upgrade, or a deleted index) opens
# with its indexing shown, never a silent wait, then the board; a small catch-up shows nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
BOARD="$T/big.git"
"$top/scripts/gen-board" "$BOARD" 40 800 >/dev/null
[ ! -e "$BOARD/coboard/index.sqlite" ] || fail "the generated board has no index yet"
start_app 100 30
keys q
wait_for "EXITED 0" "the app quits"
expect_contains "$(screen)" "indexing the board [########################################] 800/800" \
	"the indexing was shown before the board, to the last commit"
[ -s "$BOARD/coboard/index.sqlite" ] || fail "the index was written"

# Ten new commits behind the index: opened at once, no progress line.
for i in 1 2 3 4 5 6 7 8 9 10; do
	git --git-dir="$BOARD" commit-tree -p main -m "empty $i" "main^{tree}" >"$T/oid"
	git --git-dir="$BOARD" update-ref refs/heads/main "$(cat "$T/oid")"
done
start_app 100 30
keys q
wait_for "EXITED 0" "the app quits again"
expect_not_contains "$(screen)" "indexing the board" "a small catch-up is not announced"
echo ok
