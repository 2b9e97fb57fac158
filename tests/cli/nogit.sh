# A machine whose libgit2 will not load (a broken upgrade): reads the index answers still
# work; a change says why it cannot be made and how to put it right, exits 1 and writes
# nothing; the app says so before it takes the terminal. The library coboard loads is
# shadowed by an empty one of the same name, which lacks every function.
. "$(dirname "$0")/../lib.sh"
command -v cc >/dev/null || fail "no C compiler to build the stand-in library; run scripts/install-deps"
new_board
cb list >/dev/null # index the board while git loads
soname=$(strings "$COBOARD_BIN" | grep -m1 '^libgit2\.so')
[ -n "$soname" ] || fail "the binary names no libgit2 to load"
mkdir "$T/lib"
echo 'int coboard_stand_in;' >"$T/lib/empty.c"
cc -shared -fPIC -o "$T/lib/$soname" "$T/lib/empty.c"
tip=$(git --git-dir="$BOARD" rev-parse main)

export LD_LIBRARY_PATH="$T/lib"
run 0 list
expect_contains "$OUT" "Form the register of facilities" "list answers from the index without git"
run 1 note 1 "A note without git"
expect_contains "$ERR" "cannot load $soname" "a change names the library that will not load"
expect_contains "$ERR" "install the libgit2 package" "and the way out"
set +e
screen=$(COBOARD_SCREEN=80x24 COBOARD_KEYS=q "$COBOARD_BIN" --board "$BOARD" --user sec 2>&1)
status=$?
set -e
expect_eq "$status" 1 "the app exits 1"
expect_contains "$screen" "install the libgit2 package" "the app says why, on a terminal it did not take"
unset LD_LIBRARY_PATH

expect_eq "$(git --git-dir="$BOARD" rev-parse main)" "$tip" "nothing was committed"
run 0 show 1
expect_not_contains "$OUT" "A note without git" "and the card is as it was"
run 0 fsck
echo ok
