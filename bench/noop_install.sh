#!/usr/bin/env bash
# Time of a no-op `userpkg install` of an installed package (target: <= 50 ms), as the median of
# RUNS runs, next to /bin/true started the same way (the cost of starting any process).
# Installs a small fixture package first (a tiny project made here, served by nginx).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}
RUNS=${RUNS:-21}
source "$here/../tests/e2e/world.sh"
source "$here/lib.sh"
"$USERPKG_BIN" -q install hello >/dev/null

time_runs() { for _ in $(seq "$RUNS"); do timed_us "$@"; done | median; }
noop_us=$(time_runs "$USERPKG_BIN" install hello)
true_us=$(time_runs /bin/true)
printf 'no-op install: %.1f ms (median of %d runs); /bin/true: %.1f ms\n' "$(ms "$noop_us")" "$RUNS" "$(ms "$true_us")"
