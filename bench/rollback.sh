#!/usr/bin/env bash
# Time of `userpkg rollback` (target: <= 20 ms), as the median of RUNS runs alternating with
# `userpkg switch` back to the newer generation (timed too), next to `userpkg --version` (the cost of
# starting the userpkg binary at all) and /bin/true.
# Two generations of small fixture packages first (made here, served by nginx).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}
RUNS=${RUNS:-21}
source "$here/../tests/e2e/world.sh"
source "$here/lib.sh"
"$USERPKG_BIN" -q install greet >/dev/null # generation 1
"$USERPKG_BIN" -q install hello >/dev/null # generation 2

rollback_file=$TEST_TMP/rollback_us switch_file=$TEST_TMP/switch_us
for _ in $(seq "$RUNS"); do
  timed_us "$USERPKG_BIN" rollback >>"$rollback_file"
  [ "$(readlink "$USERPKG_PREFIX/profiles/current")" = 1 ] || { echo "rollback did not reach generation 1" >&2; exit 1; }
  timed_us "$USERPKG_BIN" switch 2 >>"$switch_file"
done
rollback_us=$(median <"$rollback_file")
switch_us=$(median <"$switch_file")
start_us=$(for _ in $(seq "$RUNS"); do timed_us "$USERPKG_BIN" --version; done | median)
true_us=$(for _ in $(seq "$RUNS"); do timed_us /bin/true; done | median)
printf 'rollback: %.1f ms, switch: %.1f ms (medians of %d alternating runs); userpkg --version: %.1f ms; /bin/true: %.1f ms\n' \
  "$(ms "$rollback_us")" "$(ms "$switch_us")" "$RUNS" "$(ms "$start_us")" "$(ms "$true_us")"
