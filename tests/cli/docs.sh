# README's map of the source names every source file in the row of its own folder, so it
# cannot drift from the tree.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
map=$(sed -n '/^## Layout of the source/,$p' "$top/README.md")
missing=""
for f in "$top"/model/*/*.c "$top"/tui/*.c "$top"/tui/*/*.c; do
	name=$(basename "$f")
	folder=${f#"$top"/}
	folder=${folder%/*}
	rows=$(printf '%s\n' "$map" | grep -F "\`$folder/\`" || true)
	case "$rows" in *"\`$name\`"*) ;; *) missing="$missing $folder/$name" ;; esac
done
[ -z "$missing" ] || fail "README's map of the source lacks:$missing"
echo ok
