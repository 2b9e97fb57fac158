# The house: the folders are the layers, and the front door is kept. model/rules includes
# nothing above it; storage and index never include a service; no two modules include each
# other, however far round; the front ends (tui/) reach
# the board only through the model's services and rules, never libgit2 or SQLite; the app
# never includes the CLI; the model never includes a front end.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
objects=$(dirname "$COBOARD_BIN")/tui
command -v pkg-config >/dev/null || fail "pkg-config is missing; run scripts/install-deps"
incs=""
for d in tui tui/print tui/cli tui/app model/rules model/storage model/index model/services; do
	incs="$incs -I$top/$d"
done
flags="-std=c11 -D_DEFAULT_SOURCE -DCOBOARD_FRONT_END $incs $(pkg-config --cflags ncursesw sqlite3 libgit2)"

# Each include edge between the folders, "from-folder to-folder file", resolved by name.
cd "$top"
for f in model/*/*.[ch] tui/*.[ch] tui/*/*.[ch]; do
	from=${f%/*}
	sed -n 's/^#include "\([a-z_0-9]*\.h\)".*/\1/p' "$f" | while read -r h; do
		to=$(ls model/*/"$h" tui/"$h" tui/*/"$h" 2>/dev/null | head -n 1)
		[ -n "$to" ] || continue
		echo "$from ${to%/*} $f"
	done
done >"$T/edges"
[ -s "$T/edges" ] || fail "no include edges found"
floor() {
	case "$1" in
	model/rules) echo 0 ;;
	model/storage | model/index) echo 1 ;;
	model/services) echo 2 ;;
	*) echo 3 ;;
	esac
}
up=""
while read -r from to file; do
	[ "$(floor "$to")" -le "$(floor "$from")" ] || up="$up $file->$to"
	[ "$from" != tui/app ] || [ "$to" != tui/cli ] || up="$up $file->$to"
	[ "$from" != model/storage ] || [ "$to" != model/index ] || up="$up $file->$to"
done <"$T/edges"
expect_eq "$up" "" "include edges that go up or into a front end's forbidden room"

# No circles: a module is a file and its header (x.c, x.h), with its internal header
# (x_internal.h, index_db.h, ops_file.h); the modules' includes sort in one order.
module() { # file or header name without its extension
	m=${1%_internal}
	m=${m%_db}
	[ "$m" != ops_file ] || m=ops
	echo "$m"
}
for f in model/*/*.[ch] tui/*.[ch] tui/*/*.[ch]; do
	from=$(module "$(basename "${f%.*}")")
	sed -n 's/^#include "\([a-z_0-9]*\)\.h".*/\1/p' "$f" | while read -r h; do
		to=$(module "$h")
		[ "$from" = "$to" ] || echo "$from $to"
	done
done | sort -u >"$T/modules"
tsort "$T/modules" >/dev/null 2>"$T/loops" || true
expect_eq "$(tr '\n' ' ' <"$T/loops")" "" "circles among the modules"

# No front-end file sees git2.h or sqlite3.h, even by way of a model header.
seeing=""
for f in tui/*.c tui/*.h tui/*/*.c tui/*/*.h; do
	# shellcheck disable=SC2086
	deps=$(${CC:-cc} $flags -M -x c "$f") || fail "$f does not compile as a front end"
	case "$deps" in *git2.h* | *sqlite3.h*) seeing="$seeing $f" ;; esac
done
[ -z "$seeing" ] || fail "front-end files that see libgit2 or SQLite:$seeing"

# Nor does any front-end object call them.
[ -d "$objects" ] || fail "no objects in $objects; build first"
calls=$(find "$objects" -name '*.o' -exec nm {} + | grep -E ' U (git_|sqlite3_)' || true)
expect_eq "$calls" "" "libgit2 or SQLite called from tui/"

# The model's own headers refuse to compile in a front end, each with the way round.
for h in storage/repo storage/git_api storage/repo_internal index/index_db \
	services/ops_internal services/ops_file services/sync_internal storage/git_run \
	storage/merge_tree services/check; do
	printf '#include "%s/model/%s.h"\n' "$top" "$h" >"$T/probe.c"
	# shellcheck disable=SC2086
	if ${CC:-cc} $flags -fsyntax-only "$T/probe.c" 2>"$T/probe.err"; then
		fail "model/$h.h compiles in a front end"
	fi
	expect_contains "$(cat "$T/probe.err")" "is the model's own" "model/$h.h in a front end"
done
echo ok
