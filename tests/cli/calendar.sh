# The working calendar through the CLI: deadlines typed as the instructions give them (a date,
# +10d, +5wd, +2m, urgent, operational), from today or from the open meeting's day, moved off
# days off with a message; the shipped board's Kazakh public holidays; a bad calendar line.
. "$(dirname "$0")/../lib.sh"
export COBOARD_TODAY=2026-03-10
"$COBOARD_BIN" --user admin init "$BOARD" >/dev/null # the shipped board, with its calendar
conf=$(git --git-dir="$BOARD" show main:board.conf)
expect_contains "$conf" "day-off: 2026-03-23 | Nauryz meirami" "the shipped board carries Nauryz"
expect_contains "$conf" "day-off: 2026-03-24 | Nauryz meirami, carried from 2026-03-21" "and the days carried from the weekend"
expect_contains "$conf" "day-off: 2027-12-16 | Independence Day" "through 2027"
CB_USER=admin run 0 edit 10 --due 2026-03-22 --reason "as the ministry asked"
expect_contains "$ERR" "2026-03-22 is not a working day: the deadline is the working day before, 2026-03-20" "a day off moves to the working day before, saying so"
expect_contains "$(cb show 10)" "Due:          2026-03-20" "and the card keeps the day it resolved to"
CB_USER=admin run 0 edit 10 --due +5wd --reason "five working days"
expect_contains "$OUT" "to 2026-03-17" "+5wd counts working days (the weekend skipped)"
CB_USER=admin run 0 edit 10 --due +2m --reason "within two months"
expect_contains "$OUT" "to 2026-05-08" "+2m: two months on, the Sunday moved to Friday"
CB_USER=admin run 0 edit 10 --due urgent --reason "urgent"
expect_contains "$OUT" "to 2026-03-13" "urgent: three days"
CB_USER=admin run 0 edit 10 --due operational --reason "operational"
expect_contains "$OUT" "to 2026-03-20" "operational: ten days"
CB_USER=admin run 1 edit 10 --due "+2 months" --reason "x"
expect_contains "$ERR" "is not a real date; write it as YYYY-MM-DD or DD.MM.YYYY, or as +10d" "a form it does not know is named, with the ones it knows"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/10.card)" "due: 2026-03-20" "and nothing was written"
# During a meeting, relative deadlines count from the meeting's day.
COBOARD_TODAY=2026-03-02 faketime -f "@2026-03-02 10:00:00" "$COBOARD_BIN" --board "$BOARD" --user admin \
	meeting start "Weekly" >/dev/null || fail "the meeting starts on 2026-03-02"
CB_USER=admin run 0 add --title "Within ten days" --lead MOE --due +10d
id=$OUT
due=$(git --git-dir="$BOARD" show "main:$(card_file "$id")" | sed -n 's/^due: //p')
expect_eq "$due" "2026-03-12" "+10d counts from the meeting's day (2026-03-02), not from today (2026-03-10)"
# A calendar line that is not a date is refused with the line named.
rm -rf "$T/clone"
git clone -q "$BOARD" "$T/clone"
echo "day-off: 2026-02-30 | Not a day" >>"$T/clone/board.conf"
git -C "$T/clone" -c user.name=A -c user.email=a@x commit -qam "A bad day off"
if COBOARD_PUSHER=admin git -C "$T/clone" push -q origin main 2>"$T/push.err"; then fail "a bad calendar line was pushed"; fi
expect_contains "$(cat "$T/push.err")" "expected 'day-off: YYYY-MM-DD | name' with a real date" "the bad line is named"
echo ok
