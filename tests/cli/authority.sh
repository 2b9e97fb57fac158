# Each office keeps its own authority and its history: what another office's board or a push
# may bring (work) and may not (roles, a rewritten history, files outside the board, ids that
# stop `add`), one check for pushes and syncs alike, no code run through the board, sites
# reserved rather than renamed, and a sync that neither hangs nor writes a password down.
. "$(dirname "$0")/../lib.sh"
new_board
A="$BOARD"
B="$T/akmola.git"
ca() { "$COBOARD_BIN" --board "$A" --user "${CB_USER:-sec}" "$@"; }
cbb() { "$COBOARD_BIN" --board "$B" --user "${CB_USER:-sec}" "$@"; }

# --- sites: a server that has its site reserves numbers for the others -----------------------
CB_USER=admin ca site astana >/dev/null
out=$(CB_USER=admin ca site akmola 2)
expect_contains "$out" "reserved number 02 for site akmola" "site NAME NUMBER reserves the number"
expect_contains "$out" "this server stays site astana" "and says this server keeps its site"
expect_eq "$(git --git-dir="$A" config coboard.site)" "astana" "the server is not renamed"
expect_contains "$(git --git-dir="$A" show main:board.conf)" "site: akmola | 2" "the reservation is in board.conf"
git clone -q --bare "$A" "$B"
CB_USER=admin cbb hook install >/dev/null
out=$(CB_USER=admin cbb site akmola)
expect_contains "$out" "ids ending in 02" "the second office takes the reserved number"
expect_eq "$(CB_USER=sec ca add --title "Astana card" --lead MOE)" 101 "ids of the first office end in 01"
expect_eq "$(CB_USER=sec cbb add --title "Akmola card" --lead MOE)" 102 "and of the second in 02"
out=$(CB_USER=admin ca site astana-2 --this-server)
expect_contains "$out" "this server is site astana-2" "renaming the server is its own, explicit form"
CB_USER=admin ca site astana --this-server >/dev/null

# Two offices that named their sites apart both made #102: sync keeps both cards.
git clone -q --bare "$A" "$T/x.git"
git clone -q --bare "$A" "$T/y.git"
for b in x y; do git --git-dir="$T/$b.git" config coboard.site akmola; done
cx() { "$COBOARD_BIN" --board "$T/x.git" --user sec "$@"; }
cy() { "$COBOARD_BIN" --board "$T/y.git" --user sec "$@"; }
expect_eq "$(cx add --title "Hotline in X" --lead MOE)" 102 "X makes #102"
expect_eq "$(cy add --title "Shelter in Y" --lead MOH)" 102 "and Y makes #102 too"
git --git-dir="$T/x.git" remote add y "$T/y.git"
out=$(CB_USER=sec cx sync y)
expect_contains "$out" "two different cards came as #102: the other office's is #202 here" "sync says both are kept"
expect_contains "$(cx show 102)" "Hotline in X" "ours keeps the id"
s=$(cx show 202)
expect_contains "$s" "Shelter in Y" "theirs comes in under a new id ending in the same number"
expect_contains "$s" "MOH" "with its own lead"
expect_contains "$s" "Came from another office as #102" "and a note saying where it came from"
expect_not_contains "$(cx show 102)" "Shelter in Y" "nothing of theirs is fused into ours"
expect_contains "$(git --git-dir="$T/x.git" log -1 --format=%B main)" "Renumbered: #102 #202" "the merge says so in a trailer"
expect_eq "$(git --git-dir="$T/y.git" rev-parse 'main^{tree}')" "$(git --git-dir="$T/x.git" rev-parse 'main^{tree}')" "both boards agree"
expect_contains "$(cy show 202)" "Shelter in Y" "Y finds its card under the new id"
expect_eq "$(cx add --title "Next in X" --lead MOE)" 302 "and the next id goes on above both"

# --- authority: the other office's roles wait for an admin here ------------------------------
CB_USER=admin cbb remote add astana "$A" >/dev/null
CB_USER=admin cbb member add mallory --role admin --name Mallory >/dev/null
CB_USER=admin cbb member set sec --role viewer >/dev/null
CB_USER=admin cbb sync astana >/dev/null
m=$(CB_USER=admin ca member list)
expect_not_contains "$m" "mallory" "a remote's new admin is not in force here"
expect_contains "$m" "sec              secretary" "nor its demotion of this office's secretary"
CB_USER=mallory ca member add eve --role admin >"$T/m.out" 2>&1 && fail "the remote's admin acted here"
expect_contains "$(cat "$T/m.out")" "only an admin" "and is refused as what it is here"
run 0 move 1 in-progress
p=$(CB_USER=view ca authority)
expect_contains "$p" "proposes: mallory joins as admin" "anyone may read what waits"
expect_contains "$p" "proposes: sec becomes viewer (now secretary)" "each change in words"
CB_USER=admin ca authority accept nobody >"$T/a.out" 2>&1 && fail "accepting nothing succeeded"
expect_contains "$(cat "$T/a.out")" "nothing proposed for nobody" "an unknown proposal is named"
n=$(commits)
expect_contains "$(CB_USER=admin ca authority refuse all --reason "roles are given here")" "refused 2" "refuse all"
expect_eq "$(commits)" "$((n + 1))" "one commit records the decision"
body=$(git --git-dir="$A" log -1 --format=%B main)
expect_contains "$body" "Reason: roles are given here" "with its reason"
expect_contains "$body" "Decision: refused" "and the decision as a trailer"
expect_contains "$(CB_USER=admin ca authority)" "nothing proposed" "refused proposals are not listed again"
expect_not_contains "$(CB_USER=admin ca member list)" "mallory" "what is in force stays"
# An admin's own change goes into git and keeps the other office's lines there.
CB_USER=admin ca member add ast --role secretary --name "Aigerim Astana" >/dev/null
conf=$(git --git-dir="$A" show main:board.conf)
expect_contains "$conf" "member: ast |" "a local admin's change is written to git"
expect_contains "$conf" "member: mallory |" "beside the other office's line"
expect_contains "$(CB_USER=admin ca member list)" "ast              secretary" "and is in force at once"
cp "$A/coboard-authority.conf" "$T/authority.bak"
printf 'title: x\n' >"$A/coboard-authority.conf"
run 1 list
expect_contains "$ERR" "coboard-authority.conf" "a damaged authority file is named"
expect_contains "$ERR" "restore it from a backup" "with the way out"
cp "$T/authority.bak" "$A/coboard-authority.conf"
run 0 list

# --- history only grows; everything that comes in is checked, commit by commit --------------
expect_eq "$(git --git-dir="$A" config receive.denyNonFastForwards)" "true" "git itself refuses rewinds"
expect_eq "$(git --git-dir="$A" config receive.denyDeletes)" "true" "and deletions"
expect_eq "$(git --git-dir="$A" config transfer.fsckObjects)" "true" "and checks the objects that come in"
rm -rf "$T/clerk"
git clone -q "$A" "$T/clerk"
clerk() { git -C "$T/clerk" -c user.name=Clerk -c user.email=clerk@example.kz "$@"; }
refused() { # WHAT NEEDLE [REFSPEC]
	tip=$(git --git-dir="$A" rev-parse main)
	if clerk push -q origin "${3:-main}" 2>"$T/push.err"; then fail "$1: the push went through"; fi
	expect_contains "$(cat "$T/push.err")" "$2" "$1: the refusal names it"
	expect_eq "$(git --git-dir="$A" rev-parse main)" "$tip" "$1: the board did not move"
	clerk reset -q --hard origin/main
}
sed -i 's/^lead: .*/lead: XYZ/' "$T/clerk/cards/00/2.card"
clerk commit -qam "A broken card"
sed -i 's/^lead: .*/lead: MOE/' "$T/clerk/cards/00/2.card"
clerk commit -qam "Fixed again at the tip"
refused "a broken commit under a good tip" "cards/00/2.card: unknown agency 'XYZ'"
echo "notes" >"$T/clerk/notes.txt"
clerk add notes.txt
clerk commit -qm "A file outside the board"
refused "an unknown top-level file" "notes.txt: not part of a board"
head -c 5000000 /dev/urandom >"$T/clerk/cards/big.bin"
clerk add cards/big.bin
clerk commit -qm "A big blob"
refused "a file over the limit" "over the limit"
head -c 5000000 /dev/zero | tr '\0' '#' >>"$T/clerk/board.conf"
clerk commit -qam "A huge board.conf"
refused "a board.conf over the limit" "board.conf: "
cp "$T/clerk/cards/00/2.card" "$T/clerk/cards/99/999999.card" 2>/dev/null || {
	mkdir -p "$T/clerk/cards/99"
	cp "$T/clerk/cards/00/2.card" "$T/clerk/cards/99/999999.card"
}
clerk add cards
clerk commit -qm "An id that ends every later add"
refused "an id far above the others" "far above the board's highest id"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "agency: X%05d | Agency %d\n", i, i }' >>"$T/clerk/board.conf"
clerk commit -qam "Three thousand agencies"
refused "more agencies than a board may have" "at most 64, 2000 and 50000"
clerk checkout -q -b other
refused "another branch" "only main" other
clerk checkout -q main
# The meeting tags coboard makes pass; a tag moved onto anything else does not.
CB_USER=sec ca meeting start "Weekly" >/dev/null
CB_USER=sec ca note 1 "decided" >/dev/null
CB_USER=sec ca meeting end >/dev/null
tag=$(git --git-dir="$A" tag -l 'meeting/*' | head -1)
[ -n "$tag" ] || fail "meeting end made a tag"
clerk pull -q
clerk tag -f "$tag" HEAD~1
refused "a meeting tag moved" "never moves" "+refs/tags/$tag"
clerk tag "meeting/2030-01-01" HEAD
refused "a meeting tag on a commit without its minutes" "must name the commit that wrote" "refs/tags/meeting/2030-01-01"

# A fast-forward sync is checked as a merge is: the remote's broken card does not come in.
CB_USER=admin cbb sync astana >/dev/null
mv "$B/hooks/pre-receive" "$T/hook.off"
rm -rf "$T/bclerk"
git clone -q "$B" "$T/bclerk"
sed -i 's/^lead: .*/lead: XYZ/' "$T/bclerk/cards/00/3.card"
git -C "$T/bclerk" -c user.name=C -c user.email=c@x commit -qam "A broken card at Akmola"
git -C "$T/bclerk" push -q origin main
mv "$T/hook.off" "$B/hooks/pre-receive"
tip=$(git --git-dir="$A" rev-parse main)
CB_USER=admin ca remote add akmola "$B" >/dev/null
set +e
CB_USER=admin ca sync akmola >"$T/s.out" 2>"$T/s.err"
status=$?
set -e
expect_eq "$status" 1 "a fast-forward that brings a broken card fails"
expect_contains "$(cat "$T/s.err")" "unknown agency 'XYZ'" "naming the problem"
expect_eq "$(git --git-dir="$A" rev-parse main)" "$tip" "and nothing changed here"

# The board "as it stood" is only ever a commit of its own history.
run 1 board --at refs/remotes/akmola/main
expect_contains "$ERR" "is not in the board's history" "--at refuses another branch's commit"

# A remote that rewrote its history is refused, naming the commits.
git --git-dir="$B" update-ref refs/heads/main "$(git --git-dir="$B" rev-parse 'main~1')"
taken=$(git --git-dir="$A" rev-parse refs/remotes/akmola/main)
set +e
CB_USER=admin ca sync akmola >"$T/s.out" 2>"$T/s.err"
status=$?
set -e
expect_eq "$status" 1 "a remote whose history went back fails"
expect_contains "$(cat "$T/s.err")" "akmola rewrote its history" "and says so"
expect_contains "$(cat "$T/s.err")" "no longer holds $(printf %.7s "$taken")" "naming the commit taken from it"
expect_eq "$(git --git-dir="$A" rev-parse refs/remotes/akmola/main)" "$taken" "what was taken is kept"
set +e
CB_USER=admin ca sync akmola >/dev/null 2>&1
status=$?
set -e
expect_eq "$status" 1 "and the next sync refuses too"

# --- git's merge driver never keeps ours silently -------------------------------------------
git --git-dir="$A" show main:cards/00/2.card >"$T/ours.card"
cp "$T/ours.card" "$T/ours.before"
set +e
"$COBOARD_BIN" merge-card "$T/no-such-base" "$T/ours.card" "$T/ours.card" cards/00/2.card 2>"$T/mc.err"
status=$?
set -e
expect_eq "$status" 1 "a driver line naming a file that is not there fails"
expect_contains "$(cat "$T/mc.err")" "no-such-base does not exist" "naming the file"
expect_contains "$(cat "$T/mc.err")" "merge-card %O %A %B %P" "and the driver line to check"
cmp -s "$T/ours.card" "$T/ours.before" || fail "nothing was written to ours"
# Conflict markers a hand merge left are refused at the door and named by fsck.
rm -rf "$T/clerk"
git clone -q "$A" "$T/clerk"
printf '\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> other\n' >>"$T/clerk/cards/00/3.card"
git -C "$T/clerk" -c user.name=C -c user.email=c@x commit -qam "A half merge"
if git -C "$T/clerk" push -q origin main 2>"$T/push.err"; then fail "conflict markers were pushed"; fi
expect_contains "$(cat "$T/push.err")" "git conflict marker" "the hook names the conflict markers"
mv "$A/hooks/pre-receive" "$T/hook.off"
git -C "$T/clerk" push -q origin main
mv "$T/hook.off" "$A/hooks/pre-receive"
run 1 fsck
expect_contains "$ERR" "cards/00/3.card: the text holds a git conflict marker" "fsck names them too"
git -C "$T/clerk" -c user.name=C -c user.email=c@x revert --no-edit HEAD >/dev/null
git -C "$T/clerk" push -q origin main

# --- nobody runs code through the board -----------------------------------------------------
printf '#!/bin/sh\ntouch "%s/pre-push-ran"\n' "$T" >"$A/hooks/pre-push"
chmod +x "$A/hooks/pre-push"
mkdir -p "$T/hookdir"
cp "$A/hooks/pre-push" "$T/hookdir/pre-push"
git --git-dir="$A" config core.hooksPath "$T/hookdir"
git --git-dir="$B" update-ref refs/heads/main "$taken"
CB_USER=sec ca note 4 "goes out" >/dev/null
CB_USER=admin ca sync astana >/dev/null 2>&1 || true
CB_USER=sec ca sync akmola >/dev/null 2>&1 || true
[ ! -e "$T/pre-push-ran" ] || fail "a hook planted in the board ran during sync"
git --git-dir="$A" config --unset core.hooksPath
run 1 fsck
expect_contains "$ERR" "hooks/pre-push: coboard did not put it there" "fsck names a hook coboard did not install"
rm "$A/hooks/pre-push"
CB_USER=admin run 1 member add odd --role viewer --name "<odd>"
expect_contains "$ERR" "cannot sign a commit" "a name no commit can carry is refused when set"
CB_USER=admin run 1 member add dots --role viewer --name "..."
expect_contains "$ERR" "more than dots and spaces" "and so is a name of dots"

# --- a sync never hangs, and never writes or shows a password -------------------------------
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' >"$T/port" &
silent=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$T/port")
CB_USER=admin ca remote add silent "http://clerk:s3cret@127.0.0.1:$port/board.git" >/dev/null
expect_not_contains "$(CB_USER=admin ca remote list)" "s3cret" "remote list shows no password"
expect_contains "$(CB_USER=admin ca remote list)" "http://clerk@127.0.0.1:$port/board.git" "but the rest of the URL"
set +e
COBOARD_NET_TIMEOUT=2 CB_USER=admin ca sync silent >"$T/s.out" 2>"$T/s.err"
status=$?
set -e
kill $silent 2>/dev/null || true
expect_eq "$status" 1 "a remote that never answers fails"
expect_contains "$(cat "$T/s.err")" "no answer for 2 seconds" "after the timeout, saying so"
expect_not_contains "$(cat "$T/s.err")" "s3cret" "and the password is not shown"
expect_not_contains "$(git --git-dir="$A" log --format=%B main)" "s3cret" "nor written into any commit"
echo ok
