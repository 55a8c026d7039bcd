# Builtins: cd and pwd (TMPDIR's path is compared, not printed: it differs
# between systems), cd to HOME and back with "-", export and unset seen by a
# child, test and [, "." with arguments, exec, wait.
D=${TMPDIR:-/tmp}
cd /
pwd
echo "PWD: $PWD"
cd "$D"
test "$PWD" = "$D" && echo "cd set PWD"
test "$OLDPWD" = / && echo "cd set OLDPWD"
cd no_such_directory
echo "cd to a missing directory: $?"
HOME=/
cd
pwd
cd - > /dev/null
test "$PWD" = "$D" && echo "cd - went back"
test -d . && echo "test -d ."
test -f . || echo "test -f . is false"
[ -n "x" ] && echo "[ -n x ]"
[ -z "" ] && echo "[ -z '' ]"
[ abc = abc ] && echo "[ abc = abc ]"
[ abc != abd ] && echo "[ abc != abd ]"
[ 3 -lt 12 ] && echo "[ 3 -lt 12 ]"
[ 12 -le 3 ] || echo "[ 12 -le 3 ] is false"
[ ! -e no_such_file ] && echo "[ ! -e no_such_file ]"
[ x ] && echo "[ x ]"
[ "" ] || echo "[ '' ] is false"
test; echo "test without arguments: $?"
[ 1 -eq 1; echo "missing ]: $?"
[ a -eq 1 ]; echo "not an integer: $?"
echo 'echo "sourced with $# arguments: $1 $2"; SOURCED=yes' > nsh_sourced.sh
. ./nsh_sourced.sh one two
echo "variable set by the sourced file: $SOURCED"
source ./nsh_sourced.sh
. ./no_such_file.sh
echo "source of a missing file: $?"
true extra arguments; echo "true: $?"
: ignored; echo "colon: $?"
false; echo "false: $?"
unset NAME_NEVER_SET; echo "unset of an unset name: $?"
export T_EXPORTED=1 T_ALSO=2
t_args
unset T_EXPORTED
t_args
export 1BAD; echo "export of a bad name: $?"
nsh -c 'exec t_args exec replaced the shell; echo never printed'
nsh -c 'exec > nsh_exec.txt; echo into the file'; t_count < nsh_exec.txt
exit 3
