# What an administrator gets: coboard(1) written from the program's own tables (every command,
# every key, every variable README names), bash completion from the board, and a Debian
# package that lintian passes, installs, answers --version and `man -w`, and removes. The
# package part needs root (dpkg -i) and skips without it.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
build=$(cd "$(dirname "$COBOARD_BIN")" && pwd)
new_board

# --- the manual ---------------------------------------------------------------------------
"$COBOARD_BIN" --man >"$T/coboard.1"
page=$(cat "$T/coboard.1")
for c in $("$COBOARD_BIN" --complete commands); do
	expect_contains "$page" ".B $(printf '%s' "$c" | sed 's/-/\\-/g')" "the manual has the command $c"
done
expect_eq "$("$COBOARD_BIN" --complete commands | wc -l)" "$(sed -n '/^\.SH COMMANDS/,/^\.SH KEYS/p' "$T/coboard.1" | grep -c '^\.TP')" \
	"one entry per command, no more"
expect_contains "$page" "decide a value a sync set aside" "a key's help from the key table"
expect_contains "$page" ".B Shift\\-Left, H" "key names as the help screen writes them"
command -v man >/dev/null || fail "man is missing; run scripts/install-deps (man-db)"
rendered=$(MANWIDTH=80 man --warnings -l "$T/coboard.1" 2>"$T/man.err")
rendered_plain=$(MANWIDTH=300 man -l "$T/coboard.1" 2>/dev/null | col -b)
[ ! -s "$T/man.err" ] || fail "groff warns about the manual: $(cat "$T/man.err")"
expect_contains "$rendered" "conflicts resolve ID FIELD keep|take" "the manual renders"
# The sections a reader looks for beside the tables: the card's layout, roles, languages,
# dates as typed, and examples that run.
expect_contains "$rendered_plain" "--- note TIME AUTHOR" "the manual gives the card file's layout"
expect_contains "$rendered_plain" "secretary" "the manual has the roles"
expect_contains "$rendered_plain" "--language en|ru|kk" "the manual has the languages"
expect_contains "$rendered_plain" "+5wd (working days)" "the manual has relative deadlines"
for s in "CARD FILE" ROLES LANGUAGES DATES EXAMPLES; do
	expect_eq "$(printf '%s\n' "$rendered_plain" | grep -c "^$s\$")" 1 "the manual's section $s"
done
"$COBOARD_BIN" --user admin init "$T/example.git" --from "$FIXTURE" >/dev/null
"$COBOARD_BIN" --board "$T/example.git" --user sec add --title "Form the register" --lead MOH \
	--co MOE --due +2m >/dev/null || fail "the manual's add example does not run"
for v in $(sed -n '/^## Environment/,/^## /p' "$top/README.md" | grep -o '^| `[A-Z_]*' | tr -d '|` '); do
	expect_contains "$rendered_plain" "$v" "README's variable $v is in the manual"
done

# --- bash completion ------------------------------------------------------------------------
complete_words() { # WORDS...: what the completion offers for the last word
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
		_coboard; printf "%s\n" "${COMPREPLY[@]}"' _ "$top/completion/coboard.bash" \
		"$COBOARD_BIN" "$@" | tr '\n' ' '
}
expect_contains "$(complete_words mo)" "move" "command names"
expect_eq "$(complete_words --board "$BOARD" as)" "assign " "one command from its start"
expect_eq "$(complete_words --board "$BOARD" show "" | tr " " "\n" | sort -n | tr "\n" " ")" "1 2 3 4 " "card ids from the board"
expect_eq "$(complete_words --board "$BOARD" move 1 "")" "todo in-progress blocked done " "columns from the board"
expect_eq "$(complete_words --board "$BOARD" add --lead M)" "MOE MOH MIA " "agency codes from the board"
expect_eq "$(complete_words --board "$BOARD" add --co MOE,MI)" "MOE,MIA " "the next agency of a comma list"
expect_contains "$(complete_words --board "$BOARD" member set "")" "sec moe view" "member logins"
expect_contains "$(complete_words --board "$BOARD" add --t)" "--title" "a command's options"
expect_eq "$(complete_words --board "$T/nothing.git" show "")" " " "no board, no words, and none is made"
[ ! -e "$T/nothing.git" ] || fail "completion created a board"

# --- the Debian package ---------------------------------------------------------------------
if nm -an "$COBOARD_BIN" 2>/dev/null | grep -q __asan_init; then
	echo "skipped the package: a sanitizer build is not packaged (make test packages)"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped the package: installing it needs root"
	exit 0
fi
if [ -e /usr/bin/coboard ]; then
	echo "skipped the package: coboard is installed at /usr/bin/coboard, and the test would replace it"
	exit 0
fi
make -s --no-print-directory -C "$top" deb BUILD="$build" >"$T/deb.out" 2>&1 || fail "make deb failed: $(cat "$T/deb.out")"
deb=$(tail -1 "$T/deb.out")
case $deb in /*) ;; *) deb="$top/$deb" ;; esac
[ -f "$deb" ] || fail "make deb made no package: $(cat "$T/deb.out")"
command -v lintian >/dev/null || fail "lintian is missing; run scripts/install-deps"
lintian --fail-on error "$deb" >"$T/lintian.out" 2>&1 || fail "lintian reports errors: $(cat "$T/lintian.out")"
expect_contains "$(dpkg-deb -f "$deb" Depends)" "libgit2" "dependencies read from the binary"
trap 'dpkg -r coboard >/dev/null 2>&1; rm -rf "$T" 2>/dev/null || true' EXIT
dpkg -i "$deb" >"$T/dpkg.out" 2>&1 || fail "dpkg -i failed: $(cat "$T/dpkg.out")"
expect_contains "$(/usr/bin/coboard --version)" "coboard 1." "the installed binary answers"
expect_eq "$(man -w coboard)" "/usr/share/man/man1/coboard.1.gz" "man finds the installed manual"
expect_contains "$(LC_ALL=ru_RU.UTF-8 /usr/bin/coboard --help)" "Без команды открывает доску" "the installed catalogues are found"
[ -f /usr/share/bash-completion/completions/coboard ] || fail "the completion is installed"
[ -x /usr/bin/coboard-ssh-setup ] || fail "ssh-setup is installed as a command"
expect_contains "$(/usr/bin/coboard-ssh-setup 2>&1 || true)" "usage: coboard-ssh-setup BOARD" "and says how to use it"
dpkg -r coboard >/dev/null
[ ! -e /usr/bin/coboard ] || fail "the package removes the binary"
echo ok
