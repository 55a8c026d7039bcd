#!/bin/sh
# Runs the terminal programs natively in a tmux pane and drives them with
# keys, as a noux harness drives its terminal: t_term (termios), t_ctrlc
# (Ctrl-C with and without a handler) and an interactive nsh session (job
# control: Ctrl-C, Ctrl-Z, fg, a discarded line). Each step waits for
# text on the screen before it sends keys, never a fixed time, and gives
# up after 5 s. Needs tmux and the programs built by run_native.sh.
#
#   sh wasm/noux/run_terminal.sh [DIR]      (DIR defaults to /tmp/noux)
set -u
dir=${1:-/tmp/noux}
bin=$dir/bin
failed=0
runs=0

tmux_() { tmux -S "$socket" "$@"; }
screen() { tmux_ capture-pane -p -J -t test -S -200; }
send() { tmux_ send-keys -t test "$@"; }

# waits until PATTERN (grep -F) appears at least COUNT times on the screen
expect() {
	pattern=$1
	count=${2:-1}
	tries=0
	while [ "$(screen | grep -c -F -e "$pattern")" -lt "$count" ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 100 ]; then
			echo "missing: $pattern (expected $count times)"
			failed=1
			return 1
		fi
		sleep 0.05
	done
	return 0
}

# waits until COUNT lines begin with nsh's prompt "$"
prompt() {
	tries=0
	while [ "$(screen | grep -c '^\$')" -lt "$1" ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 100 ]; then
			echo "missing: prompt number $1"
			failed=1
			return 1
		fi
		sleep 0.05
	done
	return 0
}

# A tmux server of its own for each program (a fresh one: no race with the last one's end).
# The pane's sh ignores SIGINT, so Ctrl-C ends only the program, and the sh prints its status.
start() {
	runs=$((runs + 1))
	socket=$dir/tmux-$$-$runs.socket
	tmux_ new-session -d -s test -x 100 -y 50 \
		"trap '' INT; env -i PATH=$bin TEST_BIN=$bin TMPDIR=$dir/tmp HOME=/ TERM=xterm $1; echo \"[exit \$?]\"; sleep 600"
}

finish() {
	echo "---- $1"
	screen | sed -e '/^$/d'
	tmux_ kill-server 2>/dev/null
	rm -f "$socket"
}

# t_term: the keys its header names, each after its prompt line.
start t_term
expect "term: type hellp, Backspace, o, Enter" && send hellp BSpace o Enter
expect "term: ICRNL off, type x, Enter, Ctrl-J" && send x Enter C-j
expect "term: raw, press a, Backspace, Enter" && send a BSpace Enter
expect "term: done"
for line in 'canonical read: hello\n' 'ICRNL off read: x\r\n' 'raw bytes: 61 7f 0a' \
	'raw read, VMIN 0 VTIME 0: 0' 'raw read, VMIN 0 VTIME 2: 0' 'settings restored: yes' '[exit 0]'; do
	expect "$line"
done
if screen | grep -q ': no$'; then echo "t_term: a check answered no"; failed=1; fi
finish t_term

# t_ctrlc: killed by SIGINT (the shell-less pane shows 130), then caught.
start t_ctrlc
expect ready && send C-c
expect "[exit 130]"
finish "t_ctrlc"
start "t_ctrlc --handler"
expect ready && send C-c
expect "got SIGINT" && expect "[exit 0]"
finish "t_ctrlc --handler"

# nsh interactive: the foreground job gets Ctrl-C and Ctrl-Z, the shell goes on.
start nsh
prompt 1 && send 'echo one; t_ctrlc' Enter
expect ready && send C-c
prompt 2 && send 'echo "after Ctrl-C: $?"' Enter
expect 'after Ctrl-C: 130' && prompt 3 && send 't_ctrlc' Enter
expect ready 2 && send C-z
expect '[1]+ Stopped t_ctrlc' && prompt 4 && send 'jobs' Enter
expect '[1] Stopped t_ctrlc' && prompt 5 && send 'fg' Enter
# t_ctrlc says "continued" once SIGCONT came, that is once it is the foreground again.
expect continued && send C-c
prompt 6 && send 'echo "after fg and Ctrl-C: $?"' Enter
expect 'after fg and Ctrl-C: 130' && prompt 7 && send 'a discarded line' C-c
prompt 8 && send 't_ctrlc --handler' Enter
expect ready 3 && send C-c
expect 'got SIGINT' && prompt 9 && send 't_gen 3 | t_count' Enter
expect 'lines: 3' && prompt 10 && send 'exit 3' Enter
expect '[exit 3]'
if screen | grep -q 'discarded line: command not found'; then echo "nsh ran a discarded line"; failed=1; fi
finish "nsh interactive"

[ "$failed" = 0 ] && echo "all passed" || echo "FAILED"
exit "$failed"
