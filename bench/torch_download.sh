#!/usr/bin/env bash
# PyTorch-sized wheel: `install torch` of a 2 GB wheel (random bytes named like a wheel) listed with
# its sha256 on a PyTorch-style page from local nginx, vs `curl -o` of the same file. userpkg's
# part — the page, the download and the sha256 verification — is all that is timed: the target
# "python" is a stub that answers the probe and the import check and whose pip does nothing.
# Prints both throughputs, their ratio (target >= 0.9) and userpkg's peak RSS (target <= 40 MB).
# Usage: USERPKG_BIN=build/userpkg bench/torch_download.sh [SIZE_MB] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/e2e/lib.sh"
size_mb=${1:-2048}
runs=${2:-3}
USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}

setup_tmp
wheel=torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl
mkdir -p "$TEST_TMP/www/whl/cu121/torch"
# Random bytes: nothing (compression, sparse files) can make the transfer cheaper than it is.
head -c "${size_mb}M" /dev/urandom >"$TEST_TMP/www/whl/cu121/$wheel"
sha=$(sha256sum "$TEST_TMP/www/whl/cu121/$wheel" | cut -d' ' -f1)
printf '<!DOCTYPE html>\n<html><body><h1>Links for torch</h1>\n<a href="/whl/cu121/%s#sha256=%s">%s</a><br/>\n</body></html>\n' \
  "${wheel//+/%2B}" "$sha" "$wheel" >"$TEST_TMP/www/whl/cu121/torch/index.html"
start_nginx "$TEST_TMP/www"
url="$HTTP_URL/whl/cu121/${wheel//+/%2B}"

# The stub interpreter: probe → "3.11.7, has pip"; import check → a CUDA torch; pip → nothing.
cat >"$TEST_TMP/python3" <<'STUB'
#!/bin/sh
case "$2" in
  pip) exit 0 ;;
  *userpkg.torch*) printf 'userpkg.torch=2.1.2+cu121\nuserpkg.cuda=12.1\nuserpkg.available=0\nuserpkg.count=0\n' ;;
  *) printf '3.11.7\n1\n0\n' ;;
esac
STUB
chmod +x "$TEST_TMP/python3"

seconds() { date +%s.%N; }
for run in $(seq 1 "$runs"); do
  t0=$(seconds)
  curl -sS -o "$TEST_TMP/curl.out" "$url"
  t1=$(seconds)
  curl_s=$(echo "$t1 - $t0" | bc -l)
  rm -f "$TEST_TMP/curl.out"

  rm -rf "$TEST_TMP/prefix"
  t0=$(seconds)
  USERPKG_CUDA_DRIVER=12.2 USERPKG_GLIBC=2.36 /usr/bin/time -v -o "$TEST_TMP/time.txt" \
    "$USERPKG_BIN" -q --prefix "$TEST_TMP/prefix" install torch@2.1.2 --python "$TEST_TMP/python3" \
    --torch-index "$HTTP_URL/whl" >"$TEST_TMP/install.log" 2>&1 || { cat "$TEST_TMP/install.log"; exit 1; }
  t1=$(seconds)
  userpkg_s=$(echo "$t1 - $t0" | bc -l)
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$TEST_TMP/time.txt")
  printf 'run %d: curl %6.2f s %7.1f MB/s | userpkg %6.2f s %7.1f MB/s, peak RSS %.1f MB | ratio %.2f\n' "$run" \
    "$curl_s" "$(echo "$size_mb / $curl_s" | bc -l)" "$userpkg_s" "$(echo "$size_mb / $userpkg_s" | bc -l)" \
    "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$curl_s / $userpkg_s" | bc -l)"
done
echo "(ratio = userpkg throughput / curl throughput, target >= 0.9; peak RSS target <= 40 MB)"
