# Parameter expansion and field splitting.
cd "${TMPDIR:-/tmp}"
NAME=world
echo "hello $NAME" hello ${NAME} "${NAME}s" $NAME.txt
echo "unset: [$NO_SUCH_VARIABLE] [${NO_SUCH_VARIABLE}]"
echo "default: ${NO_SUCH_VARIABLE:-fallback} ${NAME:-fallback}"
EMPTY=
echo "empty: [${EMPTY-unset only}] [${EMPTY:-empty or unset}] [${EMPTY:+set and non-empty}] [${NAME:+alternative}]"
echo "assign default: ${ASSIGNED:=given} then $ASSIGNED"
echo "length: ${#NAME} ${#EMPTY}"
false; echo "status: $? $?"
test "$$" -gt 1 && echo "\$\$ is a process id"
SAVED=$$
nsh -c 'exit 0'; test "$$" = "$SAVED" && echo "\$\$ unchanged"
echo "no background yet: [$!]"
WORDS="one   two	three"
t_args $WORDS
t_args "$WORDS"
t_args $EMPTY "" "$EMPTY" x
PREFIX="a b"
t_args x$PREFIX"y z"
t_args ${NAME}1 $NAME_1 "${NAME}_1"
echo $ alone, $% and a$
HOME=/home/test
echo ~ ~/dir "~" '~' a~
T_PREFIX=only-for-the-command t_args
echo "after the command: [$T_PREFIX]"
T_SHELL=shell-only
t_args
export T_SHELL
t_args
export T_NEW=exported-with-value
unset T_SHELL
t_args
