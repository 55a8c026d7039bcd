# GNU gzip's main features (gzip, gunzip, zcat, zgrep): outputs, checksums of what it writes, exit statuses.
# Compressed data is never written to the console: under noux it is a terminal, where gzip refuses to.
LC_ALL=C; export LC_ALL
cd "$TMPDIR" || exit 9
run() { "$@"; echo "[$1 status $?]"; }
seq 1 5000 > numbers
printf 'alpha\nbeta\ngamma\n' > greek
# A time for the files that gzip stores: a file written under noux has time 0 (no clock), out of the format's range.
touch -d '2001-09-09 01:46:40 UTC' numbers greek
# The same bytes as Linux's gzip at every level (-n: no name, no time stamp in the header).
for level in 1 6 9; do gzip -n -$level < numbers | md5sum; done
gzip -n < greek | od -An -tx1 | head -n 2
run gzip -k -n numbers
ls -1
md5sum numbers.gz
run gzip -t numbers.gz
run gzip -l numbers.gz
rm numbers.gz
run gzip -9 numbers
ls -1
run gunzip numbers.gz
seq 1 5000 | cmp - numbers && echo 'numbers as before'
stat -c '%Y %s %n' numbers
gzip -c greek > both.gz; gzip -c numbers >> both.gz
zcat both.gz | md5sum
zcat both.gz | head -n 4
run gzip -d -c both.gz > /dev/null
run gzip -S .z greek
ls -1
run gzip -d -S .z greek.z
mkdir -p tree/sub && cp -p greek tree/ && cp -p numbers tree/sub/
run gzip -r tree
ls -1R tree
run gunzip -r tree
ls -1R tree
printf 'not gzip data' > bogus.gz
run gzip -t bogus.gz
run gunzip bogus.gz
gzip -c greek | head -c 20 > truncated.gz
run gzip -t truncated.gz
run gzip missing
run zgrep -c a both.gz
run zgrep -n beta both.gz
gzip -c numbers > n.gz
run zcat n.gz | tail -n 1
echo hello | gzip | gzip -d
echo hello | gzip -c | gunzip -c
gzip --version | head -n 1
# A file as written: under noux its time is 0.
printf 'fresh\n' > fresh
gzip fresh; echo "[gzip fresh status $?]"
