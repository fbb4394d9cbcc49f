#!/usr/bin/env bash
# Times extracting a real source tarball with `tar xzf` and with userpkg's extractor, on the same
# disk, several runs each (alternating), and prints the ratio of the medians. Target: <= 1.1.
#   USERPKG_BIN       binary with the hidden `debug-extract ARCHIVE DEST` command (default: build/userpkg)
#   REALWORLD_MIRROR  mirror of upstream sources (default: ${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld)
#   ARCHIVE           tarball to use (default: $REALWORLD_MIRROR/python/Python-3.11.2.tgz)
#   RUNS              runs per tool (default: 5)
#   BENCH_DIR         scratch directory (default: a new directory under ${TMPDIR:-/tmp})
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
USERPKG_BIN=${USERPKG_BIN:-$here/build/userpkg}
REALWORLD_MIRROR=${REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
ARCHIVE=${ARCHIVE:-$REALWORLD_MIRROR/python/Python-3.11.2.tgz}
RUNS=${RUNS:-5}

if [[ ! -f $ARCHIVE ]]; then
  echo "skip: $ARCHIVE not found (set REALWORLD_MIRROR or ARCHIVE)" >&2
  exit 77
fi
if [[ ! -x $USERPKG_BIN ]]; then
  echo "error: $USERPKG_BIN is not executable (set USERPKG_BIN)" >&2
  exit 2
fi

scratch=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/userpkg-bench-extract.XXXXXX")}
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT

now() { date +%s.%N; }

# One timed run of "$@" into a fresh directory; prints the seconds. The tree is removed outside
# the timing, and the page cache holds the archive after the warm-up run, for both tools alike.
time_one() {
  local dest=$scratch/out
  rm -rf "$dest" && mkdir "$dest"
  local start end
  start=$(now)
  "$@" "$dest" >/dev/null
  end=$(now)
  rm -rf "$dest"
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f\n", b - a}'
}
run_tar() { tar xzf "$ARCHIVE" -C "$1"; }
run_userpkg() { "$USERPKG_BIN" debug-extract "$ARCHIVE" "$1"; }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

time_one run_tar >/dev/null  # warm-up: archive into the page cache
tar_times=() userpkg_times=()
for ((i = 0; i < RUNS; i++)); do
  tar_times+=("$(time_one run_tar)")
  userpkg_times+=("$(time_one run_userpkg)")
done

tar_median=$(printf '%s\n' "${tar_times[@]}" | median)
userpkg_median=$(printf '%s\n' "${userpkg_times[@]}" | median)
printf 'archive:  %s\n' "$ARCHIVE"
printf 'tar xzf:  median %.3f s  (runs: %s)\n' "$tar_median" "${tar_times[*]}"
printf 'userpkg:  median %.3f s  (runs: %s)\n' "$userpkg_median" "${userpkg_times[*]}"
printf 'ratio userpkg / tar: %.2f (target <= 1.10)\n' "$(awk -v u="$userpkg_median" -v t="$tar_median" 'BEGIN {print u / t}')"
