#!/usr/bin/env bash
# Time of `userpkg rollback` (target: <= 20 ms), as the median of RUNS runs alternating with
# `userpkg switch` back to the newer generation (timed too), next to /bin/true started the same way.
# Two generations of small fixture packages first (made here, served by nginx).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}
RUNS=${RUNS:-21}
source "$here/../tests/e2e/world.sh"
"$USERPKG_BIN" -q install greet >/dev/null # generation 1
"$USERPKG_BIN" -q install hello >/dev/null # generation 2

now_ns() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
timed_us() {
  local t0 t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  t1=$(now_ns)
  echo $(((t1 - t0) / 1000))
}
rollback_file=$TEST_TMP/rollback_us switch_file=$TEST_TMP/switch_us
for _ in $(seq "$RUNS"); do
  timed_us "$USERPKG_BIN" rollback >>"$rollback_file"
  [ "$(readlink "$USERPKG_PREFIX/profiles/current")" = 1 ] || { echo "rollback did not reach generation 1" >&2; exit 1; }
  timed_us "$USERPKG_BIN" switch 2 >>"$switch_file"
done
rollback_us=$(median <"$rollback_file")
switch_us=$(median <"$switch_file")
true_us=$(for _ in $(seq "$RUNS"); do timed_us /bin/true; done | median)
ms() { echo "$1 / 1000" | bc -l; }
printf 'rollback: %.1f ms, switch: %.1f ms (medians of %d alternating runs); /bin/true: %.1f ms\n' \
  "$(ms "$rollback_us")" "$(ms "$switch_us")" "$RUNS" "$(ms "$true_us")"
