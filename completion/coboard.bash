# bash completion for coboard: commands, options, card ids, columns, agency codes, member
# logins and remotes, the last five read from the board named on the line (--board) or the
# default board. Installed by `make install` and the Debian package.

_coboard_words() { # KIND [COMMAND]: words from coboard itself
	"${_coboard_cmd[@]}" --complete "$@" 2>/dev/null
}

_coboard() {
	local cur prev command="" positional=0 i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_coboard_cmd=("${COMP_WORDS[0]}")
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--board | --user)
			_coboard_cmd+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}")
			((i++))
			;;
		--*=* | --restricted) ;;
		--*)
			[ -n "$command" ] && [[ " $(_coboard_words options "$command" | tr '\n' ' ') " == *" ${COMP_WORDS[i]} "* ]] &&
				_coboard_takes_value "$command" "${COMP_WORDS[i]}" && ((i++))
			;;
		*)
			if [ -z "$command" ]; then command=${COMP_WORDS[i]}; else ((positional++)); fi
			;;
		esac
	done
	local words=""
	case $prev in
	--board | --from) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--user) words=$(_coboard_words members) ;;
	--lead | --agency | --propose) words=$(_coboard_words agencies) ;;
	--card) words=$(_coboard_words cards) ;;
	--table) words="cards discipline" ;;
	--co) _coboard_list agencies; return ;;
	--column) words=$(_coboard_words columns) ;;
	--before | --after) words=$(_coboard_words cards) ;;
	--format) words="text csv json md" ;;
	--role) words="viewer sync member secretary admin" ;;
	--at | --since) words="last-meeting before-last-meeting" ;;
	esac
	if [ -z "$words" ]; then
		if [ -z "$command" ]; then
			words="$(_coboard_words commands) --board --user --help --version"
		elif [[ $cur == -* ]]; then
			words=$(_coboard_words options "$command")
		else
			case $command:$positional in
			show:0 | move:0 | assign:0 | edit:0 | note:0 | archive:0 | history:0 | blame:0 | log:0 | \
				submit:0 | accept:0 | return:0 | extend:0 | dispute:0)
				words=$(_coboard_words cards) ;;
			move:1) words=$(_coboard_words columns) ;;
			member:0) words="add set remove list" ;;
			member:1) words=$(_coboard_words members) ;;
			meeting:0) words="start end status" ;;
			remote:0) words="add remove list" ;;
			remote:1) [ "${COMP_WORDS[COMP_CWORD-1]}" = remove ] && words=$(_coboard_words remotes) ;;
			sync:0) words=$(_coboard_words remotes) ;;
			hook:0) words="pre-receive install" ;;
			admin:0) words="authorized-keys" ;;
			authority:0) words="list accept refuse" ;;
			authority:1) words="all default-role $(_coboard_words members)" ;;
			conflicts:0) words="resolve" ;;
			conflicts:1) words=$(_coboard_words cards) ;;
			conflicts:2) words="title column lead due description" ;;
			conflicts:3) words="keep take" ;;
			init:0 | merge-card:*) COMPREPLY=($(compgen -f -- "$cur")); return ;;
			esac
		fi
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

# Options that take a value: the next word is theirs, not a positional argument.
_coboard_takes_value() { # COMMAND OPTION
	case $2 in
	--force | --overdue | --archived | --shared | --this-server | --all | --help) return 1 ;;
	*) return 0 ;;
	esac
}

# A comma list of agencies: completes the item after the last comma.
_coboard_list() {
	local done="" last=$cur
	if [[ $cur == *,* ]]; then done=${cur%,*},; last=${cur##*,}; fi
	COMPREPLY=($(compgen -P "$done" -W "$(_coboard_words "$1")" -- "$last"))
}

complete -F _coboard coboard
