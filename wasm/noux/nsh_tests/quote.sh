# Quoting: single quotes keep everything, double quotes keep all but $, `, \ and ",
# backslash escapes one character, quotes span lines, "#" starts a comment only at a word's start.
echo 'single $HOME "double" \n \'
echo "double: \$ \" \\ \n 'single' $UNSET_VARIABLE."
echo back\ slash \$HOME \"quote\" \'single\' \\ end
echo "a"'b'c"d e"'f g'
echo ''"" | t_count
t_args '' "" a''b
echo not#a#comment # but this is one
echo "# not a comment" '# nor this'
echo \# escaped
echo 'line one
line two'
echo "line three
line four"
echo continued \
line
echo tab'	'inside "	too"
echo ';' '&&' '|' '>' "<" \; \& \| \> \<
echo semicolon;echo without;echo spaces
echo "$" '$' \$ "\$"
echo -n "no newline"; echo " <- joined"
echo -n; echo "(empty -n printed nothing)"
echo -- -n -x
