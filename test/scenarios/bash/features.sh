# What a bash script leans on, run by Debian's bash under noux and by the
# host's bash on Linux (the same version): the outputs must be equal.
# Builtins and cat only, so that no other port's tools are needed.

echo "== pipelines and subshells"
printf '%s\n' c a b | cat | cat
( echo sub; exit 3 ); echo "status $?"
x=$(echo inner; echo more); echo "[$x]"
echo "$(echo "$(echo nested)")"
{ echo grouped; echo twice; } | cat
false | true; echo "pipe status ${PIPESTATUS[*]}"
set -o pipefail; false | true; echo "pipefail $?"; set +o pipefail

echo "== functions, locals, recursion"
fact() { local n=$1; if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi; }
fact 10
outer() { local v=outer; inner; echo "after inner: $v"; }
inner() { v=changed; }
outer
counter=0; bump() { (( counter++ )); return 7; }; bump; echo "return $? counter $counter"

echo "== arrays and strings"
a=(one two "three four"); a+=(five); echo "${#a[@]} ${a[2]} ${a[-1]} ${a[*]:1:2}"
declare -A m=([x]=1 [y]=2); m[z]=3
for k in x y z; do printf '%s=%s ' "$k" "${m[$k]}"; done; echo
s="Hello, World"; echo "${s,,} ${s^^} ${s//o/0} ${s#*, } ${s%,*} ${#s} ${s:7:3}"
printf -v padded '%05d|%-6s|%x' 42 ab 255; echo "$padded"
[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "match ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
case "file.tar.gz" in *.tar.*) echo "tarball" ;; *) echo "other" ;; esac
shopt -s extglob; v=aaab; echo "${v##+(a)}"

echo "== here-documents and reading"
cat <<EOF
expanded $((6 * 7))
EOF
cat <<'EOF'
literal $HOME
EOF
while IFS=: read -r name rest; do echo "name=$name rest=$rest"; done <<< "root:x:0
user:y:1"
mapfile -t lines < <(printf '%s\n' l1 l2 l3) 2>/dev/null || lines=(l1 l2 l3)
echo "${#lines[@]} ${lines[1]}"
read -r -a words <<< "split these words"; echo "${words[2]}"

echo "== traps, signals, errors"
trap 'echo "trapped USR1"' USR1
kill -USR1 $$
trap - USR1
( trap 'echo "subshell exit trap"' EXIT; echo "in subshell" )
( set -e; false; echo "not reached" ); echo "set -e status $?"
f() { return 3; }; f || echo "f failed with $?"
( kill -TERM $BASHPID ); echo "killed by TERM: $?"

echo "== jobs and waiting"
( exit 4 ) & wait $!; echo "background status $?"
( echo from-bg ) & wait
coproc UPPER { read -r line; echo "co: $line"; }
echo hello >&"${UPPER[1]}"; read -r reply <&"${UPPER[0]}"; echo "$reply"; wait "$UPPER_PID"

echo "== arithmetic"
echo $(( 2 ** 10 )) $(( 17 % 5 )) $(( -7 / 2 )) $(( 1 << 4 )) $(( 0x1f )) $(( 8#17 ))
i=0; while (( i < 5 )); do (( i += 2 )); done; echo "i=$i"
for (( j = 0; j < 3; j++ )); do printf '%d,' "$j"; done; echo

echo "== files"
cd "$TMPDIR" || exit 1
echo one > f1; echo two >> f1; cat f1
exec 3> f2; echo "via fd 3" >&3; exec 3>&-; cat f2
[[ -f f1 && ! -d f1 && -s f2 ]] && echo "tests ok"
for f in f*; do echo "glob $f"; done
echo "done"
exit 5
