# The pre-receive hook `init` installs: pushes made with plain git pass coboard's own checks
# or are refused naming the file and the line, and nothing of a refused push is taken.
. "$(dirname "$0")/../lib.sh"
new_board
[ -x "$BOARD/hooks/pre-receive" ] || fail "init installs an executable pre-receive hook"
rm "$BOARD/hooks/pre-receive"
run 1 hook install
expect_contains "$ERR" "sec may not install the board's hook" "only an admin installs the hook"
[ ! -e "$BOARD/hooks/pre-receive" ] || fail "a refused install writes nothing"
CB_USER=admin run 0 hook install
expect_contains "$OUT" "installed the pre-receive hook" "a board made without it gets it"
[ -x "$BOARD/hooks/pre-receive" ] || fail "hook install makes it executable"
git clone -q "$BOARD" "$T/clerk"
clerk() { git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz "$@"; }
# push_refused WHAT NEEDLE: the clerk's last commit is refused with NEEDLE in the message.
push_refused() {
	tip=$(git --git-dir="$BOARD" rev-parse main)
	set +e
	clerk push -q origin main 2>"$T/push.err"
	status=$?
	set -e
	[ "$status" -ne 0 ] || fail "$1: the push went through"
	expect_contains "$(cat "$T/push.err")" "$2" "$1: the refusal names the problem"
	expect_eq "$(git --git-dir="$BOARD" rev-parse main)" "$tip" "$1: the board did not move"
	clerk reset -q --hard origin/main
}

sed -i '2a colour: red' "$T/clerk/cards/00/2.card"
clerk commit -qam "An unknown field"
push_refused "an unknown field" "cards/00/2.card: line 3: unknown field 'colour'"

sed -i 's/^lead: .*/lead: XYZ/' "$T/clerk/cards/00/2.card"
clerk commit -qam "An unknown agency"
push_refused "an unknown agency" "cards/00/2.card: unknown agency 'XYZ'"

cp "$T/clerk/cards/00/2.card" "$T/clerk/cards/999999999.card"
clerk add cards/999999999.card
clerk commit -qm "An absurd id"
push_refused "an absurd id" "cards/999999999.card: the id is out of range"

{ cat "$FIXTURE/cards/2.card"; printf -- '--- note 2026-03-01T10:00:00Z clerk\n'; head -c 1200000 /dev/zero | tr '\0' 'x'; echo; } >"$T/clerk/cards/00/2.card"
clerk commit -qam "A card over the size limit"
push_refused "a huge card" "cards/00/2.card: 1"

printf 'column: broken line without bars\n' >>"$T/clerk/board.conf"
clerk commit -qam "A broken board.conf"
push_refused "a broken board.conf" "board.conf: line"

# A good push goes through, and coboard shows it.
sed -i 's/^title: .*/title: Inspections, by the clerk/' "$T/clerk/cards/00/2.card"
clerk commit -qam "A good change"
clerk push -q origin main
run 0 show 2
expect_contains "$OUT" "Inspections, by the clerk" "a valid push is taken"
echo ok
