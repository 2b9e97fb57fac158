# The front door: the front ends (tui/) reach the board only through the model's services
# and rules, never libgit2 or SQLite, and the model never reaches into a front end.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
objects=$(dirname "$COBOARD_BIN")/tui
command -v pkg-config >/dev/null || fail "pkg-config is missing; run scripts/install-deps"
flags="-std=c11 -D_DEFAULT_SOURCE -DCOBOARD_FRONT_END -I$top/tui $(pkg-config --cflags ncursesw sqlite3 libgit2)"

# No front-end file sees git2.h or sqlite3.h, even by way of a model header.
seeing=""
for f in "$top"/tui/*.c "$top"/tui/*.h; do
	# shellcheck disable=SC2086
	deps=$(${CC:-cc} $flags -M -x c "$f") || fail "$f does not compile as a front end"
	case "$deps" in *git2.h* | *sqlite3.h*) seeing="$seeing $(basename "$f")" ;; esac
done
[ -z "$seeing" ] || fail "front-end files that see libgit2 or SQLite:$seeing"

# Nor does any front-end object call them.
[ -d "$objects" ] || fail "no objects in $objects; build first"
calls=$(nm "$objects"/*.o | grep -E ' U (git_|sqlite3_)' || true)
expect_eq "$calls" "" "libgit2 or SQLite called from tui/"

# The model's own headers refuse to compile in a front end, each with the way round.
for h in repo git_api repo_internal index_db ops_internal ops_file sync_internal git_run \
	merge_tree check; do
	printf '#include "%s/model/%s.h"\n' "$top" "$h" >"$T/probe.c"
	# shellcheck disable=SC2086
	if ${CC:-cc} $flags -fsyntax-only "$T/probe.c" 2>"$T/probe.err"; then
		fail "model/$h.h compiles in a front end"
	fi
	expect_contains "$(cat "$T/probe.err")" "is the model's own" "model/$h.h in a front end"
done

# The model includes nothing of the front ends'.
up=$(grep -ln '#include "\.\./tui/' "$top"/model/*.c "$top"/model/*.h || true)
expect_eq "$up" "" "model files that include a front end's header"
echo ok
