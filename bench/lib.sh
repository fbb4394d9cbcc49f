# Timing helpers shared by the bench scripts (source it).
# median: the middle of the numbers on stdin, one per line.
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# timed_us CMD…: microseconds one run of CMD takes, from $EPOCHREALTIME (bash 5), so no `date`
# process falls inside the interval. A failing CMD stops the bench.
timed_us() {
  local t0 t1
  t0=${EPOCHREALTIME/[.,]/}
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  t1=${EPOCHREALTIME/[.,]/}
  echo $((10#$t1 - 10#$t0))
}
# ms MICROSECONDS: as milliseconds (a float, for printf %.2f).
ms() { echo "$1 / 1000" | bc -l; }
