# One measurement of bench/userland.ts, timed by bash itself
# ($EPOCHREALTIME), run by Debian's bash under noux and by the host's bash
# on Linux with the same tools:
#
#   bash userland.sh MEASUREMENT ROUNDS    prints "MEASUREMENT round R: N us"
#
# The work files go to $TMPDIR; preparing them is not timed.
measurement=$1 rounds=$2
cd "$TMPDIR" || exit 1
case $measurement in
start)	body() { bash --norc -i < /dev/null > /dev/null 2>&1; } ;;
spawn)	body() { bash -c true; } ;;
loop)	body() { local i; for ((i = 0; i < 200; i++)); do /bin/true; done; } ;;
sort)	seq 1 1400000 > lines
	body() { sort lines > sorted; } ;;
grep)	seq 1 12000000 > big
	# Into a file: GNU grep stops at the first match when its output is /dev/null (as -q does).
	body() { grep -c 12345 big > count; } ;;
find)	for ((d = 0; d < 50; d++)); do mkdir -p "tree/d$d" && (cd "tree/d$d" && touch f{1..100}); done
	body() { find "$TMPDIR" | wc -l > /dev/null; } ;;
vim)	body() { vim -N -n --noplugin -i NONE -c q > /dev/tty 2>&1; } ;;
*)	echo "unknown measurement $measurement" >&2; exit 2 ;;
esac
for ((round = 0; round < rounds; round++)); do
	t0=${EPOCHREALTIME/[.,]/}
	body
	t1=${EPOCHREALTIME/[.,]/}
	echo "$measurement round $round: $((10#$t1 - 10#$t0)) us"
done
