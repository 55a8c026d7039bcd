# bash's own test suite (tests/ of its source, in bash_tests.tar): runs
# the run-* scripts as its run-all does, with $THIS_SH, and says PASS
# for a script that printed nothing, FAIL with its first lines otherwise.
#
#   bash run_suite.sh SHELL TESTS_DIR [NAME...]   (every run-* without names)
#
# Run by Debian's bash under noux and by the host's bash on Linux
# (test/scenarios/bash_suite.test.ts). diff is a function comparing
# bytes exactly (run-* scripts call `diff OUT NAME.right`), so that the
# verdict does not rest on a diff of either side; it shows the first
# line that differs.
diff() {
	local a b i
	local -a x y
	while [[ $1 == -?* ]]; do shift; done	# -a: every file is text here
	if [[ $1 == - ]]; then IFS= read -r -d '' a; else IFS= read -r -d '' a < "$1"; fi
	if [[ $2 == - ]]; then IFS= read -r -d '' b; else IFS= read -r -d '' b < "$2"; fi
	[[ $a == "$b" ]] && return 0
	mapfile -t x <<< "$a"
	mapfile -t y <<< "$b"
	for ((i = 0; i < ${#x[@]} || i < ${#y[@]}; i++)); do
		[[ ${x[i]} == "${y[i]}" ]] && continue
		printf 'line %d: got  %q\nline %d: want %q\n' $((i + 1)) "${x[i]}" $((i + 1)) "${y[i]}"
		break
	done
	return 1
}
export -f diff
export THIS_SH=$1 BASH_TSTOUT=$TMPDIR/bashtst
cd "$2" || exit 1
shift 2
for run in ${@:-run-*}; do
	run=run-${run#run-}
	[[ $run == run-all || $run == run-minimal ]] && continue
	start=$SECONDS
	out=$("$THIS_SH" "./$run" 2>&1 < /dev/null; echo "~end")
	if [[ $out == "~end" ]]; then echo "PASS ${run#run-} $((SECONDS - start))s"; else
		echo "FAIL ${run#run-} $((SECONDS - start))s"
		mapfile -t -n 4 lines <<< "$out"
		printf '  | %s\n' "${lines[@]}"
	fi
done
