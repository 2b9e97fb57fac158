# A table of bad input: each row the arguments, the status, a piece of the message; and the
# repository must not change.
. "$(dirname "$0")/../lib.sh"
new_board
long_title=$(printf 'x%.0s' $(seq 1 201))
before=$(git --git-dir="$BOARD" rev-parse main)

check() { # status message args...
	status=$1
	message=$2
	shift 2
	run "$status" "$@"
	expect_contains "$ERR" "$message" "coboard $*"
	expect_eq "$(git --git-dir="$BOARD" rev-parse main)" "$before" "coboard $* made no commit"
}

check 1 "no card #99 on this board"            show 99
check 1 "no card #99 on this board"            move 99 done --reason "work done"
check 1 "no card #99 on this board"            history 99
check 2 "'abc' is not a card id"               move abc done --reason "work done"
check 2 "'0' is not a card id"                 show 0
check 1 "unknown column 'finished'; the columns are: todo, in-progress, blocked, done" move 1 finished
check 1 "unknown column 'nowhere'"             add --title T --lead MOE --column nowhere
check 1 "unknown column 'nowhere'"             list --column nowhere
check 1 "unknown agency 'XYZ' for the lead"    assign 1 --lead XYZ
check 1 "unknown agency 'XYZ' among the co-executors" assign 1 --co MOE,XYZ
check 1 "unknown agency 'XYZ' for the lead"    add --title T --lead XYZ
check 1 "unknown agency 'NOPE'"                list --agency NOPE
check 1 "MOH is the lead and cannot also be a co-executor" assign 1 --co MOH
check 1 "co-executor MIA is listed twice"      assign 1 --co MIA,MIA
check 1 "'2026-02-30' is not a real date"      edit 1 --due 2026-02-30 --reason "new deadline"
check 1 "'2026-13-01' is not a real date"      add --title T --lead MOE --due 2026-13-01
check 1 "'tomorrow' is not a real date"        edit 1 --due tomorrow --reason "new deadline"
check 2 "'2026-02-30' is not a real date"      log --since 2026-02-30
check 1 "the title is empty"                   add --title "" --lead MOE
check 1 "the title is empty"                   edit 1 --title "   "
check 1 "the title is too long (201 characters; at most 200)" add --title "$long_title" --lead MOE
check 1 "the title contains a control character (U+001B" add --title "bad${ESC}[2J" --lead MOE
check 1 "the title contains a control character (U+000A" edit 1 --title "two
lines"
check 1 "the note contains a control character (U+0007" note 1 "$(printf 'bell\007')"
check 1 "the description contains a control character (U+202E" edit 1 --description "$(printf 'evil \342\200\256 text')"
check 1 "the reason contains a control character" move 1 done --reason "$(printf 'x\033y')"
check 1 "the title is not valid UTF-8"         add --title "$(printf 'bad \377 byte')" --lead MOE
check 1 "the note is empty"                    note 1 "   "
check 1 "label 'a b' may not contain spaces"   edit 1 --label "a b"
check 1 "#4 is not in column 'done'"           move 1 done --reason "work done" --before 4
check 1 "give --before or --after, not both"   move 1 todo --before 4 --after 4
check 2 "--title is required"                  add --lead MOE
check 2 "--lead is required"                   add --title T
check 2 "give --lead CODE, --co CODE,.. or both" assign 1
check 2 "give at least one of --title"         edit 1
check 2 "unknown option '--colour'"            list --colour red
check 2 "unknown format 'xml'"                 list --format xml
check 2 "option '--title' needs a value"       add --lead MOE --title
check 2 "unexpected argument 'extra'"          board extra
check 2 "missing argument"                     move 1
check 2 "unknown command 'frobnicate'"         frobnicate
check 0 "nothing to change on #2"             move 2 in-progress

# History, meetings, members, admin.
check 2 "--limit takes a number of rows above 0" log --limit 0
check 2 "--field takes 'responsibility'"      log --field colour
check 1 "no card #99 on this board"            blame 99
check 1 "no commit 'deadbeef'"                 revert deadbeef
check 1 "is not a change of one card; only card changes are undone" revert main
check 2 "unknown meeting command 'begin'"      meeting begin
check 1 "no meeting is open"                   meeting end
check 2 "--since is required"                  changes
check 1 "'2026-02-30' is not a real date"      changes --since 2026-02-30
check 1 "no meeting has been held yet"         changes --since last-meeting
check 2 "unknown format 'pdf' (md, csv, json or html)" report --format pdf
check 1 "unknown agency 'XYZ'"                 report --agency XYZ
check 1 "'2026-02-30' is not a real date"      board --at 2026-02-30
CB_USER=admin check 2 "--role is required for member add" member add bob
CB_USER=admin check 1 "unknown role 'boss'"    member add bob --role boss
CB_USER=admin check 1 "member with the role 'member' needs --agency" member add bob --role member
CB_USER=admin check 1 "member 'bob' names unknown agency 'XYZ'" member add bob --role member --agency XYZ
CB_USER=admin check 1 "is not an OpenSSH public key" member add bob --role viewer --key "not a key"
CB_USER=admin check 1 "sec is already a member"  member add sec --role viewer
CB_USER=admin check 1 "nobody is not a member"   member remove nobody
CB_USER=admin check 1 "admin is the last admin"  member remove admin
CB_USER=admin check 1 "admin is the last admin"  member set admin --role secretary
CB_USER=admin check 1 "member login 'bo b' must be" member add "bo b" --role viewer
CB_USER=admin check 1 "may not contain '<' or '>'" member add bob --role viewer --email "b<x>@e.kz"
CB_USER=admin check 1 "a member name"            member add bob --role viewer --name "$(printf 'Bob\nEvil')"
CB_USER="$(printf 'admin\nOp: init')" check 1 "is not a login" member set sec --role admin
CB_USER="-x" check 1 "is not a login"            list
CB_USER=admin check 2 "unknown admin command 'keys'" admin keys
check 1 "only an admin may change board.conf"  admin authorized-keys

# Roles: a viewer and a member outside the card's agencies are refused, nothing written.
CB_USER=view check 1 "view may not change #1: viewers can read the board" move 1 done --reason "work done"
CB_USER=moe check 1 "moe may not change #3: members may change only cards their agency" move 3 todo
CB_USER=moe check 1 "members may add only cards their own agency leads" add --title T --lead MOH
CB_USER=sec check 1 "only an admin may change board.conf" member add bob --role viewer

# A board path that is not a board.
set +e
"$COBOARD_BIN" --board "$T/nowhere.git" list >"$T/o" 2>"$T/e"
status=$?
set -e
expect_eq "$status" 1 "missing board exits 1"
expect_contains "$(cat "$T/e")" "is not a coboard board" "missing board message"
expect_contains "$(cat "$T/e")" "coboard init" "missing board names the way out"

# A board whose repository git cannot open (here its commondir points nowhere): a write
# names the repository and the way out, not libgit2's "invalid argument".
cp -r "$BOARD" "$T/unopenable.git"
echo /nonexistent >"$T/unopenable.git/commondir"
set +e
"$COBOARD_BIN" --board "$T/unopenable.git" --user sec move 1 done --reason "work done" >"$T/o" 2>"$T/e"
status=$?
set -e
expect_eq "$status" 1 "a write to a repository that will not open exits 1"
expect_contains "$(cat "$T/e")" "unopenable.git/ will not open as a git repository" "and names it"
expect_contains "$(cat "$T/e")" "git --git-dir=" "and the way out"
expect_not_contains "$(cat "$T/e")" "invalid argument" "not libgit2's bare words"
expect_eq "$(git --git-dir="$T/unopenable.git" rev-parse main 2>/dev/null || true)" "" "git cannot read it either"

# init over an existing board refuses.
set +e
"$COBOARD_BIN" init "$BOARD" >"$T/o" 2>"$T/e"
status=$?
set -e
expect_eq "$status" 1 "init over a board fails"
expect_contains "$(cat "$T/e")" "already holds a repository" "init message"

# A second writer holding the lock past the timeout.
( printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 3; printf 'COMMIT;\n' ) | sqlite3 "$BOARD/coboard/index.sqlite" >/dev/null &
holder=$!
sleep 0.5
export COBOARD_LOCK_TIMEOUT=300
check 1 "another writer holds the board" move 1 done --reason "work done"
unset COBOARD_LOCK_TIMEOUT
wait $holder
run 0 move 1 done --reason "work done"
expect_eq "$(last_subject)" "Move #1 from To do to Done" "works once the lock is gone"
echo ok
