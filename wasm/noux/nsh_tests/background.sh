# Background commands: "&", $!, wait for one job and for all, the status of a
# background and-list, and that a background command's stdin is not the shell's.
cd "${TMPDIR:-/tmp}"
t_args --exit 5 &
SAVED=$!
test -n "$SAVED" && echo "\$! is set"
wait $SAVED
echo "wait \$!: $?"
t_gen 3 > nsh_bg1.txt &
t_gen 4 > nsh_bg2.txt &
wait
echo "wait for all: $?"
t_count < nsh_bg1.txt
t_count < nsh_bg2.txt
t_args --exit 1 && echo never || t_args --exit 9 &
wait $!
echo "background and-or list: $?"
echo 'input line' | nsh -c 't_count &
wait'
t_gen 100 | t_filter | t_count > nsh_bg3.txt &
wait $!
echo "background pipeline: $?"
cat nsh_bg3.txt
wait; echo "wait with nothing to wait for: $?"
wait 12345678; echo "wait for an unknown pid: $?"
