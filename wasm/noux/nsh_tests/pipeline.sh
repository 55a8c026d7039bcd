# Pipelines: three and five stages, the status is the last command's,
# "!" negates it, builtins take part, a reader that quits early.
cd "${TMPDIR:-/tmp}"
t_gen 1000 | t_filter | t_count
t_gen 20 | t_filter | t_filter | t_filter | t_count
echo "status of a pipeline ending in true: $?"
t_gen 3 | t_args --exit 4
echo "status of a pipeline ending in exit 4: $?"
! t_gen 3 | t_args --exit 4
echo "negated: $?"
! true
echo "! true: $?"
echo 2 | t_count
echo 7 | t_filter | t_count
t_gen 1000000 | t_head 2 | t_count
t_gen 5 | t_count | t_count
t_gen 4 |
  t_count
