# GNU diffutils' main features (diff, cmp, diff3, sdiff): each command's output, then its exit status.
cd "$TMPDIR" || exit 9
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n' > old.txt
printf 'one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\n' > new.txt
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n' > same.txt
printf 'one\ntwo\nthree\nfour\nFIVE\nsix\nseven\n' > other.txt
run() { "$@"; echo "[$1 status $?]"; }
run diff old.txt same.txt
run diff old.txt new.txt
run diff -u --label old --label new old.txt new.txt
run diff -c --label old --label new old.txt new.txt
run diff -U1 --label a --label b old.txt new.txt
# the default header names the files and their times: the names only
diff -u old.txt new.txt | sed -n '1,2s/\t.*//p'
run diff -i old.txt new.txt
run diff -q old.txt new.txt
run diff -s old.txt same.txt
run diff -e old.txt new.txt
run diff -y -W 40 old.txt new.txt
run diff --normal -b old.txt missing.txt
printf 'one\n' | run diff - same.txt
cd "$FIXTURE" || exit 9
run diff -r d e
run diff -r -u --label x --label y d/sub/three.txt e/sub/three.txt
run diff -N -r -q d e
cd "$TMPDIR" || exit 9
# cmp's output into a file: to the terminal, see below
run cmp old.txt same.txt > cmp.out; sed -n p cmp.out
run cmp old.txt new.txt > cmp.out; sed -n p cmp.out
run cmp -s old.txt new.txt > cmp.out; sed -n p cmp.out
run cmp -l old.txt other.txt > cmp.out; sed -n p cmp.out
run cmp -n 5 old.txt new.txt > cmp.out; sed -n p cmp.out
run cmp old.txt missing.txt
cmp same.txt other.txt; echo "[cmp to the terminal status $?]"
run diff3 new.txt old.txt other.txt
run diff3 -m new.txt old.txt other.txt
printf 'a\nb\n' > s1; printf 'a\nc\n' > s2
run sdiff -w 20 s1 s2
diff --version | sed -n 1p
