#!/usr/bin/env bash
# Download benchmark: curl vs userpkg on one 500 MB random file served by a local nginx.
# Prints both throughputs, their ratio, and userpkg's peak RSS (target: <= 40 MB).
# Usage: USERPKG_BIN=build/userpkg bench/download.sh [SIZE_MB]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/e2e/lib.sh"
size_mb=${1:-500}
USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}

setup_tmp
mkdir -p "$TEST_TMP/www/bigfile"
# Random bytes: nothing (gzip, sparse files) can make the transfer cheaper than it is.
head -c "${size_mb}M" /dev/urandom >"$TEST_TMP/www/bigfile/bigfile-1.0.tar.gz"
sha=$(sha256sum "$TEST_TMP/www/bigfile/bigfile-1.0.tar.gz" | cut -d' ' -f1)
start_nginx "$TEST_TMP/www"
url="$HTTP_URL/bigfile/bigfile-1.0.tar.gz"

seconds() { date +%s.%N; }

t0=$(seconds)
curl -sS -o "$TEST_TMP/curl.out" "$url"
t1=$(seconds)
curl_s=$(echo "$t1 - $t0" | bc -l)
rm -f "$TEST_TMP/curl.out"
printf 'curl:    %6.2f s  %8.1f MB/s\n' "$curl_s" "$(echo "$size_mb / $curl_s" | bc -l)"

# userpkg fetches the same file through a recipe whose only source is the nginx mirror.
mkdir -p "$TEST_TMP/repo/recipes"
cat >"$TEST_TMP/repo/recipes/bigfile.toml" <<EOF
name = "bigfile"
summary = "benchmark payload"
[source]
url = "https://upstream.invalid/bigfile-{version}.tar.gz"
[versions]
"1.0" = { sha256 = "$sha" }
[build]
system = "make"
EOF
export USERPKG_RECIPE_PATH="$TEST_TMP/repo"
t0=$(seconds)
/usr/bin/time -v -o "$TEST_TMP/time.txt" "$USERPKG_BIN" -q --prefix "$TEST_TMP/prefix" --mirror "$HTTP_URL" fetch bigfile >/dev/null
t1=$(seconds)
userpkg_s=$(echo "$t1 - $t0" | bc -l)
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$TEST_TMP/time.txt")
printf 'userpkg: %6.2f s  %8.1f MB/s  peak RSS %.1f MB\n' "$userpkg_s" "$(echo "$size_mb / $userpkg_s" | bc -l)" \
  "$(echo "$rss_kb / 1024" | bc -l)"
printf 'throughput ratio (userpkg / curl, target >= 0.9): %.2f\n' "$(echo "$curl_s / $userpkg_s" | bc -l)"
