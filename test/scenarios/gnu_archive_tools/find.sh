# find and xargs with what an archive's contents come from: find -newer, -delete, -depth, -regex, xargs's -L, -E, -d, -a and -s.
# find meets a directory's entries in the file system's order: --- sorted blocks are compared in name order.
LC_ALL=C; export LC_ALL
cd "$TMPDIR" || exit 9
run() { "$@"; echo "[$1 status $?]"; }
mkdir -p src/lib src/doc build
for f in src/main.c src/lib/util.c src/lib/util.h src/doc/guide.txt src/README; do echo "$f" > "$f"; done
seq 1 100 > src/doc/big
# Times given: a file written under noux has time 0 (no clock), and a directory's are the file system's.
touch -d '2001-01-01 00:00:00 UTC' src/main.c src/lib/util.c src/lib/util.h src/doc/guide.txt src/doc/big
touch -d '2002-01-01 00:00:00 UTC' src/README stamp
touch -d '2003-01-01 00:00:00 UTC' src/lib/util.c
echo '--- sorted'
run find src -type f -newer stamp
run find src -type f -regex '.*\.[ch]'
run find src -type f ! -newer stamp -name '*.c'
run find src -name '*.h' -exec cat {} +
echo '--- end'
find src -type f | sort | tr '\n' '\0' | xargs -0 -n 2 sh -c 'echo "$#: $*"' sh
echo '--- sorted'
find src -type f | xargs -L 1 wc -l
find src -type f -name '*.c' | xargs -I % cp % build/
run find build -type f
run find src -maxdepth 1 -type f -printf '%s %f\n'
echo '--- end'
mkdir -p deep/a/b
run find deep -depth
printf 'one\ntwo\nSTOP\nthree\n' | run xargs -E STOP echo
printf 'a:b:c' | run xargs -d : -n 1 echo
printf 'x\ny\n' > list; run xargs -a list echo got
printf '%s\n' aaaa bbbb cccc dddd | run xargs -s 20 echo
run find build -name '*.c' -delete
run find build
run find src -type f -size +100c
run find src -type x
run find -L src -maxdepth 0 -printf '%y %p\n'
