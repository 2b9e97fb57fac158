# Two real Unix users in one group share a board made with `init --shared`, each with umask
# 022: they take turns writing (COBOARD_TEST_TURNS each, default 50) without a permission
# error, and neither can act as the other with --user. Needs root (it makes the users).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root to create two Unix users"
	exit 0
fi
group=cbtestgrp
alpha=cbtalpha
beta=cbtbeta
getent group "$group" >/dev/null || groupadd "$group"
for u in "$alpha" "$beta"; do
	id "$u" >/dev/null 2>&1 || useradd -M -N -g "$group" -s /bin/sh "$u"
done
trap 'userdel "$alpha" 2>/dev/null; userdel "$beta" 2>/dev/null; groupdel "$group" 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT
chmod 755 "$T"
cp "$COBOARD_BIN" "$T/coboard"
cp -r "$FIXTURE" "$T/fixture"
chmod -R a+rX "$T/coboard" "$T/fixture"
mkdir "$T/shared"
chown "$alpha:$group" "$T/shared"
chmod 2775 "$T/shared"
SB="$T/shared/board.git"
# as USER ARGS...: coboard as that Unix user, umask 022, no --user.
as() {
	u=$1
	shift
	mkdir -p "$T/home-$u"
	chown "$u" "$T/home-$u"
	runuser -u "$u" -- env HOME="$T/home-$u" COBOARD_TODAY="$COBOARD_TODAY" LC_ALL=C.UTF-8 \
		sh -c 'umask 022; exec "$0" "$@"' "$T/coboard" "$@"
}
as "$alpha" init --shared "$SB" --from "$T/fixture" >/dev/null
as "$alpha" --board "$SB" member add "$beta" --name Beta --role secretary >/dev/null
turns=${COBOARD_TEST_TURNS:-50}
i=0
while [ "$i" -lt "$turns" ]; do
	as "$alpha" --board "$SB" note 1 "alpha $i" >/dev/null 2>"$T/err" ||
		fail "$alpha, turn $i: $(cat "$T/err")"
	as "$beta" --board "$SB" note 2 "beta $i" >/dev/null 2>"$T/err" ||
		fail "$beta, turn $i: $(cat "$T/err")"
	i=$((i + 1))
done
expect_eq "$(git --git-dir="$SB" log --format=%an main | grep -c "^Beta$")" "$turns" \
	"every change of $beta is a commit by $beta"
expect_eq "$(git --git-dir="$SB" log --format=%an main | grep -c "^$alpha$")" $((turns + 2)) \
	"and of $alpha by $alpha"

# --user is not believed from a member who is not the board's owner.
before=$(git --git-dir="$SB" rev-list --count main)
set +e
as "$beta" --board "$SB" --user "$alpha" member set "$beta" --role admin >/dev/null 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "acting as another member is refused"
expect_contains "$(cat "$T/err")" "--user $alpha is refused" "the refusal says why"
expect_eq "$(git --git-dir="$SB" rev-list --count main)" "$before" "and nothing is written"
as "$beta" --board "$SB" --user "$beta" list >/dev/null 2>"$T/err" ||
	fail "naming oneself is fine: $(cat "$T/err")"

# Nobody runs code as another member through the board: a group member cannot plant a hook
# or set git config that the other's coboard (or its background packer) would run.
if runuser -u "$beta" -- sh -c "printf '#!/bin/sh\ntouch $T/ran\n' >'$SB/hooks/pre-auto-gc'" 2>/dev/null; then
	fail "$beta wrote a hook into the shared board"
fi
expect_eq "$(stat -c %a "$SB/hooks")" 2755 "hooks/ is writable by the board's owner only"
expect_eq "$(stat -c %a "$SB/config")" 644 "and so is config"
# The repository's folder stays the group's (every member writes there), so a member can
# still swap config by rename: what git is told there never runs, whoever runs git.
mkdir "$T/beta-hooks"
printf '#!/bin/sh\ntouch %s/ran\n' "$T" >"$T/beta-hooks/pre-push"
cp "$T/beta-hooks/pre-push" "$T/beta-hooks/pre-auto-gc"
chmod -R a+rx "$T/beta-hooks"
mkdir "$T/other"
chown "$alpha" "$T/other"
runuser -u "$alpha" -- git clone -q --bare "$SB" "$T/other/board.git"
as "$alpha" --board "$SB" remote add other "$T/other/board.git" >/dev/null
runuser -u "$beta" -- sh -c "cp '$SB/config' '$SB/config.new' &&
	printf '[core]\n\thooksPath = %s\n[remote \"other\"]\n\treceivepack = touch %s; git-receive-pack\n' \
		'$T/beta-hooks' '$T/ran' >>'$SB/config.new' && mv -f '$SB/config.new' '$SB/config'" ||
	fail "$beta could not swap the config (the attack this guards against)"
expect_contains "$(cat "$SB/config")" "beta-hooks" "$beta's config is in place"
as "$alpha" --board "$SB" note 1 "goes to the other board" >/dev/null
as "$alpha" --board "$SB" sync other >/dev/null 2>"$T/err" || fail "$alpha's sync: $(cat "$T/err")"
[ ! -e "$T/ran" ] || fail "a hook or command $beta set in the board's config ran as $alpha"
as "$beta" --board "$SB" note 2 "still writes" >/dev/null 2>"$T/err" ||
	fail "$beta writes cards as before: $(cat "$T/err")"

# A folder of symlinks to the board does not make its maker the board's owner.
mkdir "$T/farm"
for e in "$SB"/*; do ln -s "$e" "$T/farm/$(basename "$e")"; done
chown -h -R "$beta" "$T/farm"
before=$(git --git-dir="$SB" rev-list --count main)
set +e
as "$beta" --board "$T/farm" --user "$alpha" note 1 "as alpha" >/dev/null 2>"$T/err"
status=$?
set -e
expect_eq "$status" 1 "a symlink farm does not lend the owner's trust"
expect_contains "$(cat "$T/err")" "--user $alpha is refused" "the refusal says why"
expect_eq "$(git --git-dir="$SB" rev-list --count main)" "$before" "and nothing is written"
as "$alpha" --board "$SB" fsck >/dev/null 2>"$T/err" || fail "fsck: $(cat "$T/err")"
echo ok
