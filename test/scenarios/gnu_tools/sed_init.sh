# Stands in for sed's testsuite/init.sh (gnulib's test framework, which
# needs coreutils: mktemp, rm, env, ...): the functions sed's test
# scripts call, in dash and the tools under test only, so that a script
# runs alike under noux and natively. A test that needs more skips (77).
fail=0
path_prepend_() { :; }
print_ver_() { :; }
cat() { sed -n p "$@"; }
compare() { diff -u "$1" "$2"; }
compare_() { diff -u "$1" "$2"; }
framework_failure_() { echo "framework failure: $*"; exit 99; }
fail_() { echo "FAIL: $*"; exit 1; }
skip_() { echo "skipped: $*"; exit 77; }
warn_() { echo "$*"; }
remove_cr_inplace() { :; }
Exit() { exit "$1"; }
returns_() {
  expected_=$1; shift
  "$@"
  test $? -eq "$expected_"
}
require_en_utf8_locale_() { skip_ 'needs a UTF-8 locale'; }
require_ja_eucjp_locale_() { skip_ 'needs a EUC-JP locale'; }
require_ru_utf8_locale_() { skip_ 'needs a UTF-8 locale'; }
require_selinux_() { skip_ 'needs SELinux'; }
require_valgrind_() { skip_ 'needs valgrind'; }
require_root_() { skip_ 'needs root'; }
very_expensive_() { skip_ 'very expensive'; }
expensive_() { skip_ 'expensive'; }
