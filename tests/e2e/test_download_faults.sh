#!/usr/bin/env bash
# Download faults, from a server that misbehaves on purpose (fault_server.py): one that stalls
# mid-transfer ends with a clear error after the low-speed window (USERPKG_STALL_TIMEOUT, small
# here), saying meanwhile that it waits and on which host, with nothing installed; one that drops
# the connection is resumed; one that sends other bytes is refused by sha256 and leaves the cache
# clean; an index page that trickles in is given up after USERPKG_PAGE_TIMEOUT.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

python3 "$here/fault_server.py" "$MIRROR_ROOT" "$TEST_TMP/port" 2>"$TEST_TMP/server.log" &
server=$!
trap 'kill $server 2>/dev/null; _cleanup_tmp' EXIT
for i in $(seq 1 100); do
  [ -s "$TEST_TMP/port" ] && break
  sleep 0.1
done
[ -s "$TEST_TMP/port" ] || fail "the fault server did not start"
host="127.0.0.1:$(cat "$TEST_TMP/port")"
sha=$(sha256_of "$MIRROR_ROOT/greet/greet-1.0.tar.gz")
cache="$USERPKG_PREFIX/var/cache/downloads/$sha"
export USERPKG_STALL_TIMEOUT=2
# from_server FAULT: the fault server as the only mirror (--offline: upstream is never tried)
from_server() { USERPKG_MIRRORS="http://$host/$1"; }

# 1. A stall mid-transfer: a message naming the host while it waits, then a clear error; no package.
from_server stall
assert_exit 1 timeout 300 "$U" --offline install greet
assert_contains "$TEST_TMP/out" "waiting for $host: no data for"
assert_contains "$TEST_TMP/out" "USERPKG_STALL_TIMEOUT"
assert_contains "$TEST_TMP/out" "cannot find greet-1.0.tar.gz"
assert_contains "$TEST_TMP/out" "tried 4 times"
[ ! -e "$USERPKG_PREFIX/pkgs/greet" ] || fail "a stalled download installed greet"
[ ! -e "$cache/greet-1.0.tar.gz" ] || fail "a stalled download reached the cache as complete"

# 2. Other bytes than the recipe's sha256: refused and deleted, the cache not poisoned; no package.
from_server wrong
assert_exit 1 timeout 300 "$U" --offline install greet
assert_contains "$TEST_TMP/out" "sha256 mismatch: expected $sha"
[ ! -e "$USERPKG_PREFIX/pkgs/greet" ] || fail "a wrong file installed greet"
[ -z "$(find "$USERPKG_PREFIX/var/cache/downloads" -type f 2>/dev/null)" ] || {
  find "$USERPKG_PREFIX/var/cache/downloads" -type f >&2
  fail "a wrong download stayed in the cache"
}

# 3. A dropped connection: resumed from where it broke, verified, cached, installed.
from_server drop
assert_exit 0 timeout 300 "$U" --offline install greet
assert_contains "$TEST_TMP/out" "Installed greet 1.0"
grep -q "GET /drop/greet/greet-1.0.tar.gz .* range=bytes=" "$TEST_TMP/server.log" || fail "the dropped download was not resumed"
[ "$(sha256_of "$cache/greet-1.0.tar.gz")" = "$sha" ] || fail "the cached file is not the recipe's"

# 4. An index page that trickles in above the low-speed limit: given up after USERPKG_PAGE_TIMEOUT.
python=$(command -v python3)
USERPKG_PAGE_TIMEOUT=3 USERPKG_TORCH_INDEX="http://$host/trickle/whl" USERPKG_CUDA_DRIVER=none \
  assert_exit 1 timeout 300 "$U" info torch@2.1 --python "$python"
assert_contains "$TEST_TMP/out" "within 3 s (USERPKG_PAGE_TIMEOUT)"
grep -q "GET /trickle/whl" "$TEST_TMP/server.log" || fail "info read no page from the trickling server"
echo "ok"
