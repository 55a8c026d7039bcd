# GNU sed's main features: each command's output, then its exit status.
cd "$TMPDIR" || exit 9
printf 'one two one\nTwo three\nfour one\n\nlast line\n' > in.txt
run() { "$@"; echo "[$1 status $?]"; }
run sed 's/one/1/g' in.txt
run sed 's/one/1/2' in.txt
run sed -n '2,3p' in.txt
run sed -n '/^$/=' in.txt
run sed '$d' in.txt
run sed '2!d' in.txt
run sed -n '/two/,/four/{p}' in.txt
run sed -E 's/(o+)(n|u)/<\2\1>/g' in.txt
run sed 's/\(t[a-z]*\)/[\1]/I' in.txt
run sed -e 'y/abc/xyz/' -e '1i\
inserted' -e '$a appended' in.txt
run sed -n 'h;n;G;p' in.txt
run sed '1~2s/^/odd: /' in.txt
run sed = in.txt
run sed -s -n '$p' in.txt in.txt
printf 'a\nb\nc\n' | run sed 'N;N;s/\n/,/g'
printf 'x=1\n' > edit.txt
run sed -i 's/1/2/' edit.txt
run sed -n p edit.txt
run sed -i.bak -e 's/2/3/' edit.txt
run sed -n p edit.txt edit.txt.bak
run sed 'w out.txt' in.txt
run sed -n '$=' out.txt
run sed -z 's/\n/|/g' in.txt; echo
run sed --posix -n '1p' in.txt
run sed 'q5' in.txt
run sed 's/x/' in.txt
run sed p missing.txt
sed --version | sed -n 1p
