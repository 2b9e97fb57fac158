# Reminders through a real mail transfer agent: Debian's exim4, delivering to a local
# mailbox, as a ministry's server with a local MTA would. Needs root (it makes the mailbox's
# Unix user) and exim4 (scripts/install-deps installs it); skipped, saying so, without them.
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root to create the mailbox's user"
	exit 0
fi
if [ ! -x /usr/sbin/exim4 ] || [ ! -e /usr/sbin/sendmail ]; then
	echo "skipped: no exim4 here (scripts/install-deps installs exim4-daemon-light)"
	exit 0
fi
user=cbmailtest
id "$user" >/dev/null 2>&1 || useradd -M -N -d /tmp -s /usr/sbin/nologin "$user"
trap 'userdel "$user" 2>/dev/null; rm -f "/var/mail/$user"; rm -rf "$T" 2>/dev/null || true' EXIT
rm -f "/var/mail/$user"
new_board
git --git-dir="$BOARD" config coboard.sendmail /usr/sbin/sendmail
CB_USER=admin cb member set moe --email "$user@localhost" --name "Марат Білімов" >/dev/null
out=$(CB_USER=sec cb remind)
expect_contains "$out" "sent 1 reminder" "the reminder is handed to the MTA"
i=0
while ! grep -q "^Subject:" "/var/mail/$user" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "nothing reached /var/mail/$user: $(tail -5 /var/log/exim4/mainlog 2>/dev/null)"
	sleep 0.1
done
mbox=$(cat "/var/mail/$user")
expect_contains "$mbox" "Subject: coboard: MOE," "delivered to the member's mailbox"
expect_contains "$mbox" "To: =?UTF-8?B?" "the name in Kazakh letters encoded for mail"
expect_contains "$mbox" "Content-Type: text/plain; charset=UTF-8" "UTF-8 text"
expect_contains "$mbox" "Unannounced inspections of schools" "with the card it is about"
expect_contains "$mbox" "Auto-Submitted: auto-generated" "marked as sent by a program"
echo ok
