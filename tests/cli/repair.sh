# The index is rebuilt from git: deleted, corrupt, or left behind by a writer killed after
# its commit; and a ref lock left by a killed writer never locks the board for good.
. "$(dirname "$0")/../lib.sh"
new_board
IDX="$BOARD/coboard/index.sqlite"
run 0 move 1 in-progress
run 0 list
listed=$OUT
run 0 log
logged=$OUT

# Deleted: the next command rebuilds it, identical.
rm -f "$IDX" "$IDX-wal" "$IDX-shm"
run 0 list
expect_eq "$OUT" "$listed" "list after deleting the index"
run 0 log
expect_eq "$OUT" "$logged" "log after deleting the index"

# Corrupt: replaced by a rebuilt one.
rm -f "$IDX-wal" "$IDX-shm"
printf 'this is not a database at all, just junk to make SQLite refuse it %0512d' 0 >"$IDX"
run 0 list
expect_eq "$OUT" "$listed" "list after corrupting the index"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck after a corrupt index"

# An older schema: rebuilt too.
sqlite3 "$IDX" "PRAGMA user_version = 0; DROP TABLE changes;"
run 0 list
expect_eq "$OUT" "$listed" "list after an old-schema index"
# The shape of the index the release before wrote (schema 5: no co-executors or set-aside
# mark beside each card), as an upgrade finds it: rebuilt, and the co-executors listed.
sqlite3 "$IDX" "PRAGMA user_version = 5; ALTER TABLE cards DROP COLUMN co;
	ALTER TABLE cards DROP COLUMN set_aside;"
run 0 list
expect_eq "$OUT" "$listed" "list after a schema-5 index"
expect_eq "$(sqlite3 "$IDX" 'PRAGMA user_version')" 8 "the index is rebuilt at schema 8"
# Schema 6 had no table of requests: rebuilt as well.
sqlite3 "$IDX" "PRAGMA user_version = 6; DROP TABLE requests;"
run 0 list
expect_eq "$OUT" "$listed" "list after a schema-6 index"
expect_eq "$(sqlite3 "$IDX" "SELECT count(*) FROM sqlite_master WHERE name = 'requests'")" 1 \
	"the rebuilt index has the requests"
# Schema 7 kept neither the open meeting nor what a commit came by: rebuilt, and they are there.
cb meeting start "Rebuilt" >/dev/null
sqlite3 "$IDX" "PRAGMA user_version = 7; DELETE FROM meta WHERE key = 'meeting';
	ALTER TABLE commits DROP COLUMN minutes; ALTER TABLE commits DROP COLUMN merged_from;
	ALTER TABLE commits DROP COLUMN site; ALTER TABLE commits DROP COLUMN merge;"
run 0 meeting status
expect_contains "$OUT" "Rebuilt" "the open meeting after a schema-7 index"
expect_eq "$(sqlite3 "$IDX" 'PRAGMA user_version')" 8 "the index is rebuilt at schema 8"
cb meeting end >/dev/null

# Killed between the git commit and the index update.
before=$(commits)
set +e
COBOARD_FAULT=after-commit cb move 2 done --reason "work done" >/dev/null 2>&1
status=$?
set -e
expect_eq "$status" 70 "the fault switch kills the writer"
expect_eq "$(commits)" $((before + 1)) "the commit is in git"
tip=$(git --git-dir="$BOARD" rev-parse main)
indexed=$(sqlite3 "$IDX" "SELECT value FROM meta WHERE key = 'tip'")
[ "$indexed" != "$tip" ] || fail "the index should be behind after the fault"
run 0 list --column done
expect_contains "$OUT" "#2" "the next command repairs the index"
run 0 log 2
expect_contains "$OUT" "column      in-progress -> done" "the change is in the log"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck after the fault"

# A stale refs/heads/main.lock (a writer killed while git held it): recovered.
echo "$tip" >"$BOARD/refs/heads/main.lock"
touch -d '1 minute ago' "$BOARD/refs/heads/main.lock"
run 0 move 1 blocked
expect_eq "$(last_subject)" "Move #1 from In progress to Blocked" "commit after a stale ref lock"
[ ! -e "$BOARD/refs/heads/main.lock" ] || fail "the stale lock is gone"

# A fresh lock is waited for, then treated as stale once it is old enough.
git --git-dir="$BOARD" rev-parse main >"$BOARD/refs/heads/main.lock"
run 0 move 1 todo
expect_eq "$(last_subject)" "Move #1 from Blocked to To do" "commit after a lock that went stale"
run 0 fsck
expect_contains "$OUT" "fsck: ok" "fsck after lock recovery"

# A long catch-up writes the search text once, at its end: it is the text of the tip.
run 0 edit 2 --title "Zephyrine inspections"
i=1
while [ $i -le 70 ]; do
	cb note 3 "quokka$i" >/dev/null
	i=$((i + 1))
done
run 0 edit 2 --title "Marmalade inspections"
run 0 reindex
run 0 search quokka70
expect_contains "$OUT" "#3" "a rebuilt index finds the last note"
run 0 search Marmalade
expect_contains "$OUT" "#2" "and the title as it is now"
run 0 search Zephyrine
expect_not_contains "$OUT" "#2" "not the title it had"
echo ok
