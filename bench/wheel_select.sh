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
if awk -v t="$total" 'BEGIN { exit !(t <= 20) }'; then echo "target <= 20 ms: met"; else echo "target <= 20 ms: NOT met"; fi
