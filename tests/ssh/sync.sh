# Two offices, two servers: two boards, each served by its own OpenSSH server on 127.0.0.1
# with its own members and keys. Each server's key has the sync role on the other board;
# changes on both sides, `sync` in both directions over SSH, then both boards hold the same
# tree, every change once in history by its author, fsck clean; a viewer's key may not fetch.
. "$(dirname "$0")/../lib.sh"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || fail "sshd is missing; run scripts/install-deps (openssh-server)"
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
new_board
A="$BOARD"
B="$T/akmola.git"
S="$T/ssh"
mkdir -p "$S"
chmod 700 "$S"
ca() { "$COBOARD_BIN" --board "$A" --user "${CB_USER:-sec}" "$@"; }
cbb() { "$COBOARD_BIN" --board "$B" --user "${CB_USER:-sec}" "$@"; }
tree() { git --git-dir="$1" rev-parse 'main^{tree}'; }

ssh-keygen -q -t ed25519 -N '' -f "$S/host_key"
for k in astana_server akmola_server viewer; do ssh-keygen -q -t ed25519 -N '' -C "$k" -f "$S/$k"; done

CB_USER=admin ca site astana >/dev/null
git clone -q --bare "$A" "$B"
git --git-dir="$B" remote remove origin
"$COBOARD_BIN" --board "$B" --user admin hook install >/dev/null
CB_USER=admin cbb site akmola >/dev/null
# Each board its own people, and the other server's key with the sync role.
CB_USER=admin ca member add ast --role secretary --name "Aigerim Astana" >/dev/null
CB_USER=admin ca member add akmola-server --role sync --key "$(cat "$S/akmola_server.pub")" >/dev/null
CB_USER=admin ca member set view --key "$(cat "$S/viewer.pub")" >/dev/null
CB_USER=admin cbb member add akm --role secretary --name "Askar Akmola" >/dev/null
CB_USER=admin cbb member add astana-server --role sync --key "$(cat "$S/astana_server.pub")" >/dev/null

# start_server NAME BOARD: an sshd whose authorized_keys come from BOARD; sets PORT_NAME.
free_port() {
	p=$1
	while ss -ltn 2>/dev/null | grep -q ":$p "; do p=$((p + 1)); done
	echo "$p"
}
PIDS=""
trap 'kill $PIDS 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT
start_server() {
	name=$1 board=$2 port=$3
	"$COBOARD_BIN" --board "$board" --user admin admin authorized-keys >"$S/$name.keys"
	chmod 600 "$S/$name.keys"
	cat >"$S/$name.conf" <<EOC
Port $port
ListenAddress 127.0.0.1
HostKey $S/host_key
AuthorizedKeysFile $S/$name.keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $S/$name.pid
AllowUsers $(id -un)
PermitUserEnvironment no
SetEnv COBOARD_TODAY=$COBOARD_TODAY COBOARD_NO_PACK=1
EOC
	"$SSHD" -D -f "$S/$name.conf" -E "$S/$name.log" &
	PIDS="$PIDS $!"
	i=0
	while ! ss -ltn 2>/dev/null | grep -q "127.0.0.1:$port "; do
		i=$((i + 1))
		[ $i -lt 50 ] || fail "sshd $name did not start: $(cat "$S/$name.log")"
		sleep 0.1
	done
}
PORT_A=$(free_port $((20000 + $$ % 20000)))
start_server astana "$A" "$PORT_A"
PORT_B=$(free_port $((PORT_A + 1)))
start_server akmola "$B" "$PORT_B"
OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
CB_USER=admin ca remote add akmola "ssh://$(id -un)@127.0.0.1:$PORT_B$B" >/dev/null
CB_USER=admin cbb remote add astana "ssh://$(id -un)@127.0.0.1:$PORT_A$A" >/dev/null
sync_a() { GIT_SSH_COMMAND="ssh $OPTS -i $S/astana_server" CB_USER=ast ca sync akmola; }
sync_b() { GIT_SSH_COMMAND="ssh $OPTS -i $S/akmola_server" CB_USER=akm cbb sync astana; }

# The first sync brings the other's site line; then changes on both sides.
out=$(sync_b)
expect_contains "$out" "sync astana:" "a sync over SSH: $out"
CB_USER=ast ca move 1 in-progress >/dev/null
CB_USER=ast ca note 3 "decided in Astana" >/dev/null
id_a=$(CB_USER=ast ca add --title "Registry of foster families" --lead MOE)
CB_USER=akm cbb assign 1 --lead AKM --reason "the akimat takes it" >/dev/null
CB_USER=akm cbb note 3 "decided in Akmola" >/dev/null
id_b=$(CB_USER=akm cbb add --title "Akmola hotline" --lead AKM)
[ "$id_a" != "$id_b" ] || fail "both offices made id $id_a"

out=$(sync_a)
expect_contains "$out" "sync akmola: 3 changes in, 3 out, merged" "Astana syncs with Akmola over SSH"
out=$(sync_b)
expect_contains "$out" "already the same" "Akmola then has nothing to fetch"
CB_USER=akm cbb edit "$id_b" --due 2026-09-01 >/dev/null
out=$(sync_a)
expect_contains "$out" "sync akmola: 1 change in, 0 out" "the other direction"
expect_eq "$(tree "$A")" "$(tree "$B")" "both servers hold the identical tree"
for board in "$A" "$B"; do
	run_on() { "$COBOARD_BIN" --board "$board" --user sec "$@"; }
	expect_eq "$(run_on fsck)" "fsck: ok, 6 cards at $(git --git-dir="$board" rev-parse --short=7 main)" "fsck is clean"
	h=$(run_on history 1)
	expect_eq "$(printf '%s\n' "$h" | grep -c 'todo -> in-progress')" 1 "the move once"
	expect_contains "$(printf '%s\n' "$h" | grep 'todo -> in-progress')" "Aigerim Astana" "by Astana's secretary"
	expect_eq "$(printf '%s\n' "$h" | grep -c 'MOH -> AKM')" 1 "the reassignment once"
	expect_contains "$(printf '%s\n' "$h" | grep 'MOH -> AKM')" "Askar Akmola" "by Akmola's secretary"
	l=$(run_on log --limit 200)
	expect_eq "$(printf '%s\n' "$l" | grep -c 'added "decided in Astana"')" 1 "each note once in the log"
	expect_eq "$(printf '%s\n' "$l" | grep -c 'added "decided in Akmola"')" 1 "each note once in the log"
	expect_contains "$(run_on show 3)" "decided in Akmola" "notes from both offices"
done

# Only a key with the sync role (or an admin's) may use git's transport.
set +e
GIT_SSH_COMMAND="ssh $OPTS -i $S/viewer" git ls-remote "ssh://$(id -un)@127.0.0.1:$PORT_A$A" >"$T/ls.out" 2>"$T/ls.err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a viewer's key fetched the board"
expect_contains "$(cat "$T/ls.err")" "may not fetch or push this board" "the viewer is told why"
set +e
GIT_SSH_COMMAND="ssh $OPTS -i $S/akmola_server" git ls-remote "ssh://$(id -un)@127.0.0.1:$PORT_A/etc" >"$T/ls.out" 2>"$T/ls.err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "the sync key read another path"
expect_contains "$(cat "$T/ls.err")" "this key serves the board" "a path other than the board is refused"
# --- another office's key brings work, never authority, never a rewritten history ---------
push_as_akmola() { GIT_SSH_COMMAND="ssh $OPTS -i $S/akmola_server" git -C "$T/evil" "$@"; }
URL_A="ssh://$(id -un)@127.0.0.1:$PORT_A$A"
ssh-keygen -q -t ed25519 -N '' -C intruder -f "$S/intruder"
rm -rf "$T/evil"
GIT_SSH_COMMAND="ssh $OPTS -i $S/akmola_server" git clone -q "$URL_A" "$T/evil"
printf 'member: intruder | Intruder | i@example.kz | admin | | %s\n' "$(cat "$S/intruder.pub")" >>"$T/evil/board.conf"
sed -i 's/^member: ast | \(.*\) | secretary |/member: ast | \1 | viewer |/' "$T/evil/board.conf"
git -C "$T/evil" -c user.name=Akmola -c user.email=a@example.kz commit -qam "Make ourselves admin"
push_as_akmola push -q origin main
expect_contains "$(git --git-dir="$A" show main:board.conf)" "member: intruder" "the push came in as work"
expect_not_contains "$(CB_USER=admin ca member list)" "intruder" "but the intruder is no member here"
expect_contains "$(CB_USER=admin ca member list)" "ast              secretary" "and Astana's secretary keeps her role"
expect_not_contains "$(CB_USER=admin ca admin authorized-keys)" "intruder" "ssh-setup writes no key nobody here accepted"
p=$(CB_USER=admin ca authority)
expect_contains "$p" "proposes: intruder joins as admin, with an SSH key" "the admin sees what was proposed"
expect_contains "$p" "proposes: ast becomes viewer (now secretary)" "including the demotion"
set +e
GIT_SSH_COMMAND="ssh $OPTS -i $S/intruder" git ls-remote "$URL_A" >"$T/ls.out" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || fail "the intruder's key opened the board"

tip=$(git --git-dir="$A" rev-parse main)
git -C "$T/evil" checkout -q --orphan forged
git -C "$T/evil" -c user.name=Akmola -c user.email=a@example.kz commit -qm "A forged root"
if push_as_akmola push -q -f origin forged:main 2>"$T/force.err"; then fail "a forced push with the sync key went through"; fi
expect_contains "$(cat "$T/force.err")" "main only grows" "a forced push is refused"
if push_as_akmola push -q origin :main 2>"$T/del.err"; then fail "the sync key deleted main"; fi
expect_contains "$(cat "$T/del.err")" "cannot be deleted" "so is deleting the branch"
if push_as_akmola push -q origin forged:refs/heads/other 2>"$T/branch.err"; then fail "another branch was pushed"; fi
expect_contains "$(cat "$T/branch.err")" "only main (and the meeting/ tags coboard makes)" "and any other branch"
git -C "$T/evil" checkout -q main
git -C "$T/evil" tag meeting/2026-01-01 HEAD
if push_as_akmola push -q origin meeting/2026-01-01 2>"$T/tag.err"; then fail "a forged meeting tag was pushed"; fi
expect_contains "$(cat "$T/tag.err")" "must name the commit that wrote meetings/2026-01-01.md" "and a meeting tag on anything but its minutes"
expect_eq "$(git --git-dir="$A" rev-parse main)" "$tip" "the board did not move"
expect_eq "$(git --git-dir="$A" for-each-ref --format=x refs/heads refs/tags | wc -l)" 1 "and holds no ref it did not make"
echo "ok ssh sync"
