# Redirections: into a file then cat, append, input, stderr, 2>&1 in both
# orders, N>&M, closing, a descriptor kept by exec, and failures.
cd "${TMPDIR:-/tmp}"
echo first > nsh_out.txt
echo second >> nsh_out.txt
cat nsh_out.txt
t_count < nsh_out.txt
t_gen 3 > nsh_out.txt
cat < nsh_out.txt
echo replaced >| nsh_out.txt
cat nsh_out.txt
no_such_command 2> nsh_err.txt
echo "status: $?"
cat nsh_err.txt
t_args --exit 0 > nsh_out.txt 2>&1
no_such_command > nsh_out.txt 2>&1
cat nsh_out.txt
no_such_command 2>&1 > nsh_out.txt | t_count
echo to-stderr 1>&2 2>/dev/null
echo to-null 2>/dev/null 1>&2
echo "after redirected builtins, stdout is back"
t_args --fds 3 4 5 3< nsh_out.txt 5>&1
t_args --fds 0 3 3< nsh_out.txt 0<&-
exec 4> nsh_out.txt
echo via four >&4
echo again via four 1>&4
exec 4>&-
cat nsh_out.txt
t_args --fds 4
cat < missing_file.txt
echo "missing input: $?"
echo x > no_such_dir/file
echo "missing directory: $?"
echo x >&9
echo "bad descriptor: $?"
t_count <> nsh_out.txt
