# Where commands come from: a script on standard input (read line by line,
# so a command reading stdin gets the lines after it), nsh -c with $0 and
# arguments, nsh FILE with arguments.
cd "${TMPDIR:-/tmp}"
echo 'echo first line from stdin
t_count
1
2
echo this line is read by t_count' | nsh
echo "nsh from stdin: $?"
nsh -c 'echo "\$0=$0 \$#=$# \$1=$1 \$2=$2"' name one two
nsh -c 'echo "\$0=$0 \$#=$#"'
echo 'echo "script arguments: $# $1 $2"; exit 4' > nsh_script.sh
nsh nsh_script.sh a "b c"
echo "nsh FILE: $?"
nsh no_such_script.sh
echo "nsh of a missing file: $?"
