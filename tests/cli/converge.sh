# Three offices change one board apart (notes, moves, deadlines, new cards, and who may do
# what: members added and their roles changed by each office's own admin) and sync in a
# random order; COBOARD_TEST_CONVERGE steps (default 150). At the end every board holds the
# same tree, every note written, and each office's own authority: its admins' changes are in
# force there, the others' wait as proposals, and no office's admins changed another's.
. "$(dirname "$0")/../lib.sh"
new_board
A="$BOARD"
B="$T/office-b.git"
C="$T/office-c.git"
"$COBOARD_BIN" --board "$A" --user admin site ast >/dev/null
"$COBOARD_BIN" --board "$A" --user admin site akm 2 >/dev/null
"$COBOARD_BIN" --board "$A" --user admin site kar 3 >/dev/null
for x in "$B:akm" "$C:kar"; do
	git clone -q --bare "$A" "${x%%:*}"
	"$COBOARD_BIN" --board "${x%%:*}" --user admin hook install >/dev/null
	"$COBOARD_BIN" --board "${x%%:*}" --user admin site "${x##*:}" >/dev/null
done
board_of() { case $1 in a) echo "$A" ;; b) echo "$B" ;; c) echo "$C" ;; esac; }
for o in a b c; do
	for p in a b c; do
		[ "$o" = "$p" ] || git --git-dir="$(board_of "$o")" remote add "$p" "$(board_of "$p")"
	done
done
on() { # OFFICE USER ARGS...
	b=$(board_of "$1")
	u=$2
	shift 2
	"$COBOARD_BIN" --board "$b" --user "$u" "$@"
}

steps=${COBOARD_TEST_CONVERGE:-150}
awk -v n="$steps" 'BEGIN {
	srand(20261206)
	split("a b c", office, " ")
	split("todo in-progress done", column, " ")
	for (i = 1; i <= n; i++) {
		o = office[int(rand() * 3) + 1]
		r = rand()
		if (r < 0.30) printf "note %s %d %s-note-%d\n", o, int(rand() * 4) + 1, o, i
		else if (r < 0.42) printf "move %s %d %s\n", o, int(rand() * 4) + 1, column[int(rand() * 3) + 1]
		else if (r < 0.52) printf "due %s %d 2026-%02d-%02d\n", o, int(rand() * 4) + 1, int(rand() * 9) + 1, int(rand() * 27) + 1
		else if (r < 0.58) printf "add %s %s-card-%d\n", o, o, i
		else if (r < 0.66) printf "member %s %s-user-%d\n", o, o, i
		else if (r < 0.72) printf "role %s\n", o
		else {
			p = office[int(rand() * 3) + 1]
			if (p != o) printf "sync %s %s\n", o, p
		}
	}
}' >"$T/script"
: >"$T/notes"
: >"$T/members"
while read -r op o x y; do
	case $op in
	note) on "$o" sec note "$x" "$y" >/dev/null && echo "$y" >>"$T/notes" ;;
	move) on "$o" sec move "$x" "$y" --reason "step" >/dev/null ;;
	due) on "$o" sec edit "$x" --due "$y" --reason "step" >/dev/null ;;
	add) on "$o" sec add --title "$x" --lead MOE >/dev/null ;;
	member) on "$o" admin member add "$x" --role viewer >/dev/null && echo "$o $x" >>"$T/members" ;;
	role)
		# The office's own admin changes the role of one of its own members.
		last=$(grep "^$o " "$T/members" | tail -1 | cut -d' ' -f2)
		[ -z "$last" ] || on "$o" admin member set "$last" --role member --agency MOE >/dev/null
		;;
	sync) on "$o" sec sync "$x" >/dev/null 2>"$T/sync.err" ||
		fail "sync $o with $x: $(cat "$T/sync.err")" ;;
	esac
done <"$T/script"
for pair in "a b" "b c" "c a" "a b" "b c"; do
	# shellcheck disable=SC2086
	set -- $pair
	on "$1" sec sync "$2" >/dev/null
done
tree_a=$(git --git-dir="$A" rev-parse 'main^{tree}')
expect_eq "$(git --git-dir="$B" rev-parse 'main^{tree}')" "$tree_a" "b holds a's tree"
expect_eq "$(git --git-dir="$C" rev-parse 'main^{tree}')" "$tree_a" "c holds a's tree"
for o in a b c; do
	all=$(for id in 1 2 3 4; do on "$o" sec show "$id"; done)
	while read -r note; do
		expect_eq "$(printf '%s\n' "$all" | grep -c -x "    $note" || true)" 1 "$note on $o, once"
	done <"$T/notes"
	m=$(on "$o" admin member list)
	expect_eq "$(printf '%s\n' "$m" | grep -c ' admin ')" 1 "$o keeps its one admin"
	while read -r from login; do
		if [ "$from" = "$o" ]; then
			expect_contains "$m" "$login " "$o's own member $login is in force on $o"
		else
			expect_not_contains "$m" "$login " "$from's member $login is not in force on $o"
			expect_contains "$(on "$o" admin authority)" "$login joins as" "it waits as a proposal on $o"
		fi
	done <"$T/members"
	on "$o" sec fsck >/dev/null || fail "fsck on $o"
done
echo "ok: $(wc -l <"$T/script") steps, $(grep -c '^sync' "$T/script") syncs, $(wc -l <"$T/members") members"
