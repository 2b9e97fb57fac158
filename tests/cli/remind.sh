# Reminders by mail, days scripted with faketime, through a stand-in sendmail that keeps each
# message: one per member with an e-mail, in the member's language, UTF-8 with RFC 2047
# subjects; nothing repeated across runs, a missed day caught up, a failing sendmail reported
# per agency with the rest still sent and nothing marked sent that was not, and a member who
# turned reminders off gets none.
. "$(dirname "$0")/../lib.sh"
faketime -f "@2026-02-20 09:00:00" "$COBOARD_BIN" --user admin init "$BOARD" --from "$FIXTURE" >/dev/null
mkdir -p "$T/mail"
cat >"$T/sendmail" <<'EOS'
#!/bin/sh
# A stand-in for sendmail -t -i: keeps the message; fails for the agency in $FAIL_AGENCY.
[ "$1 $2" = "-t -i" ] || { echo "called as: $*" >&2; exit 64; }
msg=$(cat)
agency=$(printf '%s\n' "$msg" | sed -n 's/^X-Coboard-Agency: //p')
[ -n "${FAIL_AGENCY:-}" ] && [ "$agency" = "$FAIL_AGENCY" ] && exit 75
n=$(ls "$MAILDIR" | wc -l)
printf '%s\n' "$msg" >"$MAILDIR/$((n + 1)).eml"
EOS
chmod +x "$T/sendmail"
git --git-dir="$BOARD" config coboard.sendmail "$T/sendmail"
export MAILDIR="$T/mail"
on() { # DAY USER ARGS: at 09:00 that day
	day=$1 user=$2
	shift 2
	COBOARD_TODAY=$day faketime -f "@$day 09:00:00" "$COBOARD_BIN" --board "$BOARD" --user "$user" "$@"
}
on 2026-02-20 admin member add moh --role member --agency MOH --name "Мадина Ахметова" --email moh@example.kz --language kk >/dev/null
on 2026-02-20 admin member add akm --role member --agency AKM --name "Askar" --email akm@example.kz --language ru >/dev/null
on 2026-02-27 admin add --title "Soon for MOE" --lead MOE --due 2026-03-05 >/dev/null
on 2026-02-27 admin add --title "Next week for MOE" --lead MOE --due 2026-03-12 >/dev/null
on 2026-02-27 admin add --title "Akimat's own" --lead AKM --co MOE --due 2026-03-06 >/dev/null
mails() { ls "$T/mail" | wc -l; }
mail_to() { grep -l "^To: .*<$1>" "$T"/mail/*.eml 2>/dev/null | tail -1; }

out=$(on 2026-03-02 sec remind --dry-run)
expect_contains "$out" "messages would be sent" "a dry run says how many"
expect_eq "$(mails)" 0 "and sends nothing"
out=$(on 2026-03-02 sec remind)
expect_contains "$out" "sent 3 reminders" "one message per member with an e-mail of an agency with news"
m=$(cat "$(mail_to moe@example.kz)")
expect_contains "$m" "Subject: coboard: MOE, 3 due soon, 1 overdue, 0 returned, 0 decided, 3 assigned" "the subject says what is in it"
expect_contains "$m" "Content-Type: text/plain; charset=UTF-8" "UTF-8"
expect_contains "$m" "Soon for MOE: due 2026-03-05, in 3 working days" "what comes due within the reminder days"
expect_not_contains "$m" "Next week for MOE: due" "not what is further off"
expect_contains "$m" "Next week for MOE: lead" "but it was newly assigned to MOE"
expect_contains "$m" "Akimat's own: co-executor" "as co-executor too"
expect_contains "$m" "To stop these reminders: coboard remind off" "and how to stop them"
k=$(cat "$(mail_to moh@example.kz)")
expect_contains "$k" "Subject: =?UTF-8?B?" "a subject in Kazakh is RFC 2047 encoded"
expect_contains "$k" "To: =?UTF-8?B?" "and so is the name"
subject=$(printf '%s\n' "$k" | sed -n 's/^Subject: =?UTF-8?B?\(.*\)?=$/\1/p' | head -1 | base64 -d 2>/dev/null)
expect_contains "$subject" "coboard: MOH" "the encoded subject decodes"
expect_contains "$k" "Мерзімі өткен:" "the body is in the member's language"
expect_contains "$k" "Form the register of facilities: мерзімі 30.01.2026" "with dates as Kazakh readers write them"
expect_contains "$(cat "$(mail_to akm@example.kz)")" "Akimat's own: " "the akimat's member"

n=$(mails)
out=$(on 2026-03-02 sec remind)
expect_contains "$out" "sent 0 reminders" "the same day again: nothing repeated"
expect_eq "$(mails)" "$n" "no message"
out=$(on 2026-03-04 sec remind)
m=$(cat "$(mail_to moe@example.kz)")
expect_contains "$m" "Soon for MOE: due 2026-03-05, in 1 working day" "one working day before: reminded again"
expect_not_contains "$m" "Next week for MOE: due" "eight days ahead is not within seven (this board has no calendar: every day counts)"
# Days missed: the next run catches up with what became overdue meanwhile, once.
out=$(on 2026-03-10 sec remind)
m=$(cat "$(mail_to moe@example.kz)")
expect_contains "$m" "Overdue:" "a missed day is caught up"
expect_contains "$m" "Soon for MOE: due 2026-03-05" "with what became overdue"
expect_contains "$m" "Next week for MOE: due 2026-03-12, in 2 working days" "and what came within the reminder days meanwhile"
n=$(mails)
on 2026-03-11 sec remind >/dev/null
expect_eq "$(grep -l 'Soon for MOE' "$T"/mail/*.eml | wc -l)" 3 "an overdue item is told once"

# A sendmail that fails for one agency: reported, the others sent, it is tried again.
on 2026-03-12 admin add --title "New for MOE and AKM" --lead MOE --co AKM --due 2026-03-13 >/dev/null
set +e
FAIL_AGENCY=MOE on 2026-03-12 sec remind >"$T/r.out" 2>"$T/r.err"
status=$?
set -e
expect_eq "$status" 1 "a failed agency fails the run"
expect_contains "$(cat "$T/r.err")" "not sent: MOE: $T/sendmail exited with status 75" "naming the agency and why"
expect_contains "$(cat "$(mail_to akm@example.kz)")" "New for MOE and AKM" "the other agencies' went"
out=$(on 2026-03-12 sec remind)
expect_contains "$(cat "$(mail_to moe@example.kz)")" "New for MOE and AKM" "the failed agency gets its news the next time"
# Turning reminders off.
on 2026-03-12 moe remind off >/dev/null
on 2026-03-13 admin add --title "After opting out" --lead MOE --due 2026-03-16 >/dev/null
n=$(grep -l "^To: .*<moe@example.kz>" "$T"/mail/*.eml | wc -l)
on 2026-03-13 sec remind >/dev/null
expect_eq "$(grep -l "^To: .*<moe@example.kz>" "$T"/mail/*.eml | wc -l)" "$n" "a member who turned reminders off gets none"
set +e
on 2026-03-13 view remind >/dev/null 2>"$T/v.err"
status=$?
set -e
expect_eq "$status" 1 "a viewer sends no reminders"
echo ok
