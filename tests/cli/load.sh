# Load: 8 writer processes of 250 changes each and 4 readers at once. Exactly 2,000 new
# commits, fsck clean, every change in the history, each card as its last write left it, and
# no reader ever saw an error or a half-written card.
. "$(dirname "$0")/../lib.sh"
new_board
# Eight cards, one per writer, so every change is a real change and the last one is known.
for w in 1 2 3 4 5 6 7 8; do
	cb add --title "Load card $w" --lead MOE >/dev/null
done
before=$(commits)
leads="MOH MIA AKM" # the cards start with MOE, so the first change is a change too
writer() { # worker card
	i=1
	while [ $i -le 250 ]; do
		lead=$(echo $leads | cut -d' ' -f$(( (i + $1) % 3 + 1 )))
		if ! cb assign "$2" --lead "$lead" >/dev/null 2>"$T/w.$1.err"; then
			echo "change $i: $(cat "$T/w.$1.err")" >"$T/failed.$1"
			return
		fi
		i=$((i + 1))
	done
}
reader() { # n
	while [ ! -f "$T/done" ]; do
		if ! out=$(cb list --format json 2>&1); then
			echo "list failed: $out" >"$T/reader.$1"
			return
		fi
		case "$out" in *'"title": "Load card'*) ;; *) echo "list saw no load cards: $out" >"$T/reader.$1"; return ;; esac
		if ! out=$(cb show $(( $1 + 4 )) 2>&1); then
			echo "show failed: $out" >"$T/reader.$1"
			return
		fi
		sleep 0.05
	done
}
for r in 1 2 3 4; do reader $r & done
pids=""
for w in 1 2 3 4 5 6 7 8; do
	writer $w $((w + 4)) &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
touch "$T/done"
wait
for w in 1 2 3 4 5 6 7 8; do
	[ ! -f "$T/failed.$w" ] || fail "writer $w: $(cat "$T/failed.$w")"
done
for r in 1 2 3 4; do
	[ ! -f "$T/reader.$r" ] || fail "reader $r: $(cat "$T/reader.$r")"
done
expect_eq "$(commits)" $((before + 2000)) "exactly 2,000 new commits"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck after the load"
expect_eq "$(sqlite3 "$BOARD/coboard/index.sqlite" "SELECT count(*) FROM changes WHERE field = 'lead' AND seq > $before")" 2000 "every change is in the history"
for w in 1 2 3 4 5 6 7 8; do
	lead=$(echo $leads | cut -d' ' -f$(( (250 + w) % 3 + 1 )))
	expect_eq "$(git --git-dir="$BOARD" show "main:$(card_file $((w + 4)))" | sed -n 4p)" "lead: $lead" "card $((w + 4)) ends as its last write left it"
done
echo ok
