# GNU awk's main features: each program's output, then its exit status.
cd "$TMPDIR" || exit 9
printf 'alice 30 paris\nbob 25 rome\ncarol 35 paris\ndave 28 oslo\n' > people.txt
printf 'a:b:c\nd:e:f\n' > colon.txt
run() { "$@"; echo "[$1 status $?]"; }
run gawk '{ print $1, $3 }' people.txt
run gawk '$2 > 28 { print NR": "$0 }' people.txt
run gawk -F: '{ print $2, NF }' colon.txt
run gawk 'BEGIN { FS = ":"; OFS = "-" } { $1 = $1; print } END { print NR " records" }' colon.txt
run gawk '{ sum += $2 } END { printf "total %d, mean %.2f\n", sum, sum / NR }' people.txt
run gawk '{ count[$3]++ } END { n = asorti(count, keys); for (i = 1; i <= n; i++) print keys[i], count[keys[i]] }' people.txt
run gawk 'BEGIN { printf "%5s|%-5s|%05.1f|%x|%c|%e\n", "ab", "cd", 3.14159, 255, 65, 12345.678 }'
run gawk 'BEGIN { s = "Hello, World"; print length(s), substr(s, 8), index(s, "W"), toupper(s), tolower(s) }'
run gawk 'BEGIN { s = "a1b22c333"; n = gsub(/[0-9]+/, "#", s); print n, s; split("x,y,z", parts, ","); print parts[3] }'
run gawk 'BEGIN { print match("foobar", /o+b/), RSTART, RLENGTH; print gensub(/(o+)/, "<\\1>", "g", "foo boo") }'
run gawk 'BEGIN { while ((getline line < "colon.txt") > 0) n++; close("colon.txt"); print n " lines read" }'
run gawk 'NR == 1 { getline; print "after getline:", $0 }' people.txt
run gawk 'BEGIN { print "to sed" | "sed s/sed/SED/"; close("sed s/sed/SED/"); r = system("exit 3"); print "system:", r }'
gawk 'BEGIN { "echo piped" | getline x; print x }'; echo "[gawk cmd | getline status $?]"
run gawk 'BEGIN { print "written" > "out.txt"; close("out.txt"); getline y < "out.txt"; print y }'
run gawk 'BEGIN { print 2^10, 7 % 3, int(-3.7), sqrt(16), sprintf("%.3f", atan2(0, -1)) }'
run gawk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'
run gawk -v greeting=hi 'BEGIN { print greeting, ARGC, ARGV[1] }' people.txt
run gawk 'BEGIN { RS = "" } { print NF }' people.txt
run gawk '/rome/, /oslo/ { print $1 }' people.txt
run gawk 'BEGIN { exit 3 } END { print "end runs" }'
run gawk 'BEGIN { print substr("x", 1' 
run gawk '{ print }' missing.txt
run gawk 'BEGIN { printf "%s\n", strftime("%Y", 0, 1) }'
gawk --version | sed -n 1p
