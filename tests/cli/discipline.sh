# Executive discipline per agency, from a history scripted day by day with faketime: one
# item taken off control on time, one late, one extended twice and returned once before it
# was accepted in time, one left overdue. The report's figures (md, json, csv) are checked
# against what happened, and a period that ends before the late acceptance counts it open.
. "$(dirname "$0")/../lib.sh"
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
"$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null
# on DAY USER ARGS...: the CLI as USER with the clock and "today" at DAY, 10:00.
on() {
	day=$1 user=$2
	shift 2
	COBOARD_TODAY=$day faketime -f "@$day 10:00:00" "$COBOARD_BIN" --board "$BOARD" --user "$user" "$@" \
		>"$T/on.out" 2>"$T/on.err" || fail "on $day, $user: $*: $(cat "$T/on.err")"
	cat "$T/on.out"
}
a=$(on 2026-03-01 admin add --title "A: on time" --lead MOE --due 2026-03-10)
b=$(on 2026-03-01 admin add --title "B: late" --lead MOE --due 2026-03-10)
c=$(on 2026-03-01 admin add --title "C: extended twice, returned once" --lead MOE --due 2026-03-10)
d=$(on 2026-03-01 admin add --title "D: never reported" --lead MOE --due 2026-03-15)
request() { git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Request: //p'; }

on 2026-03-05 moe submit "$a" "A done, order No. 1" >/dev/null
on 2026-03-06 sec accept "$a" >/dev/null
on 2026-03-12 moe submit "$b" "B done, order No. 2" >/dev/null
on 2026-03-08 moe extend "$c" --to 2026-03-20 --reason "the contractor is late" >/dev/null
on 2026-03-09 sec grant "$(request)" >/dev/null
on 2026-03-18 moe extend "$c" --to 2026-03-31 --reason "still late" >/dev/null
on 2026-03-19 sec grant "$(request)" >/dev/null
on 2026-03-25 moe submit "$c" "C done" >/dev/null
on 2026-03-26 sec return "$c" --reason "no acts attached" >/dev/null
on 2026-03-28 moe submit "$c" "C done, acts attached" >/dev/null
on 2026-03-30 sec accept "$c" >/dev/null
on 2026-03-15 sec accept "$b" >/dev/null

expect_contains "$(on 2026-03-31 sec show "$c")" "deadline extended 2 times, first set 2026-03-10" "the card tells its extensions"
md=$(on 2026-03-31 sec report --agency MOE --since 2026-03-01 --until 2026-03-31)
expect_contains "$md" "## Executive discipline, 2026-03-01 to 2026-03-31" "the report names its period"
expect_contains "$md" "| MOE | 2 | 1 | 5.0 | 2 | 2 | 1 | 2 |" "on time 2, late 1 (5 days), extensions 2 asked 2 granted, 1 returned, 2 open overdue (D and the board's #2)"
json=$(on 2026-03-31 sec report --agency MOE --since 2026-03-01 --until 2026-03-31 --format json)
expect_contains "$json" '"discipline": {"on_time": 2, "late": 1, "mean_days_late": 5.0, "extensions_asked": 2, "extensions_granted": 2, "reports_returned": 1, "open_overdue": 2}' "the same figures in JSON"
csv=$(on 2026-03-31 sec report --since 2026-03-01 --until 2026-03-31 --format csv --table discipline)
expect_contains "$csv" "agency,since,until,on_time,late,mean_days_late" "CSV has a table of the figures"
expect_contains "$csv" '"MOE","2026-03-01","2026-03-31","2","1","5.0","2","2","1","2"' "with MOE's row"
expect_contains "$csv" '"MOH","2026-03-01","2026-03-31","0","0","0.0","0","0","0","1"' "and a row for every agency"
# The first half of March: A on time; B and C not yet decided; one extension asked and granted.
early=$(on 2026-03-31 sec report --agency MOE --since 2026-03-01 --until 2026-03-14)
expect_contains "$early" "| MOE | 1 | 0 | 0.0 | 1 | 1 | 0 | 2 |" "a shorter period counts only what was decided in it, and B as it stood: open and overdue"
expect_contains "$(on 2026-03-31 sec report --agency MOE --since 2026-03-01 --until 2026-03-31 --format csv)" \
	"agency,card,title,column" "without --table, the CSV is the card table as before"
echo ok
