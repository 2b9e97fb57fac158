# Two offices, one board, through git remotes on this machine: remotes, sites and ids, a
# sync in both directions with changes on both sides (adjacent fields, one field, notes, new
# cards, board.conf), values set aside and decided, each change once in history by its
# author, bad remotes that change nothing here, writers racing a sync, and a plain
# `git pull` with the merge driver giving what sync gives.
. "$(dirname "$0")/../lib.sh"
new_board
A="$BOARD"
B="$T/akmola.git"
ca() { "$COBOARD_BIN" --board "$A" --user "${CB_USER:-sec}" "$@"; }
cbb() { "$COBOARD_BIN" --board "$B" --user "${CB_USER:-sec}" "$@"; }
tree() { git --git-dir="$1" rev-parse 'main^{tree}'; }

# --- setting up the second office ---------------------------------------------------------
CB_USER=admin ca site astana >/dev/null
git clone -q --bare "$A" "$B"
git clone -q --bare "$A" "$T/late.git" # a third office that syncs only at the end
"$COBOARD_BIN" --board "$B" --user admin hook install >/dev/null
set +e
out=$(cbb add --title "Before the site" --lead MOE 2>&1)
status=$?
set -e
expect_eq "$status" 1 "a clone adds no card before its site is named"
expect_contains "$out" "coboard site NAME" "the refusal names the way out"
out=$(CB_USER=admin cbb site akmola)
expect_contains "$out" "ids ending in 02" "the second office gets the next number"
run 1 site akmola
expect_contains "$ERR" "may not name the site" "only an admin names a site"
out=$(CB_USER=admin cbb remote add astana "$A")
expect_contains "$out" "added remote astana" "remote add"
expect_not_contains "$out" "another machine" "a board on this machine is checked at once"
# A path that is no board is refused now, not at the first sync; another machine's is named as
# unchecked.
git init -q --bare "$T/bare.git"
set +e
err=$(CB_USER=admin cbb remote add bare "$T/bare.git" 2>&1)
set -e
expect_contains "$err" "is a git repository but not a coboard board" "remote add of a plain repository"
set +e
err=$(CB_USER=admin cbb remote add none "$T/none.git" 2>&1)
set -e
expect_contains "$err" "there is no board at $T/none.git" "remote add of a missing path"
expect_not_contains "$(git --git-dir="$B" remote)" "bare" "a refused remote is not added"
out=$(CB_USER=admin cbb remote add far "ssh://coboard@far.example.kz/srv/board.git")
expect_contains "$out" "far is on another machine: whether it is a board is known at its first sync" \
	"a remote of another machine is added, unchecked"
CB_USER=admin cbb remote remove far >/dev/null
run 1 remote add other "$A"
expect_contains "$ERR" "only an admin" "a secretary adds no remote"
out=$(CB_USER=admin cbb remote list)
expect_contains "$out" "astana" "remote list names it"
expect_contains "$out" "never synced" "and says it never synced"
set +e
CB_USER=view cbb sync astana >"$T/v.out" 2>&1
status=$?
set -e
expect_eq "$status" 1 "a viewer may not sync"
expect_contains "$(cat "$T/v.out")" "may not sync" "and is told so"

# --- changes on both sides ----------------------------------------------------------------
CB_USER=admin ca member add ast --role secretary --name "Aigerim Astana" >/dev/null
CB_USER=admin cbb member add akm --role secretary --name "Askar Akmola" >/dev/null
CB_USER=ast ca move 1 in-progress >/dev/null
CB_USER=akm cbb assign 1 --lead AKM >/dev/null
CB_USER=ast ca edit 2 --due 2026-05-01 --reason "new deadline" >/dev/null
CB_USER=akm cbb edit 2 --due 2026-04-01 --reason "new deadline" >/dev/null
CB_USER=ast ca note 3 "said in Astana" >/dev/null
CB_USER=akm cbb note 3 "said in Akmola" >/dev/null
CB_USER=ast ca assign 4 --co MIA,MOH >/dev/null
CB_USER=akm cbb edit 4 --label urgent >/dev/null
id_a=$(CB_USER=ast ca add --title "Astana's card" --lead MOE)
id_b=$(CB_USER=akm cbb add --title "Akmola's card" --lead MOE)
expect_eq "$id_a" 101 "an id of site 1 ends in 01"
expect_eq "$id_b" 102 "an id of site 2 ends in 02"
a_before=$(git --git-dir="$A" rev-parse main)

out=$(CB_USER=akm cbb sync astana)
expect_contains "$out" "sync astana: 6 changes in, 7 out, merged" "one line says what came in and went out"
expect_contains "$out" "values set aside on #2" "and where values were set aside"
expect_eq "$(tree "$A")" "$(tree "$B")" "both boards hold the same tree"
expect_eq "$(git --git-dir="$A" rev-parse main)" "$(git --git-dir="$B" rev-parse main)" "the merge went back to Astana"
merge=$(git --git-dir="$B" rev-parse main)
expect_eq "$(git --git-dir="$B" rev-list --parents -n1 main | wc -w)" 3 "one merge commit with both parents"
expect_eq "$(git --git-dir="$B" log -1 --format=%an main)" "Askar Akmola" "authored by the member who synced"
body=$(git --git-dir="$B" log -1 --format=%B main)
expect_contains "$body" "Merged-From: astana $A" "a trailer says what was merged from where"
expect_contains "$body" "Conflict: #2 due" "and where values were set aside: the card and the field"
expect_contains "$(printf '%s\n' "$body" | head -1)" "Sync with astana: 6 changes in, 7 out" "the subject counts changes"
expect_contains "$(git --git-dir="$A" log --format=%s main)" "$(git --git-dir="$A" log -1 --format=%s "$a_before")" "Astana's commits are kept"

for board in "$A" "$B"; do
	s=$("$COBOARD_BIN" --board "$board" --user sec show 1)
	expect_contains "$s" "In progress" "a field changed on one side (column) is taken"
	expect_contains "$s" "Lead:         AKM" "and the adjacent field changed on the other (lead) too"
	s=$("$COBOARD_BIN" --board "$board" --user sec show 3)
	expect_contains "$s" "said in Astana" "notes from one side are kept"
	expect_contains "$s" "said in Akmola" "and from the other"
	s=$("$COBOARD_BIN" --board "$board" --user sec show 4)
	expect_contains "$s" "Co-executors: MIA, MOH" "co-executors from one side"
	expect_contains "$s" "urgent" "labels from the other"
	s=$("$COBOARD_BIN" --board "$board" --user sec show 2)
	expect_contains "$s" "2026-05-01" "one field changed on both sides keeps the later date"
	expect_contains "$s" "Set aside" "and shows the other value as set aside"
	expect_contains "$("$COBOARD_BIN" --board "$board" --user sec list)" "Akmola's card" "new cards from both sides"
	expect_eq "$("$COBOARD_BIN" --board "$board" --user sec fsck)" "fsck: ok, 6 cards at $(git --git-dir="$board" rev-parse --short=7 main)" "fsck is clean"
	h=$("$COBOARD_BIN" --board "$board" --user sec history 1)
	expect_eq "$(printf '%s\n' "$h" | grep -c "column      todo -> in-progress")" 1 "the move appears once in history"
	expect_contains "$(printf '%s\n' "$h" | grep "todo -> in-progress")" "Aigerim Astana" "by its author"
	expect_eq "$(printf '%s\n' "$h" | grep -c "MOH -> AKM")" 1 "the reassignment appears once"
	expect_contains "$(printf '%s\n' "$h" | grep -- "MOH -> AKM")" "Askar Akmola" "by its author"
	l=$("$COBOARD_BIN" --board "$board" --user sec log --limit 100)
	expect_eq "$(printf '%s\n' "$l" | grep -c 'note        added "said in Astana"')" 1 "the log has each note once"
	expect_contains "$(printf '%s\n' "$l" | grep 'set aside due')" "Askar Akmola" "the merge itself records only what it set aside"
done
c=$(ca conflicts)
expect_contains "$c" "due          kept 2026-05-01, set aside 2026-04-01" "conflicts lists the value set aside"
CB_USER=moe ca conflicts resolve 2 due take >"$T/m.out" 2>&1 && fail "a member decided a conflict"
expect_contains "$(cat "$T/m.out")" "only a secretary or an admin" "a member may not decide"
run 2 conflicts resolve twelve due take
expect_contains "$ERR" "'twelve' is not a card id" "a bad card id is a usage error"
out=$(CB_USER=ast ca conflicts resolve 2 due take)
expect_contains "$out" "decided #2 due" "resolve says what it did"
expect_contains "$(ca show 2)" "Due:          2026-04-01" "take sets the value set aside"
expect_not_contains "$(ca show 2)" "Set aside" "and the record is gone"
expect_eq "$(ca conflicts)" "no conflicts: no value is set aside" "nothing is left to decide"

# --- the other direction, and nothing to do ------------------------------------------------
CB_USER=ast ca edit 101 --title "Astana's card, renamed" >/dev/null
out=$(CB_USER=akm cbb sync)
expect_contains "$out" "sync origin: 2 changes in, 0 out" "sync with every remote: the clone's origin is Astana too"
expect_contains "$out" "sync astana: 0 changes in, 0 out, already the same" "one line per remote"
expect_eq "$(tree "$A")" "$(tree "$B")" "the same tree again"
out=$(CB_USER=akm cbb sync astana)
expect_contains "$out" "already the same" "a second sync has nothing to do"
expect_contains "$(CB_USER=admin cbb remote list)" "synced " "remote list says when it last synced"

# --- board.conf from both sides -------------------------------------------------------------
CB_USER=admin ca member set view --role member --agency MOE >/dev/null
CB_USER=admin cbb member set view --role member --agency MOH >/dev/null
CB_USER=admin ca member add ast2 --role viewer >/dev/null
CB_USER=admin cbb member add akm2 --role viewer >/dev/null
CB_USER=akm cbb sync astana >/dev/null
m=$(CB_USER=admin ca member list)
expect_contains "$m" "ast2" "a member added on one side stays"
# Who may do what here is this office's to decide: the other's changes wait as proposals.
expect_not_contains "$m" "akm2" "one added on the other office is not in force here by itself"
expect_contains "$m" "view             member     MOE" "nor is the other office's change of a member"
conf=$(git --git-dir="$A" show main:board.conf)
expect_contains "$conf" "member: akm2 |" "the member added on the other side is in board.conf"
expect_contains "$conf" "member: view | Viktor Viewer | view@example.kz | member | MOH" "the member line changed on both keeps one (the later in byte order)"
p=$(CB_USER=admin ca authority)
expect_contains "$p" "proposes: akm2 joins as viewer" "authority lists the member the other office added"
expect_contains "$p" "proposes: view moves to agency MOH (now MOE)" "and the change of a member"
expect_contains "$p" "coboard authority accept|refuse akm2" "with the way to decide"
CB_USER=sec ca authority accept akm2 >"$T/acc.out" 2>&1 && fail "a secretary accepted a proposal"
expect_contains "$(cat "$T/acc.out")" "may not decide who may do what here" "only an admin decides"
expect_contains "$(CB_USER=admin ca authority accept akm2)" "accepted 1 proposed change" "an admin accepts"
expect_contains "$(CB_USER=admin ca member list)" "akm2" "and the member is in force here"
expect_contains "$(git --git-dir="$A" log -1 --format=%B main)" "Decision: accepted" "the decision is a commit"
expect_contains "$(CB_USER=admin ca authority refuse view --reason "MOE leads here")" "refused 1" "an admin refuses"
expect_not_contains "$(CB_USER=admin ca authority)" "view" "a refused proposal is not listed again"
expect_contains "$(CB_USER=admin ca member list)" "view             member     MOE" "and what is in force stays"
expect_contains "$(ca conflicts)" "# conflict: member: view" "the other line is set aside in board.conf"
expect_eq "$(tree "$A")" "$(tree "$B")" "board.conf merges to the same tree"
run 1 conflicts resolve board.conf
expect_contains "$ERR" "only an admin may change board.conf" "a secretary does not decide board.conf"
expect_contains "$(CB_USER=admin ca conflicts resolve board.conf)" "decided board.conf" "an admin decides board.conf"
expect_not_contains "$(git --git-dir="$A" show main:board.conf)" "# conflict:" "the line set aside is gone"
expect_eq "$(ca conflicts)" "no conflicts: no value is set aside" "nothing left to decide"

# --- minutes written with plain git merge too; files outside the board's layout never come in
git clone -q "$A" "$T/docs"
mkdir -p "$T/docs/docs/2026"
echo "agenda of the Astana office" >"$T/docs/docs/2026/agenda.txt"
git -C "$T/docs" add docs
git -C "$T/docs" -c user.name=Clerk -c user.email=clerk@example.kz commit -qm "The agenda"
if git -C "$T/docs" push -q origin HEAD:main 2>"$T/docs.err"; then fail "a folder outside the board's layout was pushed"; fi
expect_contains "$(cat "$T/docs.err")" "docs/2026/agenda.txt: not part of a board" "the push is refused, naming the file"
git -C "$T/docs" reset -q --hard origin/main
mkdir -p "$T/docs/meetings"
echo "agenda of the Astana office" >"$T/docs/meetings/agenda-2026.md"
git -C "$T/docs" add meetings
git -C "$T/docs" -c user.name=Clerk -c user.email=clerk@example.kz commit -qm "The agenda"
git -C "$T/docs" push -q origin HEAD:main
CB_USER=akm cbb note 2 "meanwhile in Akmola" >/dev/null
CB_USER=akm cbb sync astana >/dev/null
expect_eq "$(git --git-dir="$B" show main:meetings/agenda-2026.md)" "agenda of the Astana office" "a file in a folder of the other side is merged"
expect_eq "$(tree "$A")" "$(tree "$B")" "and both boards agree"

# --- bad remotes: a clear message, nothing changed here -----------------------------------
tip=$(git --git-dir="$B" rev-parse main)
CB_USER=admin cbb remote add nowhere "ssh://nobody@127.0.0.1:1/nothing.git" >/dev/null
run_b() { set +e; CB_USER=akm cbb "$@" >"$T/stdout" 2>"$T/stderr"; got=$?; set -e; ERR=$(cat "$T/stderr"); }
run_b sync elsewhere
expect_eq "$got" 1 "a remote the board does not have fails"
expect_contains "$ERR" "there is no remote elsewhere" "and is named"
run_b sync nowhere
expect_eq "$got" 1 "an unreachable remote fails"
expect_contains "$ERR" "cannot fetch from nowhere" "and says so"
expect_contains "$ERR" "nothing changed here" "and that nothing changed"
git init -q --bare "$T/plain.git"
git clone -q "$T/plain.git" "$T/plainwork" 2>/dev/null
echo hello >"$T/plainwork/README"
git -C "$T/plainwork" add README
git -C "$T/plainwork" -c user.name=x -c user.email=x@x commit -qm first
git -C "$T/plainwork" push -q origin HEAD:main
# Added with plain git, since remote add refuses it: sync must refuse it too.
git --git-dir="$B" remote add plain "$T/plain.git"
run_b sync plain
expect_eq "$got" 1 "a remote that is no board fails"
expect_contains "$ERR" "plain is not a coboard board" "and is named as no board"
"$COBOARD_BIN" --user admin init "$T/other.git" --from "$FIXTURE" >/dev/null
CB_USER=admin cbb remote add other "$T/other.git" >/dev/null
run_b sync other
expect_eq "$got" 1 "an unrelated board fails"
expect_contains "$ERR" "share no history" "and the message says why"
git --git-dir="$B" remote add gone "$T/gone.git"
run_b sync gone
expect_contains "$ERR" "cannot fetch from gone: '$T/gone.git' does not appear to be a git repository" "git's own reason, not its closing advice"
git --git-dir="$B" remote remove gone
if command -v ssh >/dev/null; then
	# Nothing listens on port 1: ssh's own reason comes through, not only git's advice.
	CB_USER=admin cbb remote add closed "ssh://sync@127.0.0.1:1/board.git" >/dev/null
	run_b sync closed
	expect_contains "$ERR" "cannot fetch from closed: ssh: connect to host 127.0.0.1 port 1: Connection refused" \
		"an ssh failure keeps its cause"
	CB_USER=admin cbb remote remove closed >/dev/null
fi
git clone -q --bare "$B" "$T/strict.git"
printf '#!/bin/sh\necho "pushes are closed for the audit" >&2\nexit 1\n' >"$T/strict.git/hooks/pre-receive"
chmod +x "$T/strict.git/hooks/pre-receive"
CB_USER=akm cbb note 1 "only here" >/dev/null
tip=$(git --git-dir="$B" rev-parse main)
"$COBOARD_BIN" --board "$T/strict.git" --user admin note 2 "strict side" >/dev/null 2>&1 || true
CB_USER=admin cbb remote add strict "$T/strict.git" >/dev/null
run_b sync strict
expect_eq "$got" 1 "a push the remote refuses fails"
expect_contains "$ERR" "strict refused the changes: pushes are closed for the audit" "with the remote's own words"
expect_eq "$(git --git-dir="$B" rev-parse main)" "$tip" "and leaves this board as it was"
expect_eq "$(git --git-dir="$B" rev-parse main)" "$tip" "no bad remote moved this board"
run_b sync "bad name"
expect_eq "$got" 1 "a malformed remote name fails"
expect_contains "$ERR" "is not a remote name" "and is named"
CB_USER=admin cbb remote remove strict >/dev/null
CB_USER=admin cbb remote remove plain >/dev/null
CB_USER=admin cbb remote remove other >/dev/null
CB_USER=admin cbb remote remove nowhere >/dev/null
expect_not_contains "$(CB_USER=admin cbb remote list)" "strict" "remote remove"

# --- writers on both sides racing syncs -----------------------------------------------------
N=${COBOARD_SYNC_RACE:-15}
writer() { # BOARD WHO TAG
	i=0
	while [ $i -lt "$N" ]; do
		"$COBOARD_BIN" --board "$1" --user "$2" note 3 "$3 $i" >/dev/null 2>&1 || echo "lost $3 $i" >>"$T/lost"
		i=$((i + 1))
	done
}
writer "$A" ast astana &
wa=$!
writer "$B" akm akmola &
wb=$!
while kill -0 $wa 2>/dev/null || kill -0 $wb 2>/dev/null; do
	CB_USER=akm cbb sync astana >/dev/null 2>>"$T/sync.err" || true
done
wait $wa $wb
CB_USER=akm cbb sync astana >/dev/null
CB_USER=akm cbb sync astana >/dev/null
[ ! -s "$T/lost" ] || fail "a write failed during the syncs: $(cat "$T/lost")"
expect_eq "$(tree "$A")" "$(tree "$B")" "after racing writers both boards agree"
s=$(ca show 3)
i=0
while [ $i -lt "$N" ]; do
	expect_contains "$s" "astana $i" "no Astana note is lost"
	expect_contains "$s" "akmola $i" "no Akmola note is lost"
	i=$((i + 1))
done
ca fsck >/dev/null
cbb fsck >/dev/null

# --- a plain git pull with the merge driver merges as sync does ------------------------------
git clone -q --bare "$A" "$T/x.git"
git clone -q --bare "$A" "$T/y.git"
for b in "$T/x.git" "$T/y.git"; do git --git-dir="$b" config coboard.site akmola; done
"$COBOARD_BIN" --board "$T/x.git" --user akm edit 1 --due 2026-07-01 --reason "new deadline" >/dev/null
"$COBOARD_BIN" --board "$T/x.git" --user akm note 1 "x note" >/dev/null
"$COBOARD_BIN" --board "$T/y.git" --user akm edit 1 --due 2026-06-01 --reason "new deadline" --title "Renamed in y" >/dev/null
"$COBOARD_BIN" --board "$T/y.git" --user akm note 1 "y note" >/dev/null
git clone -q "$T/x.git" "$T/clerk"
git -C "$T/clerk" config merge.coboard.driver "$COBOARD_BIN merge-card %O %A %B %P"
git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz pull -q --no-rebase --no-edit "$T/y.git" main
git --git-dir="$T/x.git" remote add y "$T/y.git"
"$COBOARD_BIN" --board "$T/x.git" --user akm sync y >/dev/null
expect_eq "$(git -C "$T/clerk" rev-parse 'HEAD^{tree}')" "$(tree "$T/x.git")" "git pull with the driver gives the tree sync gives"
card=$(cat "$T/clerk/cards/00/1.card")
expect_contains "$card" "due: 2026-07-01" "the later date is kept"
expect_contains "$card" "--- conflict due" "the other is set aside"
expect_contains "$card" "title: Renamed in y" "a field changed on one side is taken"
expect_contains "$card" "x note" "notes from ours"
expect_contains "$card" "y note" "and theirs"

# --- criss-cross: each side merged the other on its own; the next sync meets two bases ------
git clone -q --bare "$A" "$T/p.git"
git clone -q --bare "$A" "$T/q.git"
"$COBOARD_BIN" --board "$T/p.git" --user akm edit 3 --title "Titled in P" >/dev/null
"$COBOARD_BIN" --board "$T/q.git" --user akm note 3 "noted in Q" >/dev/null
git --git-dir="$T/p.git" branch p1 main
for side in p q; do
	other=$([ $side = p ] && echo "$T/q.git main" || echo "$T/p.git p1")
	git clone -q "$T/$side.git" "$T/${side}w"
	git -C "$T/${side}w" config merge.coboard.driver "$COBOARD_BIN merge-card %O %A %B %P"
	# shellcheck disable=SC2086
	git -C "$T/${side}w" -c user.name=Clerk -c user.email=clerk@example.kz pull -q --no-rebase --no-edit $other
	git -C "$T/${side}w" push -q origin HEAD:main
done
"$COBOARD_BIN" --board "$T/p.git" --user akm edit 3 --due 2026-10-01 --reason "new deadline" >/dev/null
"$COBOARD_BIN" --board "$T/q.git" --user akm assign 3 --co MOE >/dev/null
git --git-dir="$T/p.git" remote add q "$T/q.git"
git --git-dir="$T/p.git" fetch -q q +refs/heads/main:refs/remotes/q/main
expect_eq "$(git --git-dir="$T/p.git" merge-base --all main refs/remotes/q/main | wc -l | tr -d ' ')" 2 "the two histories meet at two bases"
out=$("$COBOARD_BIN" --board "$T/p.git" --user akm sync q)
expect_contains "$out" "merged" "a sync merges across a criss-cross"
expect_eq "$(tree "$T/p.git")" "$(tree "$T/q.git")" "both sides agree after it"
s=$("$COBOARD_BIN" --board "$T/p.git" --user akm show 3)
for want in "Titled in P" "noted in Q" "2026-10-01" "Co-executors: MOE"; do
	expect_contains "$s" "$want" "every change of both sides survives the criss-cross"
done
expect_not_contains "$s" "Set aside" "and nothing is set aside, as nothing collided"

# A third office that was away the whole time: what comes in is counted in changes, the
# merges that brought them together aside.
L="$T/late.git"
"$COBOARD_BIN" --board "$L" --user admin hook install >/dev/null
"$COBOARD_BIN" --board "$L" --user admin remote add astana "$A" >/dev/null
merges=$(git --git-dir="$A" rev-list --count --merges main)
[ "$merges" -gt 0 ] || fail "Astana's history holds merges"
changes=$(git --git-dir="$A" rev-list --count --no-merges "$(git --git-dir="$L" rev-parse main)..main")
expect_contains "$("$COBOARD_BIN" --board "$L" --user sec sync astana)" "sync astana: $changes changes in, 0 out" \
	"the count leaves out the $merges merges"

# Many values set aside at once: the line names the first five and counts the rest.
CB_USER=akm cbb sync astana >/dev/null
for id in 1 2 3 4; do
	CB_USER=ast ca edit $id --title "Astana's title $id" --due 2026-11-0$id --reason r >/dev/null
	CB_USER=akm cbb edit $id --title "Akmola's title $id" --due 2026-12-0$id --reason r >/dev/null
done
out=$(CB_USER=akm cbb sync astana)
expect_contains "$out" "values set aside on #1 due, #1 title, #2 due, #2 title, #3 due and 3 more (\`coboard conflicts\`)" \
	"a long result is summarised"
expect_eq "$(git --git-dir="$B" log -1 --format=%B main | grep -c '^Conflict: ')" 8 "the commit lists every one"
# A value set aside that the card is later edited to is no longer a conflict.
aside=$(git --git-dir="$B" show main:cards/00/4.card | sed -n '/^--- conflict due/{n;p;}')
[ -n "$aside" ] || fail "#4 has a due date set aside"
CB_USER=akm cbb edit 4 --due "$aside" --reason "the other office's date, after all" >/dev/null
expect_not_contains "$(git --git-dir="$B" show main:cards/00/4.card)" "--- conflict due" \
	"editing the card to the value set aside settles it"
expect_contains "$(git --git-dir="$B" show main:cards/00/4.card)" "--- conflict title" "the other field's stays"
expect_contains "$(CB_USER=akm cbb history 4 | head -3)" "resolved due" "and the history says it was resolved"

# The merge's subject names the office the changes come from when the remote is called
# otherwise (the clone's origin is Astana): from the Site: trailer of a merge made there.
CB_USER=admin ca remote add akmola "$B" >/dev/null
CB_USER=ast ca note 1 "merged in Astana" >/dev/null
CB_USER=akm cbb note 2 "written in Akmola" >/dev/null
CB_USER=ast ca sync akmola >/dev/null
CB_USER=ast ca note 1 "again in Astana" >/dev/null
CB_USER=akm cbb note 2 "again in Akmola" >/dev/null
CB_USER=akm cbb sync origin >/dev/null
expect_contains "$(git --git-dir="$B" log -1 --format=%s main)" "Sync with origin (site astana): " \
	"the merge names the office it came from"
echo "ok sync, criss-cross"
