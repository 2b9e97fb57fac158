# Every phrase coboard shows goes through the catalogue: the string literals of the front
# ends (the app, the CLI, the printers) and of the model (its errors, fsck's and the push hook's problems) are extracted
# (xgettext -a), those the catalogue's keywords mark are taken out, and so are those marked
# UNTRANSLATED (commit messages, file headers, machine keys: English on purpose) and SQL. Any
# phrase left (two words of letters, not code, markup or JSON) is a string a Russian or
# Kazakh reader would see in English.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
command -v xgettext >/dev/null || fail "gettext is missing; run scripts/install-deps"
command -v python3 >/dev/null || fail "python3 is missing; run scripts/install-deps"
# The keywords as the Makefile gives them to xgettext, continuation lines included.
keywords=$(awk '/^XGETTEXT_KEYWORDS =/ { on = 1; sub(/^XGETTEXT_KEYWORDS = */, "") }
	on { more = /\\$/; sub(/\\$/, ""); printf "%s ", $0; if (!more) exit }' "$top/Makefile")
case "$keywords" in *-ksay_error*) ;; *) fail "the keywords were not read from the Makefile: $keywords" ;; esac
cd "$top"
# The manual (tui/cli/man.c) is written in English, as the README is; everything else
# a reader meets, the command table's usage lines and --help included, is read here.
files=$(ls tui/*.c tui/app/*.c tui/cli/*.c tui/print/*.c model/*/*.c | grep -v '^tui/cli/man\.c$')
# shellcheck disable=SC2086
xgettext -a -o "$T/all.pot" --from-code=UTF-8 --no-wrap $files 2>/dev/null
# shellcheck disable=SC2086
xgettext -o "$T/marked.pot" --from-code=UTF-8 --no-wrap $keywords $files 2>/dev/null
# shellcheck disable=SC2086
xgettext -o "$T/english.pot" --from-code=UTF-8 --no-wrap -kUNTRANSLATED $files 2>/dev/null
[ "$(grep -c '^msgid ' "$T/all.pot")" -gt 300 ] || fail "xgettext -a extracted too little"
left=$(python3 - "$T/all.pot" "$T/marked.pot" "$T/english.pot" <<'PY'
import re, sys

def messages(path):
    found = {}
    for entry in open(path, encoding="utf-8").read().split("\n\n"):
        where = " ".join(re.findall(r"^#: (.*)$", entry, re.M))
        for key in ("msgid", "msgid_plural"):
            m = re.search(r"^%s ((?:\".*\"\n?)+)" % key, entry, re.M)
            if m:
                found["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))] = where
    return found

every, marked = messages(sys.argv[1]), messages(sys.argv[2])
marked.update(messages(sys.argv[3]))
sql = re.compile(r"^\s*(SELECT|INSERT|DELETE|UPDATE|CREATE|PRAGMA|BEGIN|WITH|WHERE|AND|ORDER)\b")
for text, where in sorted(every.items(), key=lambda kv: kv[1]):
    if text in marked or sql.match(text) or not re.search(r"[A-Za-z]{3,}[:,.;]? [A-Za-z]{2,}", text):
        continue
    if re.search(r'[$<{]|\\"', text):  # shell code, HTML, JSON
        continue
    # The command table's synopses and option lists are syntax (every sentence of it
    # starts with a capital and is marked).
    if where.startswith("tui/cli/command_table.c") and not re.search(r"\b[A-Z][a-z]", text):
        continue
    print(where.split()[0], text)
PY
)
expect_eq "$left" "" "every phrase on screen and in printed output is in the catalogue"
echo ok
