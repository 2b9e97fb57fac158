# Shared by the shell tests: a temporary board, a fixed "today", and assertions that say
# what they expected. Source it; it exits the test with status 1 on the first failure.
set -eu
: "${COBOARD_BIN:?run through tests/run-all or set COBOARD_BIN}"
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
FIXTURE="$TESTS_DIR/fixtures/board"
T=$(mktemp -d "${TMPDIR:-/tmp}/coboard-test.XXXXXX")
trap 'rm -rf "$T" 2>/dev/null || true' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/xdg" COBOARD_TODAY=2026-03-01 LC_ALL=C.UTF-8 TZ=UTC
# No background packer by default: a test's board is deleted when it ends, and a packer still
# writing there would make that fail. tests/cli/pack.sh and gc.sh turn it on.
export COBOARD_NO_PACK=1
# faketime preloads its library ahead of AddressSanitizer's runtime: let the ASan build run.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
unset COBOARD_BOARD COBOARD_FAULT SSH_CONNECTION SSH_ORIGINAL_COMMAND || true
mkdir -p "$HOME"
BOARD="$T/b.git"
ESC=$(printf '\033')

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# cb ARGS: the CLI on the test board as $CB_USER (default: the secretary "sec").
cb() {
	"$COBOARD_BIN" --board "$BOARD" --user "${CB_USER:-sec}" "$@"
}

new_board() {
	"$COBOARD_BIN" --user admin init "$BOARD" --from "$FIXTURE" >/dev/null
}

# second_office PATH: the board cloned to PATH as a second office's server, as two offices
# set theirs up: this board is site astana (1), the clone site akmola (2) with the pre-receive
# hook, and each is the other's remote (akmola, astana).
second_office() {
	"$COBOARD_BIN" --board "$BOARD" --user admin site astana >/dev/null
	"$COBOARD_BIN" --board "$BOARD" --user admin site akmola 2 >/dev/null
	git clone -q --bare "$BOARD" "$1"
	"$COBOARD_BIN" --board "$1" --user admin hook install >/dev/null
	"$COBOARD_BIN" --board "$1" --user admin site akmola >/dev/null
	"$COBOARD_BIN" --board "$BOARD" --user admin remote add akmola "$1" >/dev/null
	"$COBOARD_BIN" --board "$1" --user admin remote add astana "$BOARD" >/dev/null
}

commits() {
	git --git-dir="$BOARD" rev-list --count main
}

expect_eq() { # actual expected what
	[ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"
}

expect_contains() { # haystack needle what
	case "$1" in *"$2"*) ;; *) fail "$3: expected to find [$2] in [$1]" ;; esac
}

expect_not_contains() { # haystack needle what
	case "$1" in *"$2"*) fail "$3: did not expect [$2] in [$1]" ;; *) ;; esac
}

# run STATUS ARGS...: runs the CLI, keeps stdout in $OUT and stderr in $ERR, checks the status.
run() {
	want=$1
	shift
	set +e
	cb "$@" >"$T/stdout" 2>"$T/stderr"
	got=$?
	set -e
	OUT=$(cat "$T/stdout")
	ERR=$(cat "$T/stderr")
	[ "$got" = "$want" ] || fail "coboard $*: exit $got, expected $want; stderr: $ERR"
}

# loose_object GITDIR OID: the file git keeps object OID in when it is not packed.
loose_object() {
	printf '%s/objects/%.2s/%s' "$1" "$2" "${2#??}"
}

# The subject of the newest commit.
last_subject() {
	git --git-dir="$BOARD" log -1 --format=%s main
}

# A commit made with plain git in a clone, pushed to the board: commit_outside FILE CONTENT MSG
# card_file ID: where card ID is in the board's tree (cards/<folder>/<id>.card).
card_file() {
	printf 'cards/%02d/%d.card' $(($1 / 100 % 100)) "$1"
}

commit_outside() {
	rm -rf "$T/clone"
	git clone -q "$BOARD" "$T/clone"
	mkdir -p "$(dirname "$T/clone/$1")"
	printf '%s' "$2" >"$T/clone/$1"
	git -C "$T/clone" add "$1"
	git -C "$T/clone" -c user.name=Outsider -c user.email=out@example.kz commit -qm "$3"
	push_unchecked "$T/clone"
}

# push_unchecked CLONE: pushes what a board written before its pre-receive hook would have let
# in (the hook set aside), for tests of how coboard survives it.
push_unchecked() {
	mv "$BOARD/hooks/pre-receive" "$T/pre-receive.off" 2>/dev/null || true
	git -C "$1" push -q origin main
	mv "$T/pre-receive.off" "$BOARD/hooks/pre-receive" 2>/dev/null || true
}
