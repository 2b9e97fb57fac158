# Russian and Kazakh: every message of the sources is in both catalogues (a fresh template
# of the sources against each, and msgfmt's statistics: nothing untranslated or fuzzy), the
# app and the CLI speak the locale's language, dates read 31.12.2026 there, a member's own
# language from board.conf wins over the server's locale, and machine formats stay the same.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
for l in ru_RU kk_KZ; do
	locale -a 2>/dev/null | grep -qix "$l.utf-\?8" || fail "the locale $l.UTF-8 is missing; run scripts/install-deps"
done
command -v xgettext >/dev/null || fail "gettext is missing; run scripts/install-deps"

# --- the catalogues are complete -------------------------------------------------------------
# The keywords as the Makefile gives them to xgettext, continuation lines included.
keywords=$(awk '/^XGETTEXT_KEYWORDS =/ { on = 1; sub(/^XGETTEXT_KEYWORDS = */, "") }
	on { more = /\\$/; sub(/\\$/, ""); printf "%s ", $0; if (!more) exit }' "$top/Makefile")
case "$keywords" in *-ksay_error*) ;; *) fail "the keywords were not read from the Makefile: $keywords" ;; esac
# shellcheck disable=SC2086
(cd "$top" && xgettext -o "$T/fresh.pot" --from-code=UTF-8 $keywords model/*/*.c tui/*.c tui/*/*.c)
messages=$(grep -c '^msgid ' "$T/fresh.pot")
[ "$messages" -gt 400 ] || fail "the template has only $messages messages: the keywords were not read"
for l in ru kk; do
	msgcmp "$top/po/$l.po" "$T/fresh.pot" 2>"$T/msgcmp.err" ||
		fail "po/$l.po lacks messages of the sources: $(head -5 "$T/msgcmp.err")"
	stats=$(msgfmt --check --statistics -o /dev/null "$top/po/$l.po" 2>&1)
	expect_contains "$stats" "translated messages." "po/$l.po compiles"
	expect_not_contains "$stats" "untranslated" "po/$l.po has no untranslated message"
	expect_not_contains "$stats" "fuzzy" "po/$l.po has no fuzzy message"
done
expect_contains "$(grep Plural-Forms "$top/po/kk.po")" "nplurals=2; plural=(n != 1);" "Kazakh plural rules"
expect_contains "$(grep Plural-Forms "$top/po/ru.po")" "nplurals=3;" "Russian plural rules"

# --- the app and the CLI in each language ----------------------------------------------------
new_board
shot() { # LOCALE KEYS
	LC_ALL=$1 COBOARD_SCREEN=120x40 COBOARD_KEYS=$2 TERM=xterm-256color \
		"$COBOARD_BIN" --board "$BOARD" --user sec
}
s=$(shot ru_RU.UTF-8 '')
expect_contains "$s" "доска  ·  Test board" "the Russian top line"
expect_contains "$(printf '%s\n' "$s" | tail -1)" "?:справка  Enter:открыть  H/L:переместить" "the Russian hint bar"
expect_contains "$s" "30.01.2026 просрочено на" "a due date as people write it, and overdue, in Russian"
# The shipped board at 80x24: a long column says how many cards are below in the language read.
for l in ru_RU.UTF-8:"↓ ещё " kk_KZ.UTF-8:"↓ төменде "; do
	s=$(LC_ALL=${l%%:*} COBOARD_SCREEN=80x24 COBOARD_KEYS= TERM=xterm-256color "$COBOARD_BIN" 2>/dev/null)
	expect_contains "$s" "${l#*:}" "the cards below a column in ${l%%:*}"
	expect_not_contains "$s" " below" "no English count below in ${l%%:*}"
done
# At 80 columns the note takes its short words; the number of days is never cut.
for l in ru_RU.UTF-8:−310д kk_KZ.UTF-8:−310к C.UTF-8:-310d; do
	s=$(LC_ALL=${l%%:*} COBOARD_TODAY=2026-12-06 COBOARD_SCREEN=80x24 COBOARD_KEYS= \
		TERM=xterm-256color "$COBOARD_BIN" --board "$BOARD" --user sec)
	expect_contains "$s" "${l#*:}" "overdue days whole at 80 columns in ${l%%:*}"
done
s=$(shot ru_RU.UTF-8 '<Enter>')
expect_contains "$s" "Соисполнители MOE, MIA" "the Russian card view"
expect_contains "$s" "Срок          30.01.2026" "the card's due date in Russian"
s=$(shot kk_KZ.UTF-8 '?')
expect_contains "$s" "Тақтада" "the Kazakh help names the board's section"
expect_contains "$s" "карточканы келесі бағанға жылжыту" "and the keys in Kazakh"
s=$(shot kk_KZ.UTF-8 '<Enter>')
expect_contains "$s" "Мерзімі       30.01.2026" "the Kazakh card view"
expect_contains "$(LC_ALL=ru_RU.UTF-8 cb show 1)" "Срок:         30.01.2026" "show in Russian"
set +e
err=$(LC_ALL=kk_KZ.UTF-8 cb move 1 nowhere 2>&1)
set -e
expect_contains "$err" "белгісіз баған 'nowhere'" "a CLI error in Kazakh"
expect_contains "$(LC_ALL=ru_RU.UTF-8 "$COBOARD_BIN" --help)" "Без команды открывает доску на весь экран." "--help in Russian"
expect_contains "$(LC_ALL=ru_RU.UTF-8 "$COBOARD_BIN" move --help)" "Переместить карточку в колонку" "a command's --help in Russian"
LC_ALL=ru_RU.UTF-8 cb meeting start "Планёрка" >/dev/null
LC_ALL=ru_RU.UTF-8 cb move 1 in-progress >/dev/null
LC_ALL=ru_RU.UTF-8 cb meeting end >/dev/null
minutes=$(git --git-dir="$BOARD" show "main:$(git --git-dir="$BOARD" diff-tree --no-commit-id --name-only -r main | grep "meetings/.*\.md")")
expect_contains "$minutes" "## Итоги" "the minutes' headings in the secretary's language"
expect_contains "$(LC_ALL=ru_RU.UTF-8 cb report --format md)" "## Сводка" "the Markdown report's headings in Russian"

# --- machine formats stay the same ---------------------------------------------------------
expect_eq "$(LC_ALL=ru_RU.UTF-8 cb list --format csv | head -1)" "$(cb list --format csv | head -1)" "CSV headers in every language"
expect_eq "$(LC_ALL=kk_KZ.UTF-8 cb show 1 --format json)" "$(cb show 1 --format json)" "JSON in every language"
expect_eq "$(git --git-dir="$BOARD" log -1 --skip=1 --format=%s main)" "Move #1 from To do to In progress" "commit subjects stay as they are"
expect_contains "$(LC_ALL=ru_RU.UTF-8 cb report --format json)" '"due_soon"' "JSON keys in every language"

# --- a member's own language, whatever the server's locale ------------------------------------
CB_USER=admin cb member set sec --language kk >/dev/null
expect_contains "$(git --git-dir="$BOARD" show main:board.conf | grep '^member: sec ')" "| kk" "the language is kept in board.conf"
set +e
err=$(LC_ALL=C.UTF-8 cb move 1 nowhere 2>&1)
set -e
expect_contains "$err" "белгісіз баған" "the member reads Kazakh under the server's C locale"
expect_contains "$(LC_ALL=C.UTF-8 shot C.UTF-8 '' | head -1)" "тақта" "and the app speaks it"
set +e
err=$(CB_USER=admin cb member set sec --language xx 2>&1)
set -e
expect_contains "$err" "unknown language 'xx' (en, ru, kk)" "an unknown language is refused"
CB_USER=admin cb member set sec --language en >/dev/null
set +e
err=$(LC_ALL=ru_RU.UTF-8 cb move 1 nowhere 2>&1)
set -e
expect_contains "$err" "unknown column 'nowhere'" "English chosen over a Russian locale"

# --- the board's own names in each language (the shipped board names its columns and
# agencies in Russian and Kazakh; card titles stay as written) ---------------------------------
SHIPPED="$T/shipped.git"
"$COBOARD_BIN" --user admin init "$SHIPPED" >/dev/null
sb() { "$COBOARD_BIN" --board "$SHIPPED" --user admin "$@"; }
expect_contains "$(LC_ALL=kk_KZ.UTF-8 sb board | sed -n 3p)" "Орындауға (" "the first column in Kazakh"
expect_contains "$(LC_ALL=ru_RU.UTF-8 sb board)" "Исполнено (" "the done column in Russian"
expect_contains "$(LC_ALL=C.UTF-8 sb board | sed -n 3p)" "To do (" "and in English for everyone else"
shown=$(LC_ALL=ru_RU.UTF-8 sb show 4)
expect_contains "$shown" "Акимат Акмолинской области" "the lead agency's Russian name"
expect_contains "$shown" "Akmola Region: establish" "the card's title as written"
expect_contains "$(LC_ALL=kk_KZ.UTF-8 sb show 4)" "Ақмола облысының әкімдігі" "and its Kazakh name"
LC_ALL=ru_RU.UTF-8 sb move 4 "в работе" >/dev/null
expect_eq "$(git --git-dir="$SHIPPED" log -1 --format=%s main)" "Move #4 from Done to In progress" \
	"a column typed by its Russian name, in any case; the commit in English"
expect_contains "$(LC_ALL=ru_RU.UTF-8 sb report | sed -n 3p)" "01.03.2026" "the report's day as Russian readers write it"
# A write says what it did in the reader's language; the commit stays in English.
said=$(LC_ALL=ru_RU.UTF-8 sb submit 7 "Сделано: приказ № 3")
expect_contains "$said" "#7 колонка: todo -> review; #7 запрос: отчёт #" "the confirmation in Russian"
body=$(git --git-dir="$SHIPPED" log -1 --format=%B main)
expect_contains "$body" "request: report #" "the commit body in English under a Russian locale"
expect_not_contains "$body" "отчёт" "no Russian word in the commit"
expect_contains "$(LC_ALL=kk_KZ.UTF-8 sb note 7 "жаңа жазба")" "#7 жазба: қосылды \"жаңа жазба\"" "a note, said in Kazakh"
expect_contains "$(LC_ALL=ru_RU.UTF-8 sb history 7 | head -2)" "колонка     todo -> review" "history names the field in Russian"
expect_contains "$(LC_ALL=C.UTF-8 sb history 7 | head -2)" "column      todo -> review" "and in English"
err=$(LC_ALL=ru_RU.UTF-8 sb list --format xml 2>&1) && fail "an unknown format was taken"
expect_contains "$err" "неизвестный формат 'xml' (text, csv или json)" "the formats offered in Russian words"
expect_contains "$(LC_ALL=C.UTF-8 sb note 7 again)" "Add a note to #7 (" "the English confirmation is the commit's subject"
expect_contains "$(LC_ALL=ru_RU.UTF-8 sb list --format csv | sed -n 2p)" ',"todo",' "CSV keeps the column's key"
screen=$(cd "$T" && LC_ALL=kk_KZ.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$screen" "Орындауға (" "the app's columns in Kazakh at 80x24"
expect_contains "$(printf '%s\n' "$screen" | head -1)" "Қазақстан балалары - Тұжырымдаманы іске асыру" \
	"the app's top line gives the shipped board's title in Kazakh"
expect_eq "$(LC_ALL=ru_RU.UTF-8 "$COBOARD_BIN" --board "$SHIPPED" board | head -1)" \
	"Дети Казахстана - реализация Концепции" "board prints the title in Russian"
expect_eq "$(LC_ALL=C.UTF-8 "$COBOARD_BIN" --board "$SHIPPED" board | head -1)" \
	"Children of Kazakhstan - Concept implementation" "and in English"
todo=$("$COBOARD_BIN" --board "$SHIPPED" list --column todo | wc -l)
screen=$(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$(printf '%s\n' "$screen" | sed -n 2p)" "К исполнен… ($todo)│" \
	"a long Russian column name gives way to its count at 80x24, never the count to the name"
expect_contains "$screen" "(пусто)" "an empty column says so in full in Russian"
screen=$(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='jjjjjjjjjjjj' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_eq "$(printf '%s\n' "$screen" | sed -n 23p | grep -cE '^ ↑ [0-9]+  ↓ [0-9]+ +│')" 1 \
	"a narrow Russian column keeps both counts, above and below, rather than cut one"
screen=$(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='?' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$screen" "соисполнителей, срок, метки, описание" \
	"help wraps a long description at 80 columns instead of cutting it"
expect_not_contains "$screen" "…" "no line of the help is cut"
screen=$(cd "$T" && LC_ALL=kk_KZ.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='T' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$(printf '%s\n' "$screen" | tail -2 | head -1)" "before-last-meeting):" \
	"a question longer than the prompt line is shown whole on the line above the answer"
screen=$(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=100x30 COBOARD_KEYS='D' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$screen" "К К исполнению" "the dashboard's legend marks columns by their Russian letter"
screen=$(cd "$T" && LC_ALL=C.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='D' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$(printf '%s\n' "$screen" | grep ' MOE ')" "TI" "the busiest agency's bar at 80x24"
expect_eq "$(printf '%s\n' "$screen" | grep -cE '[TIBUD][0-9]+ / ')" 0 "no bar runs into its figures at 80x24"

# The minutes in the secretary's language: their labels, the board's names, and a card added
# and withdrawn in the same meeting said to be so.
LC_ALL=ru_RU.UTF-8 sb meeting start "Заседание штаба" >/dev/null
added=$(LC_ALL=ru_RU.UTF-8 sb add --title "Временная карточка" --lead MOE)
LC_ALL=ru_RU.UTF-8 sb revert main >/dev/null
LC_ALL=ru_RU.UTF-8 sb move 5 "В работе" >/dev/null
LC_ALL=ru_RU.UTF-8 sb note 5 "Решено: продолжить" >/dev/null
end=$(LC_ALL=ru_RU.UTF-8 sb meeting end)
minutes=$(git --git-dir="$SHIPPED" show "main:$(printf '%s\n' "$end" | grep -o 'meetings/[^ ,]*\.md' | head -1)")
expect_contains "$minutes" "| #$added | Временная карточка | MOE | добавлена, затем отозвана (в архиве) |" \
	"a card added and withdrawn in the meeting, said so"
expect_contains "$minutes" "| #5 |" "the moved card has its row"
expect_contains "$minutes" "Исполнено -> В работе" "with the columns' Russian names"
expect_contains "$minutes" "- Изменения внесли: " "the minutes' labels in Russian"
expect_contains "$minutes" "колонка Исполнено -> В работе" "every change's line in Russian"
expect_contains "$minutes" "- Дата: $(date +%d.%m.%Y), " "the meeting's day as Russian writes dates"
screen=$(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=80x24 COBOARD_KEYS='d' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$(printf '%s\n' "$screen" | tail -1)" "(ДД.ММ.ГГГГ, пусто — снять): " \
	"the deadline prompt asks for a date as Russian writes it"
expect_eq "$(printf '%s\n' "$screen" | tail -1 | grep -cE ': [0-9]{2}\.[0-9]{2}\.[0-9]{4}$')" 1 \
	"and offers the card's deadline so"
(cd "$T" && LC_ALL=ru_RU.UTF-8 COBOARD_SCREEN=80x24 \
	COBOARD_KEYS='d<C-u>15.06.2027<Enter>Ведомство попросило<Enter>' \
	"$COBOARD_BIN" --board "$SHIPPED" --user admin >/dev/null)
expect_contains "$(git --git-dir="$SHIPPED" log -1 --format=%B main)" "-> 2027-06-15" \
	"a deadline typed the Russian way is kept in git as YYYY-MM-DD"
expect_contains "$minutes" "- #5: Решено: продолжить (к карточке: " "a decision names its card in Russian"

# `changes` and `meeting status` in the reader's words; the app's history title too.
changes=$(LC_ALL=ru_RU.UTF-8 sb changes --since 2026-01-01)
expect_contains "$changes" "(она моложе, чем 01.01.2026)" "the day asked, as Russian readers write it"
expect_contains "$changes" "  новая        #" "the kinds of change in Russian"
expect_contains "$(LC_ALL=kk_KZ.UTF-8 sb meeting status)" "ашық отырыс жоқ" "meeting status in Kazakh"
LC_ALL=kk_KZ.UTF-8 sb meeting start "Кеңес" >/dev/null
expect_contains "$(LC_ALL=kk_KZ.UTF-8 sb meeting status)" ", хатшы " "an open meeting's status in Kazakh"
LC_ALL=kk_KZ.UTF-8 sb meeting end >/dev/null
# Dates as the reader writes them in history and blame; the fields named in their words.
CB_USER=admin cb edit 3 --due 2026-05-01 --reason "Moved" >/dev/null
expect_contains "$(LC_ALL=ru_RU.UTF-8 CB_USER=admin cb history 3 | head -1)" "-> 01.05.2026" \
	"a deadline's change in history, as Russian readers write dates"
blamed=$(LC_ALL=kk_KZ.UTF-8 CB_USER=admin cb blame 3)
expect_contains "$blamed" "мерзім      01.05.2026" "blame names the field and writes the day in Kazakh"
expect_contains "$blamed" "мұрағат     жоқ" "and says whether it is archived in Kazakh"
expect_contains "$(CB_USER=admin cb blame 3)" "due         2026-05-01" "blame in English keeps ISO days"
CB_USER=admin cb archive 3 --reason "Done elsewhere" >/dev/null
expect_contains "$(LC_ALL=ru_RU.UTF-8 CB_USER=admin cb history 3 | head -1)" "нет -> да" \
	"archiving in history, in Russian words"
expect_contains "$(CB_USER=admin cb history 3 | head -1)" "no -> yes" "and in English"
# The model's own words: a field named in a refusal, fsck's problems, a push hook's refusal.
err=$(LC_ALL=ru_RU.UTF-8 CB_USER=admin cb note 1 "$(printf 'bell\007')" 2>&1) && fail "a control character was taken"
expect_contains "$err" "заметка содержит управляющий символ" "the note named in Russian in the refusal"
err=$(LC_ALL=kk_KZ.UTF-8 CB_USER=admin cb edit 1 --source "$(printf 'x\001')" 2>&1) && fail "a control character was taken"
expect_contains "$err" "дереккөз басқару таңбасын қамтиды" "the source named in Kazakh in the refusal"
printf '#!/bin/sh\n' >"$BOARD/hooks/post-update"
chmod +x "$BOARD/hooks/post-update"
err=$(LC_ALL=ru_RU.UTF-8 CB_USER=admin cb fsck 2>&1) && fail "fsck passed a hook coboard did not put there"
expect_contains "$err" "hooks/post-update: его поставил не coboard" "fsck's problem in Russian"
rm "$BOARD/hooks/post-update"
screen=$(cd "$T" && LC_ALL=kk_KZ.UTF-8 COBOARD_SCREEN=100x30 COBOARD_KEYS='<Enter>h' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$(printf '%s\n' "$screen" | head -1)" "; Esc: артқа)" "the history's title in Kazakh"
expect_contains "$screen" "(жоқ) -> Орындауға" "the app's history names a column as the board shows it in Kazakh"
expect_not_contains "$screen" "-> todo" "not by its key"
screen=$(cd "$T" && LC_ALL=kk_KZ.UTF-8 COBOARD_SCREEN=100x30 COBOARD_KEYS='<Enter>' "$COBOARD_BIN" --board "$SHIPPED" --user admin)
expect_contains "$screen" "MOH  Денсаулық сақтау министрлігі" "the card view names the lead agency in Kazakh"
echo ok
