# A real OpenSSH server on 127.0.0.1 (its own host key, config and authorized_keys in a
# temporary directory), real ssh clients: roles, restricted mode, a dropped connection.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || fail "sshd is missing; run scripts/install-deps (openssh-server)"
new_board
S="$T/ssh"
mkdir -p "$S"
chmod 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_key"
ssh-keygen -q -t ed25519 -N '' -C sec@test -f "$S/sec"
ssh-keygen -q -t ed25519 -N '' -C view@test -f "$S/view"
CB_USER=admin cb member set sec --key "$(cat "$S/sec.pub")" >/dev/null
CB_USER=admin cb member set view --key "$(cat "$S/view.pub")" >/dev/null
expect_eq "$(last_subject)" "Change member view" "granting a key is a commit"

# authorized_keys from board.conf, through the setup script.
COBOARD="$COBOARD_BIN" sh "$TESTS_DIR/../scripts/ssh-setup" "$BOARD" "$S/authorized_keys" >/dev/null 2>&1 ||
	{ CB_USER=admin cb admin authorized-keys >"$S/authorized_keys"; }
# ssh-setup runs as the board's acting Unix login; the test board's admin is "admin".
CB_USER=admin cb admin authorized-keys >"$S/authorized_keys"
expect_eq "$(grep -c 'restrict,pty,command=' "$S/authorized_keys")" 2 "one line per member key"
expect_contains "$(cat "$S/authorized_keys")" "--user sec --restricted\" ssh-ed25519 " "the forced command names the member"
chmod 600 "$S/authorized_keys"

# A free high port.
port=$(( 20000 + $$ % 20000 ))
while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
cat >"$S/sshd_config" <<EOC
Port $port
ListenAddress 127.0.0.1
HostKey $S/host_key
AuthorizedKeysFile $S/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $S/sshd.pid
AllowUsers $(id -un)
PermitUserEnvironment no
SetEnv COBOARD_TODAY=$COBOARD_TODAY
EOC
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
"$SSHD" -D -f "$S/sshd_config" -E "$S/sshd.log" &
sshd_pid=$!
trap 'kill $sshd_pid 2>/dev/null; tm kill-server 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT
i=0
while ! ss -ltn 2>/dev/null | grep -q "127.0.0.1:$port "; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "sshd did not start: $(cat "$S/sshd.log")"
	sleep 0.1
done

SSH_OPTS="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
# ssh_as KEY COMMAND: a command over SSH; output in $OUT, errors in $ERR, status in $STATUS.
ssh_as() {
	set +e
	# shellcheck disable=SC2086
	ssh $SSH_OPTS -i "$S/$1" "$(id -un)@127.0.0.1" "$2" >"$T/ssh.out" 2>"$T/ssh.err"
	STATUS=$?
	set -e
	OUT=$(cat "$T/ssh.out")
	ERR=$(cat "$T/ssh.err")
}

# Read commands in SSH_ORIGINAL_COMMAND work.
ssh_as view "list --overdue"
expect_eq "$STATUS" 0 "a read command over SSH: $ERR"
expect_contains "$OUT" "#1    todo         Form the register" "list --overdue over SSH"
ssh_as view "history 1"
expect_eq "$STATUS" 0 "history over SSH: $ERR"
expect_contains "$OUT" "created" "the viewer reads history"

# Everything else is refused, and nothing is written.
before=$(commits)
ssh_as view "sh -c id"
expect_eq "$STATUS" 2 "a shell is refused"
expect_contains "$ERR" "'sh' is refused over this connection" "the shell refusal says why"
expect_contains "$ERR" "allowed: board, list, show, requests," "and lists the read commands really served"
ssh_as view " --board /etc list" # the space keeps ssh from reading it as its own option
expect_eq "$STATUS" 2 "--board is refused: $ERR"
expect_contains "$ERR" "set by the administrator" "the --board refusal says why"
ssh_as sec " --user admin move 1 done"
expect_eq "$STATUS" 2 "--user is refused"
ssh_as sec "move 1 done"
expect_eq "$STATUS" 2 "writes are not taken from SSH_ORIGINAL_COMMAND"
ssh_as sec "list; id"
expect_eq "$STATUS" 2 "no shell metacharacters: 'list;' is not a command"
expect_eq "$(commits)" "$before" "nothing was written by refused commands"

# A hostile title arrives escaped.
commit_outside cards/00/6.card "title: Clear ${ESC}[2J now
column: todo
rank: z
lead: MOE
co:
due:
labels:
archived: no
" "A hostile title"
ssh_as view "show 6"
expect_contains "$OUT" "#6  Clear ^[[2J now" "the escape arrives escaped"
case "$OUT" in *"$ESC"*) fail "a raw ESC reached the SSH client" ;; esac

# The secretary's key opens the board; a move commits as the secretary.
start_ssh_app() { # key
	tm kill-server 2>/dev/null || true
	APP_STARTS=$((APP_STARTS + 1))
	TMUX_SOCKET="coboard-test-$$-$APP_STARTS"
	tm -f /dev/null new-session -d -s app -x 120 -y 40 \
		"ssh $SSH_OPTS -tt -i $S/$1 $(id -un)@127.0.0.1; echo \"EXITED \$?\"; sleep 600"
	wait_for "To do (" "the board opens over SSH" 10
}
start_ssh_app sec
expect_contains "$(screen)" "sec (secretary)" "the app acts as the key's member"
expect_contains "$(screen)" "#6 Clear ^[[2J now" "the title is escaped in the app too"
before=$(commits)
keys L
wait_for "moved #1 to In progress" "the move over SSH"
expect_eq "$(commits)" $((before + 1)) "one commit"
expect_eq "$(git --git-dir="$BOARD" log -1 --format='%s|%an' main)" "Move #1 from To do to In progress|Saule Secretary" "committed as the secretary"

# No $EDITOR in restricted mode.
keys e
wait_for "Edit #1" "the form over SSH"
expect_not_contains "$(screen)" "Ctrl-E" "no editor offered over SSH"
# The description is written in the app's own editor: two lines, over SSH.
keys Up
wait_for "Enter: write the description" "the description field"
keys Enter
wait_for "Ctrl-S: save   Enter: new line   Esc: cancel" "the app's editor opens over SSH"
keys -l "Lists come from the akimats."
keys Enter
keys -l "Checked by the ministry — twice."
keys C-s
wait_for "(+1 line)" "the form shows the description's first line and the count of the rest"
keys C-s
wait_for "saved #1" "the form saves"
expect_contains "$(git --git-dir="$BOARD" show main:cards/00/1.card)" "Lists come from the akimats.
Checked by the ministry — twice." "a two-line description written over SSH"
keys e
wait_for "Edit #1" "the form again"
keys C-e
# Killing the ssh client in the middle of the edit: the session ends, nothing is left.
client=$(pgrep -f "^ssh $SSH_OPTS -tt -i $S/sec" | head -1)
[ -n "$client" ] || fail "the ssh client process"
kill -9 "$client"
wait_for "EXITED" "the client is gone"
i=0
while pgrep -f "^$COBOARD_BIN --board $BOARD" >/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "a coboard process was left behind: $(pgrep -af "^$COBOARD_BIN --board $BOARD")"
	sleep 0.1
done
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck clean after a dropped connection"

# A viewer's key sees the board; a move is refused and nothing is committed.
start_ssh_app view
expect_contains "$(screen)" "view (viewer)" "the viewer over SSH"
before=$(commits)
keys L
wait_for "viewers can read the board but not change it" "the viewer's move is refused"
expect_eq "$(commits)" "$before" "no commit from the viewer"
keys q
wait_for "EXITED 0" "the viewer quits"

# A board path with a space, ';' and '$(...)': the forced command quotes it, and runs nothing.
ODD="$T/odd board;\$(touch $T/pwned)\`touch $T/pwned2\`.git"
"$COBOARD_BIN" --user admin init "$ODD" --from "$FIXTURE" >/dev/null
"$COBOARD_BIN" --board "$ODD" --user admin member set view --role viewer \
	--key "$(cat "$S/view.pub")" >/dev/null
"$COBOARD_BIN" --board "$ODD" --user admin admin authorized-keys >"$S/authorized_keys"
chmod 600 "$S/authorized_keys"
ssh_as view "list"
expect_eq "$STATUS" 0 "the board with an odd path answers over SSH: $ERR"
expect_contains "$OUT" "Form the register" "its cards are listed"
[ ! -e "$T/pwned" ] && [ ! -e "$T/pwned2" ] || fail "the board path ran a command"

# Execution control over SSH, in Kazakh at 80x24: the lead's member reports in the app, the
# secretary accepts it from the queue; the queue is a read command too.
CTRL="$T/control.git"
mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
"$COBOARD_BIN" --user admin init "$CTRL" --from "$T/def" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C moe@test -f "$S/moe"
"$COBOARD_BIN" --board "$CTRL" --user admin member set moe --language kk --key "$(cat "$S/moe.pub")" >/dev/null
"$COBOARD_BIN" --board "$CTRL" --user admin member set sec --key "$(cat "$S/sec.pub")" >/dev/null
"$COBOARD_BIN" --board "$CTRL" --user admin admin authorized-keys >"$S/authorized_keys"
start_small_app() { # key
	tm kill-server 2>/dev/null || true
	APP_STARTS=$((APP_STARTS + 1))
	TMUX_SOCKET="coboard-test-$$-$APP_STARTS"
	tm -f /dev/null new-session -d -s app -x 80 -y 24 \
		"ssh $SSH_OPTS -tt -i $S/$1 $(id -un)@127.0.0.1; echo \"EXITED \$?\"; sleep 600"
	wait_for "(" "the board opens over SSH" 10
}
start_small_app moe
wait_for "moe (" "the member's board over SSH"
keys l
keys Enter
wait_for "Unannounced inspections" "the card opens"
keys S
wait_for "#2 бойынша есеп" "the report prompt, in Kazakh"
keys -l "Тексерулер өткізілді: бұйрық № 12, 28.02.2026"
keys Enter
keys -l "Актілер қоса берілді."
wait_for "Актілер қоса берілді." "a second line of the report, in the app's own editor"
expect_contains "$(screen)" "Ctrl-S: сақтау" "the editor's keys, in Kazakh"
keys C-s
wait_for "#2 бойынша есеп берілді" "the report is filed over SSH, said in Kazakh"
expect_eq "$(git --git-dir="$CTRL" log -1 --format='%s|%an' main)" "Report on #2 from MOE|Marat Educator" \
	"committed as the member, the commit in English"
keys q
keys q
wait_for "EXITED" "the member leaves"
ssh_as sec "requests"
expect_eq "$STATUS" 0 "the queue is a read command over SSH: $ERR"
expect_contains "$OUT" "#2      report" "it lists the report"
start_small_app sec
keys Q
wait_for "Тексерулер өткізілді" "the secretary's queue shows the Kazakh report"
keys y
wait_for "granted" "the secretary accepts it over SSH"
expect_contains "$(git --git-dir="$CTRL" log -1 --format=%B main)" "Decision: accepted" "the decision is in git"
expect_contains "$(git --git-dir="$CTRL" show main:cards/00/2.card)" "column: done" "the item is off control"
echo ok
