#!/usr/bin/env bash
# Wheel selection over a 2,000-entry PyTorch-style index page (target: <= 20 ms): parse the HTML
# and pick the wheel, timed in-process by the hidden Catch2 case "[.bench]" of the unit tests
# (tests/unit/wheel/select_bench.cpp; the page is generated there, no network).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tests=${UNIT_TESTS_BIN:-$here/../build/tests/unit_tests}
[ -x "$tests" ] || { echo "build first: make (no $tests)" >&2; exit 1; }
out=$("$tests" "[.bench]" 2>&1) || { echo "$out" >&2; exit 1; }
line=$(grep '^wheel_select:' <<<"$out") || { echo "no timing in the output:" >&2; echo "$out" >&2; exit 1; }
echo "$line"
total=$(sed -n 's/.*total \([0-9.]*\) ms (median.*/\1/p' <<<"$line")
cpu=$(sed -n 's/.*CPU time \([0-9.]*\) ms.*/\1/p' <<<"$line")
load=$(cut -d' ' -f1 /proc/loadavg)
# The verdict is on the wall clock; on a busy machine (load above the core count) preemption
# inflates it, and the CPU time shows userpkg's own cost.
if awk -v t="$total" 'BEGIN { exit !(t <= 20) }'; then
  echo "target <= 20 ms: met (load average $load)"
else
  echo "target <= 20 ms: not met on the wall clock ($total ms; CPU time $cpu ms; load average $load on $(nproc) CPUs)"
fi
