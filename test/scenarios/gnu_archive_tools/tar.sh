# GNU tar's main features: archives of a tree made, listed, extracted, compressed through gzip, appended to, compared.
# Archives are made with --sort=name (a directory's entries come in the file system's order otherwise), one owner
# (--owner/--group: the host's may be anyone), one time (--mtime) and --mode=a=rwX (noux has no permission bits), so
# that noux's tar writes the same bytes as Linux's.
LC_ALL=C; export LC_ALL
cd "$TMPDIR" || exit 9
run() { "$@"; echo "[$1 status $?]"; }
SAME='--sort=name --owner=0 --group=0 --numeric-owner --mode=a=rwX'
STAMP='2001-09-09 01:46:40 UTC'
mkdir -p src/sub src/empty
printf 'alpha\nbeta\n' > src/a.txt
seq 1 3000 > src/sub/numbers
printf 'x' > src/sub/x
run tar -cf plain.tar $SAME --mtime="$STAMP" src
md5sum plain.tar
run tar -tf plain.tar
run tar -tvf plain.tar
# Compressed: tar runs gzip (by PATH) on a pipe; gzip stores no time for a pipe.
run tar -czf src.tgz $SAME --mtime="$STAMP" src
gzip -dc src.tgz | md5sum
run tar -tzf src.tgz
mkdir out && run tar -xzf src.tgz -C out
cmp src/sub/numbers out/src/sub/numbers && echo 'numbers extracted as they were'
stat -c '%Y %s %n' out/src/a.txt out/src/sub/numbers out/src/sub/x
run tar -xOf plain.tar src/a.txt
run tar -xvf plain.tar -C out src/sub/x
# Through pipes, both ways
tar -cf - $SAME --mtime="$STAMP" src | tar -tvf -
echo "[pipe status $?]"
mkdir piped && gzip -dc src.tgz | (cd piped && tar -xf -) && cat piped/src/a.txt
# Append, update, delete, compare
printf 'gamma\n' > src/c.txt
run tar -rf plain.tar $SAME --mtime="$STAMP" src/c.txt
run tar -tf plain.tar
run tar --delete -f plain.tar src/sub/x
run tar -tf plain.tar
# (no --mode: tar -d compares the modes too, and under noux a file has none; a write leaves the time as it was there)
umask 022
run tar -cf cmp.tar --sort=name --mtime="$STAMP" src/a.txt src/c.txt
mkdir cmp && (cd cmp && tar -xf ../cmp.tar) && printf 'changed\n' > cmp/src/a.txt && touch -d '2002-02-02 00:00:00 UTC' cmp/src/a.txt
(cd cmp && run tar -df ../cmp.tar)
# Excludes, transforms, strip
run tar -cf some.tar $SAME --mtime="$STAMP" --exclude='*.txt' src
run tar -tf some.tar
run tar -xf plain.tar --strip-components=1 -C out --transform='s/a\.txt/renamed.txt/' src/a.txt
cat out/renamed.txt
# A symbolic link is archived as a link and extracted as one
ln -s a.txt src/link
run tar -cf links.tar --sort=name src/link src/a.txt
mkdir linked && run tar -xf links.tar -C linked
readlink linked/src/link; cat linked/src/link
# Errors
run tar -xf missing.tar
printf 'not a tar archive, only some text that is long enough to fill nothing\n' > bogus.tar
run tar -tf bogus.tar
run tar -cf - missing-file > /dev/null
tar --version | head -n 1
