#!/usr/bin/env bash
# Start-up of the static userpkg (build-static/userpkg, `make static`) beside the dynamic build and
# /bin/true: `--version`, medians of RUNS interleaved runs (target: static within 5 ms of
# /bin/true, since every profile change runs it). Also `env` on an empty prefix, which reads the
# config and the prefix as every shell-integration call does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
STATIC_BIN=${STATIC_BIN:-$here/../build-static/userpkg}
DYNAMIC_BIN=${DYNAMIC_BIN:-$here/../build/userpkg}
RUNS=${RUNS:-101}
for bin in "$STATIC_BIN" "$DYNAMIC_BIN"; do [ -x "$bin" ] || { echo "no $bin (make static; make)" >&2; exit 1; }; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp USERPKG_PREFIX=$tmp/prefix
for _ in $(seq "$RUNS"); do
  timed_us /bin/true >>"$tmp/true"
  timed_us "$STATIC_BIN" --version >>"$tmp/static"
  timed_us "$DYNAMIC_BIN" --version >>"$tmp/dynamic"
  timed_us "$STATIC_BIN" env >>"$tmp/static_env"
  timed_us "$DYNAMIC_BIN" env >>"$tmp/dynamic_env"
done
t=$(median <"$tmp/true") s=$(median <"$tmp/static") d=$(median <"$tmp/dynamic")
se=$(median <"$tmp/static_env") de=$(median <"$tmp/dynamic_env")
printf 'medians of %d interleaved runs, load %s\n' "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '/bin/true: %.2f ms\n' "$(ms "$t")"
printf 'static  --version: %.2f ms (+%.2f over /bin/true); env: %.2f ms\n' "$(ms "$s")" "$(ms $((s - t)))" "$(ms "$se")"
printf 'dynamic --version: %.2f ms (+%.2f over /bin/true); env: %.2f ms\n' "$(ms "$d")" "$(ms $((d - t)))" "$(ms "$de")"
printf 'static/dynamic: --version %.2f, env %.2f\n' "$(echo "$s / $d" | bc -l)" "$(echo "$se / $de" | bc -l)"
