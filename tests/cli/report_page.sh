# The report page in a real browser: headless Chromium renders it to its DOM and to a PDF;
# the test reads the agencies, the figures and the dates (as Kazakh and Russian readers write
# them) in what Chromium made of it, checks the page is valid HTML5 (tidy), needs nothing from
# the network and runs no script, and escapes the board's text. Skipped, saying so, where
# Chromium cannot be installed.
. "$(dirname "$0")/../lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "skipped: no Chromium here (scripts/install-deps installs Debian's chromium)"
	exit 0
fi
export COBOARD_TODAY=2026-04-10
faketime -f "@2026-01-05 10:00:00" "$COBOARD_BIN" --user admin init "$BOARD" >/dev/null
cb_admin() { "$COBOARD_BIN" --board "$BOARD" --user admin "$@"; }
faketime -f "@2026-04-01 10:00:00" "$COBOARD_BIN" --board "$BOARD" --user admin edit 10 \
	--due 2026-04-30 --reason "the akimat asked for April" >/dev/null 2>&1
faketime -f "@2026-04-02 10:00:00" "$COBOARD_BIN" --board "$BOARD" --user admin edit 12 \
	--title "Title with <script>alert(1)</script> & \"quotes\"" >/dev/null
page() { # LANGUAGE FILE [ARGS]
	l=$1 f=$2
	shift 2
	LANG="$l" LC_ALL="$l" cb_admin report --format html --since 2026-01-01 "$@" >"$T/$f"
}
page kk_KZ.UTF-8 kk.html
page ru_RU.UTF-8 ru.html --agency AKM
page C.UTF-8 en.html
html=$(cat "$T/kk.html")
expect_contains "$html" '<!DOCTYPE html>' "an HTML5 page"
expect_not_contains "$html" "<script" "no scripts"
expect_not_contains "$html" "http" "nothing from the network"
expect_contains "$html" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" "the board's text is escaped"
if command -v tidy >/dev/null; then
	for f in kk ru en; do
		tidy -e -q "$T/$f.html" 2>"$T/tidy.$f" || fail "tidy finds $f.html invalid: $(head -5 "$T/tidy.$f")"
	done
else
	echo "tidy is missing: validity not checked (scripts/install-deps installs tidy)"
fi
render() { # FILE: Chromium's DOM of the page
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$T/$1" 2>/dev/null
}
dom=$(render kk.html)
expect_contains "$dom" '<html lang="kk">' "the page is in Kazakh"
expect_contains "$dom" "Атқарушылық тәртіп, 01.01.2026 бастап 10.04.2026 дейін" "its headings and dates as Kazakh readers write them"
expect_contains "$dom" '<td title="Ақмола облысының әкімдігі">AKM</td>' "every agency has its row, named in Kazakh"
expect_contains "$dom" "<td title=\"Жетісу облысының әкімдігі\">ZHE</td>" "all of them"
expect_contains "$(cat "$T/en.html")" '<td title="Akimat of Akmola Region">AKM</td>' "and in English on the English page"
expect_contains "$dom" "Жылжытылған мерзімдер" "the deadlines moved"
expect_contains "$dom" "the akimat asked for April" "with their reasons"
rows=$(printf '%s\n' "$dom" | grep -c '<tr class="agency">')
expect_eq "$rows" "$(git --git-dir="$BOARD" show main:board.conf | grep -c "^agency:")" "one bar row per agency of the shipped board"
dom=$(render ru.html)
expect_contains "$dom" '<html lang="ru">' "the Russian page"
expect_contains "$dom" "Исполнительская дисциплина, с 01.01.2026 по 10.04.2026" "in Russian"
expect_eq "$(printf '%s\n' "$dom" | grep -c '<tr class="agency">')" 1 "--agency gives one agency's page"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
	--print-to-pdf="$T/en.pdf" "file://$T/en.html" >/dev/null 2>&1 || fail "Chromium prints the page to PDF"
[ "$(head -c 5 "$T/en.pdf")" = "%PDF-" ] || fail "the print is a PDF"
[ "$(wc -c <"$T/en.pdf")" -gt 20000 ] || fail "a PDF with the report in it"
echo ok
