# Reads work where writing is impossible; a mirror refuses writes and says where to make them;
# a failed read of the index is an error, never a short board.
. "$(dirname "$0")/../lib.sh"
new_board
cb note 1 "Before the mirror" >/dev/null

# A mirror made with git clone --mirror answers reads and refuses writes, naming the board.
git clone -q --mirror "$BOARD" "$T/mirror.git"
M() { "$COBOARD_BIN" --board "$T/mirror.git" --user sec "$@"; }
M list >"$T/out" 2>"$T/err" || fail "list on a mirror: $(cat "$T/err")"
expect_contains "$(cat "$T/out")" "Form the register" "the mirror lists the board"
set +e
M note 1 "Lost?" >"$T/out" 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "a write on a mirror fails"
expect_contains "$(cat "$T/err")" "is a mirror of $BOARD" "and says where the board is"
expect_eq "$(git --git-dir="$T/mirror.git" rev-list --count main)" "$(commits)" "nothing written"

# An index that cannot be written: list, show and history answer from git.
cp -r "$BOARD" "$T/frozen.git"
cb note 2 "After the copy" >/dev/null
rm -rf "$T/frozen.git/coboard"
F() { "$COBOARD_BIN" --board "$T/frozen.git" --user sec "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	# root writes through permissions: a read-only mount is the real thing.
	mkdir "$T/ro"
	mount -t tmpfs -o size=64m tmpfs "$T/ro"
	UNMOUNT="$T/ro"
	cp -r "$T/frozen.git" "$T/ro/board.git"
	mount -o remount,ro "$T/ro"
	F() { "$COBOARD_BIN" --board "$T/ro/board.git" --user sec "$@"; }
else
	chmod -R a-w "$T/frozen.git"
fi
F list >"$T/out" 2>"$T/err" || fail "list on a read-only board: $(cat "$T/err")"
expect_contains "$(cat "$T/out")" "Form the register" "a read-only board lists"
F show 1 >"$T/out" 2>"$T/err" || fail "show on a read-only board: $(cat "$T/err")"
expect_contains "$(cat "$T/out")" "Before the mirror" "show answers from git"
F history 1 >"$T/out" 2>"$T/err" || fail "history on a read-only board: $(cat "$T/err")"
expect_contains "$(cat "$T/out")" "Before the mirror" "history answers from git"
set +e
F note 1 "Cannot" >"$T/out" 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "a write on a read-only board fails"
[ -s "$T/err" ] || fail "and says why"
# The app opens it read-only, says so, and writes nothing.
. "$(dirname "$0")/../tmux.sh"
trap 'tm kill-server 2>/dev/null; [ -z "${UNMOUNT:-}" ] || umount "$UNMOUNT" 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT
board_rw=$BOARD
BOARD=$([ "$(id -u)" -eq 0 ] && echo "$T/ro/board.git" || echo "$T/frozen.git")
start_app 120 40
wait_for "read-only: " "the app says it is read-only"
keys L
sleep 0.5
expect_eq "$(git --git-dir="$BOARD" rev-list --count main)" "$(git --git-dir="$T/frozen.git" rev-list --count main)" \
	"nothing written from the app"
keys q
wait_for "EXITED 0" "the app quits"
BOARD=$board_rw
[ "$(id -u)" -eq 0 ] || chmod -R u+w "$T/frozen.git"

# A corrupt index: an error, or the whole board; never a short list.
cb list >"$T/whole"
sqlite3 "$BOARD/coboard/index.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
root=$(sqlite3 "$BOARD/coboard/index.sqlite" "SELECT rootpage FROM sqlite_master WHERE name = 'cards'")
page=$(sqlite3 "$BOARD/coboard/index.sqlite" "PRAGMA page_size")
# The b-tree page type of the cards table's root: no valid page has 0xFF there.
printf '\377' | dd of="$BOARD/coboard/index.sqlite" bs=1 seek=$(((root - 1) * page)) conv=notrunc \
	status=none
set +e
cb list >"$T/out" 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "a damaged index is an error: $(cat "$T/out")"
expect_contains "$(cat "$T/err")" "reindex" "naming the way out"
expect_eq "$(cat "$T/out")" "" "and no short board"
run 0 reindex
expect_eq "$(cb list)" "$(cat "$T/whole")" "reindex repairs it"
echo ok
