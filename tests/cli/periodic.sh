# Periodic items: an item reported every month (or quarter) gets its next deadline when the
# report for the current period is accepted, and stays on control; each period's report and
# its timeliness stay in history and count in the discipline figures. Days with faketime.
. "$(dirname "$0")/../lib.sh"
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
faketime -f "@2026-01-05 09:00:00" "$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null
on() {
	day=$1 user=$2
	shift 2
	COBOARD_TODAY=$day faketime -f "@$day 10:00:00" "$COBOARD_BIN" --board "$BOARD" --user "$user" "$@"
}
id=$(on 2026-01-05 sec add --title "Monthly report on foster families" --lead MOE --due 2026-01-10 --every month)
s=$(on 2026-01-05 sec show "$id")
expect_contains "$s" "Every:        monthly, the report due by day 10" "the period, by the deadline's day"
on 2026-01-05 sec edit "$id" --every bimonthly --reason x >"$T/o" 2>"$T/e" && fail "a period it does not know was taken"
expect_contains "$(cat "$T/e")" "'bimonthly' is not a period" "an unknown period is named"
on 2026-01-05 moe edit "$id" --every none >"$T/o" 2>"$T/e" && fail "a member changed the period"
expect_contains "$(cat "$T/e")" "only the coordinator's office records" "the period is the coordinator's"
# January: reported on time, accepted: the next deadline comes, the item stays on control.
on 2026-01-08 moe submit "$id" "January: 40 families placed" >/dev/null
out=$(on 2026-01-09 sec accept "$id")
expect_contains "$out" "Accept the report on #$id for the period due 2026-01-10; next due 2026-02-10" "the accepting names the next deadline"
s=$(on 2026-01-09 sec show "$id")
expect_contains "$s" "Due:          2026-02-10" "the next period's deadline"
expect_contains "$s" "Column:       To do" "back where it was, still on control"
# February: reported late, accepted.
on 2026-02-12 moe submit "$id" "February: 38 families placed" >/dev/null
on 2026-02-13 sec accept "$id" >/dev/null
expect_contains "$(on 2026-02-13 sec show "$id")" "Due:          2026-03-10" "March's deadline"
h=$(on 2026-02-13 sec history "$id")
expect_eq "$(printf '%s\n' "$h" | grep -c 'accepted: taken off control')" 2 "each period's acceptance stays in history"
md=$(on 2026-02-28 sec report --agency MOE --since 2026-01-01 --until 2026-02-28)
expect_contains "$md" "| MOE | 1 | 1 | 3.0 |" "one period on time, one three days late"
# A quarterly item moves three months.
q=$(on 2026-01-05 sec add --title "Quarterly statistics" --lead MOE --due 2026-03-31 --every quarter:31)
on 2026-03-30 moe submit "$q" "Q1 statistics" >/dev/null
on 2026-03-30 sec accept "$q" >/dev/null
expect_contains "$(on 2026-03-30 sec show "$q")" "Due:          2026-06-30" "the next quarter, the 31st cut to June's last day"
run 0 fsck
echo ok
