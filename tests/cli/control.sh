# Execution control through the CLI: the lead agency reports and asks, co-executors send
# their part, the coordinator's office decides; every refusal per role, the register in
# history and git, undo, and a board without a review column. Days are scripted with
# faketime where the rules count them.
. "$(dirname "$0")/../lib.sh"

# A board made before the review column existed: the report step is off and says so.
new_board
run 1 submit 2 "done"
expect_contains "$ERR" "no review column, so the report step is off" "no review column: submit says so"
expect_contains "$ERR" "column: review | Under review | 0 | review" "and how an admin turns it on"
rm -rf "$BOARD"

mkdir -p "$T/def"
cp -r "$FIXTURE/cards" "$T/def/"
sed 's/^column: done | Done | 0 | done/column: review | Under review | 0 | review\ncolumn: done | Done | 0 | done/' \
	"$FIXTURE/board.conf" >"$T/def/board.conf"
cat >>"$T/def/board.conf" <<'EOF'
member: akm | Askar Akimat | akm@example.kz | member | AKM
member: sec2 | Second Secretary | sec2@example.kz | secretary |
EOF
"$COBOARD_BIN" --user admin init "$BOARD" --from "$T/def" >/dev/null
CB_USER=sec cb assign 2 --co AKM --reason "the akimat inspects its schools" >/dev/null

# --- what a member can no longer do alone ---------------------------------------------------
n=$(commits)
CB_USER=moe run 1 move 2 done
expect_contains "$ERR" "moe may not change #2: the lead agency reports" "a member does not move its item to Done"
CB_USER=moe run 1 move 2 review
expect_contains "$ERR" "into review or Done" "nor into review"
CB_USER=moe run 1 edit 2 --due 2027-12-31
expect_contains "$ERR" "only the coordinator's office sets a deadline" "nor sets its own deadline"
expect_contains "$ERR" "coboard extend ID --to DATE --reason TEXT" "and is told how to ask"
CB_USER=moe run 1 assign 2 --lead MOH
expect_contains "$ERR" "only the coordinator's office changes the lead" "nor hands the item to another ministry"
CB_USER=moe run 1 assign 2 --co MIA
expect_contains "$ERR" "or the co-executors" "nor changes the co-executors"
CB_USER=moe run 1 add --title "Own card" --lead MOE --due 2027-01-01
expect_contains "$ERR" "only the coordinator's office sets a deadline" "nor adds a card with a deadline of its choosing"
expect_eq "$(commits)" "$n" "nothing of it was written"
CB_USER=view run 1 submit 2 "a viewer's report"
expect_contains "$ERR" "viewers can read the board but not change it" "a viewer files nothing"
# The coordinator's office does it all directly, with a reason where one is due.
run 1 move 1 done
expect_contains "$ERR" "takes a reason (--reason TEXT)" "a secretary's move into Done takes a reason"
run 1 edit 2 --due 2026-04-01
expect_contains "$ERR" "moving a deadline takes a reason" "and so does moving a deadline"
expect_eq "$(commits)" "$n" "nothing written without the reason"
run 0 edit 2 --due 2026-04-01 --reason "the ministry's plan"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Reason: the ministry's plan" "the reason is in the commit"

# --- report: part, report, return, report again, accept -------------------------------------
before_reports=$(git --git-dir="$BOARD" rev-parse main)
CB_USER=akm run 0 submit 2 "Akmola: 40 schools inspected, order No. 5 of 01.03.2026"
expect_contains "$OUT" "Part of the report on #2 from AKM" "a co-executor files its part"
s=$(cb show 2)
expect_contains "$s" "Column:       In progress" "a part does not move the card"
expect_contains "$s" "co-executors: 1 of 1 reported" "the card counts the parts"
CB_USER=moe run 0 submit 2 "Inspections done: order No. 12 of 28.02.2026"
expect_contains "$OUT" "Report on #2 from MOE" "the lead reports"
report=$(git --git-dir="$BOARD" log -1 --format=%B main)
expect_contains "$report" "Op: request-report" "one commit with the request's trailers"
number=$(printf '%s\n' "$report" | sed -n 's/^Request: //p')
[ -n "$number" ] || fail "the report's commit names its request number"
s=$(cb show 2)
expect_contains "$s" "Column:       Under review" "the card goes to review"
expect_contains "$s" "reported by MOE" "and says who reported"
CB_USER=moe run 1 submit 2 "again"
expect_contains "$ERR" "has a report waiting for the coordinator" "one report waits at a time"
q=$(cb requests)
expect_contains "$q" "$number     #2      report" "the queue lists the report with its number"
expect_contains "$q" "Inspections done" "and its text"
expect_not_contains "$q" "Akmola: 40 schools" "parts are not decided, so not queued"
CB_USER=moe run 1 accept 2
expect_contains "$ERR" "the coordinator's office (secretaries and admins) decides" "the reporter does not decide"
run 2 return 2
expect_contains "$ERR" "--reason TEXT" "a return says why"
run 0 return 2 --reason "attach the inspection acts"
expect_contains "$OUT" "Return the report on #2" "the secretary returns it"
s=$(cb show 2)
expect_contains "$s" "Column:       In progress" "back to work"
expect_contains "$s" "returned by sec" "with who returned it"
expect_contains "$s" "attach the inspection acts" "and why"
CB_USER=moe run 0 submit 2 "Acts attached: order No. 12, acts 1-40"
run 0 accept 2
expect_contains "$OUT" "Accept the report on #2: taken off control" "the secretary accepts"
s=$(cb show 2)
expect_contains "$s" "Column:       Done" "the item is off control"
expect_contains "$s" "taken off control by sec" "naming who"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Decision: accepted" "the decision is a trailer plain git shows"
CB_USER=moe run 1 move 2 in-progress
expect_contains "$ERR" "an item taken off control stays there" "a member does not put it back on control"
c=$(cb changes --since "$before_reports")
expect_contains "$c" "accepted: taken off control" "changes --since shows the decisions"
expect_contains "$c" "report #" "and the reports"
h=$(cb history 2)
expect_contains "$h" "part #" "history reads as a register: the part"
expect_contains "$h" "returned" "the return"
expect_contains "$h" "accepted: taken off control" "and the acceptance"

# --- nobody decides their own request -------------------------------------------------------
run 0 submit 1 "Register formed (filed by the secretariat for the lead)"
own=$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Request: //p')
run 1 grant "$own"
expect_contains "$ERR" "nobody decides their own request" "the secretary who filed it cannot decide it"
CB_USER=sec2 run 0 grant "$own"
expect_contains "$OUT" "Accept the report on #1" "another secretary can"

# --- extension: asked, granted, asked again, refused; late ------------------------------------
CB_USER=admin run 0 add --title "Summer camps" --lead MOE --due 2026-05-31
camp=$OUT
CB_USER=moe run 2 extend "$camp" --to 2026-06-30
expect_contains "$ERR" "--reason TEXT is required" "an extension is asked with reasons"
CB_USER=moe run 1 extend "$camp" --to 2026-05-01 --reason "earlier"
expect_contains "$ERR" "is not after the deadline" "a new deadline comes after the old one"
CB_USER=moe run 0 extend "$camp" --to 30.06.2026 --reason "the contractor is late"
ext=$(git --git-dir="$BOARD" log -1 --format=%B main)
expect_contains "$ext" "Op: request-extension" "the request is one commit"
expect_contains "$(cb show "$camp")" "extension asked: " "the card shows the extension asked"
expect_contains "$(cb requests)" "extension to " "the queue lists it"
ext=$(printf '%s\n' "$ext" | sed -n 's/^Request: //p')
CB_USER=akm run 1 extend "$camp" --to 2026-07-31 --reason "x"
expect_contains "$ERR" "akm may not change #$camp" "an agency not on the card asks nothing"
run 0 grant "$ext"
expect_contains "$OUT" "Grant #$camp a new deadline: 2026-06-30 (was 2026-05-31)" "the secretary grants"
s=$(cb show "$camp")
expect_contains "$s" "Due:          2026-06-30" "the deadline moves"
expect_contains "$s" "deadline extended 1 time, first set 2026-05-31" "and the first deadline stays visible"
expect_contains "$(git --git-dir="$BOARD" log -1 --format=%B main)" "Decision: granted" "Decision: granted"
run 1 grant "$ext"
expect_contains "$ERR" "was decided already" "a request is decided once"
CB_USER=moe run 0 extend "$camp" --to 2026-08-31 --reason "still late"
ext2=$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Request: //p')
run 2 refuse "$ext2"
expect_contains "$ERR" "--reason TEXT" "a refusal says why"
run 0 refuse "$ext2" --reason "the summer will not wait"
expect_contains "$(cb show "$camp")" "Due:          2026-06-30" "a refused extension leaves the deadline"
run 1 grant 999
expect_contains "$ERR" "there is no request 999" "an unknown request is named"
run 2 grant twelve
expect_contains "$ERR" "is not a request number" "a request number is a number"

# --- dispute: within the period, and after it -------------------------------------------------
CB_USER=admin run 0 add --title "Sports sections" --lead MOE
sport=$OUT
CB_USER=moe run 1 dispute "$sport" --propose XYZ --reason "x"
expect_contains "$ERR" "unknown agency 'XYZ'" "the agency proposed must exist"
CB_USER=moe run 0 dispute "$sport" --propose moh --reason "Healthcare runs the sports medicine"
disp=$(git --git-dir="$BOARD" log -1 --format=%B main | sed -n 's/^Request: //p')
expect_contains "$(cb show "$sport")" "lead disputed: MOE proposes MOH" "the card shows the dispute"
run 0 grant "$disp"
expect_contains "$OUT" "Grant the dispute of #$sport: lead MOE -> MOH" "the secretary grants it"
expect_contains "$(cb show "$sport")" "Lead:         MOH" "the lead changes"
CB_USER=admin run 0 add --title "Libraries" --lead MOE
late=$OUT
faketime -f '+4d' "$COBOARD_BIN" --board "$BOARD" --user moe dispute "$late" --propose MIA \
	--reason "too late" >"$T/d.out" 2>"$T/d.err" && fail "a dispute after dispute-days went through"
expect_contains "$(cat "$T/d.err")" "the time to dispute #$late ended on" "after three days the lead reports instead"
expect_contains "$(cat "$T/d.err")" "dispute-days in board.conf" "naming the setting"

# --- undo works on requests and decisions, with the role they needed -------------------------
accept=$(git --git-dir="$BOARD" log --format='%H %s' main | grep "Accept the report on #2" | head -1 | cut -d' ' -f1)
CB_USER=moe run 1 revert "$accept"
expect_contains "$ERR" "needs that role" "a member does not undo the coordinator's decision"
run 0 revert "$accept"
s=$(cb show 2)
expect_contains "$s" "Column:       Under review" "undoing the acceptance puts the report back in review"
expect_not_contains "$s" "Control:      taken off control" "and the decision is withdrawn"
expect_contains "$(cb requests)" "#2 " "the report waits again"
run 0 accept 2

# Small things users noticed: show says why a card is blocked; member changes say what they did.
run 0 move "$sport" blocked --reason "waiting for the stadium's lease"
expect_contains "$(cb show "$sport")" "Blocked:      waiting for the stadium's lease" "show says why a card is blocked"
expect_contains "$(cb show "$sport" --format json)" '"blocked_reason": "waiting for the stadium'"'"'s lease"' "and so does its JSON"
CB_USER=admin run 0 member add ayan --role viewer --language kk
expect_contains "$OUT" "Add member ayan as viewer (" "member add says what it did"
CB_USER=admin run 0 member set ayan --role member --agency MOE
expect_contains "$OUT" "Change member ayan to member (" "member set too"
CB_USER=admin run 0 member list
expect_contains "$(printf '%s\n' "$OUT" | grep '^ayan')" " kk" "member list shows the language"
run 0 fsck
echo ok
