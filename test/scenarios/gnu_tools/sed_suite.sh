# A selection of GNU sed's own test suite (testsuite/*.sh, in $SED_TESTS),
# each run with sed_init.sh (in $SHIM/testsuite) instead of gnulib's
# init.sh: one line per test, its name and its exit status (0 passed,
# 77 skipped), after a failure the test's output.
# The selection: the tests that need no more than dash, sed, diff and
# cmp (no coreutils, perl, valgrind, locales other than C, SELinux).
cd "$TMPDIR" || exit 9
for t in 8bit 8to7 binary cmd-0r cmd-l colon-with-no-label command-endings comment-n \
    compile-errors convert-number dc distrib follow-symlinks-stdin help in-place-hyphen \
    inplace-hold mac-mf madding missing-filename newjis normalize-text nulldata \
    posix-char-class posix-mode-ERE posix-mode-addr posix-mode-bad-ref posix-mode-s \
    range-overlap recursive-escape-c regex-errors stdin-prog stdin subst-options \
    subst-replacement uniq xemacs; do
  (srcdir=$SHIM abs_top_srcdir=$SED_TESTS; . "$SED_TESTS/testsuite/$t.sh") > "$t.log" 2>&1 < /dev/null
  status=$?
  echo "$t: $status"
  # a failure shows the test's own output (the host's and noux's are then compared too)
  [ "$status" = 0 ] || [ "$status" = 77 ] || sed -n 's/^/  | /p' "$t.log"
done
