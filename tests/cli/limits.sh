# Limits that keep a board usable whatever is pushed: a huge card blob is reported and never
# loaded; notes stop at the card limit with a message; absurd board.conf lines leave the last
# valid board.conf in use with a warning; a board.conf with many members
# (COBOARD_TEST_MEMBERS, default 20000) works.
. "$(dirname "$0")/../lib.sh"
new_board

# A 64 MB card of one repeated line compresses to almost nothing in git.
rm -rf "$T/clone"
git clone -q "$BOARD" "$T/clone"
{ sed -n '1,9p' "$FIXTURE/cards/4.card"; echo; head -c 67108864 /dev/zero | tr '\0' 'x'; echo; } \
	>"$T/clone/cards/00/4.card"
git -C "$T/clone" -c user.name=Clerk -c user.email=c@example.kz commit -qam "A huge card"
push_unchecked "$T/clone"
rm -rf "$T/clone"
# Under a memory limit far below the blob's size, every command still works (AddressSanitizer
# reserves terabytes of address space, so its build runs without the limit).
limited() {
	if nm -an "$COBOARD_BIN" 2>/dev/null | grep -q __asan_init; then
		cb "$@"
	else
		( ulimit -v 400000 && cb "$@" )
	fi
}
limited list >"$T/out" 2>"$T/err" || fail "list under a memory limit: $(cat "$T/err")"
expect_contains "$(cat "$T/out")" "Form the register" "the other cards list"
expect_not_contains "$(cat "$T/out")" "#4 " "the huge card is left out"
set +e
limited fsck >"$T/out" 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "fsck reports the huge card"
expect_contains "$(cat "$T/err")" "cards/00/4.card: 671089" "naming its size"
expect_contains "$(cat "$T/err")" "bytes, over the limit of 1024 KiB" "and the limit"
run 1 note 4 "On a huge card"
expect_contains "$ERR" "no card #4" "the huge card cannot be written to"
run 0 reindex

# Notes stop at the limit, with a message that says so; nothing half-written.
note=$(head -c 45000 /dev/urandom | base64 -w 0)
i=0
while cb note 1 "$i $note" >/dev/null 2>"$T/err"; do
	i=$((i + 1))
	[ "$i" -lt 40 ] || fail "notes never hit the card limit"
done
expect_contains "$(cat "$T/err")" "over the limit of 1024 KiB for a card with its notes" "the limit is named"
run 1 fsck # the huge card above is still reported
expect_not_contains "$ERR" "cards/00/1.card" "the card at its limit is whole"

# A board.conf pushed with a bad line: the board goes on with the last valid one, every command
# warns, fsck names the line.
rm -rf "$T/clone"
git clone -q "$BOARD" "$T/clone"
printf 'member: broken line\n' >>"$T/clone/board.conf"
git -C "$T/clone" -c user.name=Clerk -c user.email=c@example.kz commit -qam "A bad board.conf"
push_unchecked "$T/clone"
run 0 list
expect_contains "$OUT" "Form the register" "the board still lists"
expect_contains "$ERR" "warning: board.conf: line" "and warns"
CB_USER=admin run 0 member list
expect_contains "$OUT" "sec" "member commands still work"
run 1 fsck
expect_contains "$ERR" "board.conf: line" "fsck names the line"
run 0 note 2 "Still writable"
git -C "$T/clone" pull -q
sed -i '$d' "$T/clone/board.conf"
git -C "$T/clone" -c user.name=Clerk -c user.email=c@example.kz commit -qam "Fixed"
git -C "$T/clone" push -q origin main
run 0 list
expect_not_contains "$ERR" "board.conf" "the warning goes once fixed"

# Many members: one line each, linear to check.
members=${COBOARD_TEST_MEMBERS:-20000}
git -C "$T/clone" pull -q
awk -v n="$members" 'BEGIN { for (i = 1; i <= n; i++)
	printf "member: user%d | User %d | u%d@example.kz | viewer |\n", i, i, i }' >>"$T/clone/board.conf"
git -C "$T/clone" -c user.name=Clerk -c user.email=c@example.kz commit -qam "Many members"
# Pushed by this board's admin, the members are in force here at once.
COBOARD_PUSHER=admin git -C "$T/clone" push -q origin main
run 0 list
expect_not_contains "$ERR" "board.conf" "a board of $members members is valid"
CB_USER="user$members" run 0 show 1
CB_USER=admin run 0 member list
expect_contains "$OUT" "user$members" "the last member is listed"
echo ok
