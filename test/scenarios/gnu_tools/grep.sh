# GNU grep's main features: each command's output, then its exit status.
cd "$TMPDIR" || exit 9
printf 'alpha beta\nGamma delta\nalphabet\nepsilon 42\n\nzeta 7 alpha\n' > a.txt
printf 'nothing here\nBeta again\n' > b.txt
run() { "$@"; echo "[$1 status $?]"; }
run grep alpha a.txt
run grep -i gamma a.txt
run grep -v alpha a.txt
run grep -c alpha a.txt
run grep -n -w alpha a.txt
run grep -E '[0-9]+$' a.txt
run grep -E 'beta|delta' a.txt b.txt
run grep -o -E '[a-z]+a\b' a.txt
run grep -x 'alphabet' a.txt
run grep -F 'a.t' a.txt
run grep 'a.b' a.txt
run grep -e epsilon -e zeta a.txt
run grep -l -i beta a.txt b.txt
run grep -L zeta a.txt b.txt
run grep -h -i beta a.txt b.txt
run grep -q alpha a.txt
run grep -s nope a.txt
run grep nope missing.txt
run grep '[' a.txt
run grep -A1 -n Gamma a.txt
run grep -B1 -C0 epsilon a.txt
run grep -m1 alpha a.txt
run grep -b -o 42 a.txt
cd "$FIXTURE" || exit 9
echo '--- sorted'
run grep -r needle d
run grep -r -l --include='*.txt' needle d
run grep -r -c -w needle d
echo '--- end'
cd "$TMPDIR" || exit 9
printf 'x\ny\n' | run grep -c ''
printf 'a\0b\n' > bin.dat
run grep a bin.dat
run grep -a -c b bin.dat
printf 'one\ntwo\n' | run grep -z -c o
grep -P x a.txt; echo "[grep -P status $?]"
