# GNU findutils' main features (find, xargs): each command's output, then its exit status.
# find meets a directory's entries in the file system's order: --- sorted blocks are compared in name order.
# The C locale on both sides: noux's processes start in wasi-libc's default, C.UTF-8, where find quotes names with ‘’.
LC_ALL=C; export LC_ALL
cd "$FIXTURE" || exit 9
run() { "$@"; echo "[$1 status $?]"; }
echo '--- sorted'
run find d
run find d -name '*.txt'
run find d -type d
run find d -type f -name 't*'
run find d -maxdepth 1
run find d -mindepth 2 -type f
run find d -path '*/sub/*' -prune -o -type f -print
run find d -empty
run find d -type f -size -1k
run find d -iname 'ONE.TXT' -o -name four.c
run find d -type f -exec grep -l needle {} \;
run find d -type f -exec grep -c needle {} +
run find d -name '*.c' -printf '%f %s %d %p\n'
run find d -not -name '*.txt' -type f
find d -type f -print0 | xargs -0 grep -h needle
echo "[xargs status $?]"
echo '--- end'
run find missing
# xargs runs programs, not shell builtins: echo is dash's, through sh -c (coreutils is a port of its own)
ECHO='echo "$@"'
printf 'a b\nc\n' | run xargs sh -c "$ECHO" sh
printf 'a b c d e\n' | run xargs -n 2 sh -c "$ECHO" sh
printf 'x\ny\n' | run xargs -I{} sh -c "$ECHO" sh 'item {}'
printf 'x\0y z\0' | run xargs -0 -n1 sh -c "$ECHO" sh
printf '' | run xargs -r sh -c "$ECHO" sh nothing
printf 'q\n' | run xargs sh -c 'exit 3'
printf 'q\n' | run xargs sh -c 'exit 255'
run find d -maxdepth 0 -quit -print
find --version | sed -n 1p
