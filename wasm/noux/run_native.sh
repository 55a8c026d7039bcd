#!/bin/sh
# Builds the noux test programs with the host's clang and runs the batch
# suite natively, twice: the programs' outputs must be equal between the
# runs (they are the reference the noux runs are compared with), and the
# nsh scripts' outputs must equal their nsh_tests/*.out. The terminal
# programs (t_term, t_ctrlc, interactive nsh) are in run_terminal.sh.
#
#   sh wasm/noux/run_native.sh [DIR]      (DIR defaults to /tmp/noux)
#
# DIR/bin holds the programs, DIR/tmp is the scratch TMPDIR, and
# DIR/results/run1 and run2 the outputs, one NAME.out per program with
# its exit status as the last line ("exit: N").
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/noux}
bin=$dir/bin
tmp=$dir/tmp
results=$dir/results
rm -rf "$results"
mkdir -p "$bin" "$tmp" "$results/run1" "$results/run2"

failed=0
for source in "$here"/t_*.c "$here"/nsh.c; do
	name=$(basename "$source" .c)
	clang -O2 -Wall -Wextra -o "$bin/$name" "$source" || failed=1
done
[ "$failed" = 0 ] || { echo "build failed"; exit 1; }

programs="t_fork t_exec t_wait t_ids t_pipe t_pipeline t_select t_signal t_jmp t_cwd t_tempfile t_forkbomb"
for run in run1 run2; do
	for program in $programs; do
		# A clean environment: only what the conventions name, nothing of this host's.
		( cd "$tmp" && env -i PATH="$bin" TEST_BIN="$bin" TMPDIR="$tmp" "$bin/$program" ) \
			> "$results/$run/$program.out" 2>&1
		echo "exit: $?" >> "$results/$run/$program.out"
	done
	for script in "$here"/nsh_tests/*.sh; do
		name=$(basename "$script" .sh)
		# The scripts use cat besides the suite's programs: natively the host's.
		( cd "$tmp" && env -i PATH="$bin:/usr/bin:/bin" TEST_BIN="$bin" TMPDIR="$tmp" HOME=/ "$bin/nsh" "$script" ) \
			> "$results/$run/nsh_$name.out" 2>&1
		echo "exit: $?" >> "$results/$run/nsh_$name.out"
	done
done

for program in $programs; do
	if ! cmp -s "$results/run1/$program.out" "$results/run2/$program.out"; then
		echo "$program: runs differ"
		diff "$results/run1/$program.out" "$results/run2/$program.out"
		failed=1
	elif grep -q ': no$\|succeeded$\|^exit: [1-9]' "$results/run1/$program.out"; then
		echo "$program: a check failed"
		grep ': no$\|succeeded$\|^exit: [1-9]' "$results/run1/$program.out"
		failed=1
	else
		echo "$program: ok"
	fi
done
for script in "$here"/nsh_tests/*.sh; do
	name=$(basename "$script" .sh)
	for run in run1 run2; do
		if ! diff "$here/nsh_tests/$name.out" "$results/$run/nsh_$name.out" > "$results/$run/nsh_$name.diff"; then
			echo "nsh_tests/$name ($run): differs from $name.out"
			cat "$results/$run/nsh_$name.diff"
			failed=1
		fi
	done
	[ -s "$results/run1/nsh_$name.diff" ] || [ -s "$results/run2/nsh_$name.diff" ] || echo "nsh_tests/$name: ok"
done
[ "$failed" = 0 ] && echo "all passed" || echo "FAILED"
exit "$failed"
