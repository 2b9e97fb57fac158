# tmux helpers for driving the real app: source after tests/lib.sh.
command -v tmux >/dev/null || fail "tmux is missing; run scripts/install-deps"
TMUX_SOCKET="coboard-test-$$"
tm() {
	tmux -L "$TMUX_SOCKET" "$@"
}
trap 'tm kill-server 2>/dev/null; rm -rf "$T" 2>/dev/null || true' EXIT

# start_app WIDTH HEIGHT [USER]: the app in a fresh tmux session; the shell prints the exit
# status when it ends, so tests can see how it quit.
APP_STARTS=0
start_app() {
	tm kill-server 2>/dev/null || true
	# A fresh server each time: a new session on a server that is still shutting down fails.
	APP_STARTS=$((APP_STARTS + 1))
	TMUX_SOCKET="coboard-test-$$-$APP_STARTS"
	tm -f /dev/null new-session -d -s app -x "$1" -y "$2" \
		"env TERM=xterm-256color COBOARD_TODAY=$COBOARD_TODAY LC_ALL=C.UTF-8 TZ=UTC \
		 $COBOARD_BIN --board $BOARD --user ${3:-sec}; echo \"EXITED \$?\"; sleep 600"
	wait_for "To do (" "the board appears"
}

screen() {
	tm capture-pane -p -t app
}

# wait_for TEXT WHAT [SECONDS]: polls the screen until TEXT shows.
wait_for() {
	i=0
	limit=$(( ${3:-5} * 10 ))
	while [ $i -lt $limit ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: [$1] never appeared on the screen:
$(screen)"
}

wait_gone() {
	i=0
	while [ $i -lt 50 ]; do
		case "$(screen)" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: [$1] stayed on the screen:
$(screen)"
}

keys() {
	tm send-keys -t app "$@"
}

# The display column (0-based) where TEXT starts on the first screen line holding it.
column_of() {
	line=$(screen | grep -F -- "$1" | head -1)
	[ -n "$line" ] || fail "column_of: [$1] is not on the screen"
	prefix=${line%%"$1"*}
	printf '%s' "$prefix" | wc -L
}

# The pid of the app itself (not the tmux server or the shell around it).
app_pid() {
	pgrep -f "^$COBOARD_BIN --board $BOARD --user ${1:-sec}\$" | head -1
}
