#!/usr/bin/env bash
# A download cut off by SIGKILL leaves a .part in the cache; the next fetch resumes it with a Range
# request, verifies it, and an offline install then needs no network at all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

# big: a lib project carrying 3 MB of random bytes (gzip cannot shrink them), about 12 minutes
# at the /slow/ location's 4 KB/s.
make_project "$TEST_TMP/work" big 1.0 lib
head -c 3000000 /dev/urandom >"$TEST_TMP/work/big-1.0/blob.bin"
mkdir -p "$MIRROR_ROOT/big"
make_tarball "$TEST_TMP/work" big-1.0 "$MIRROR_ROOT/big/big-1.0.tar.gz"
sha=$(sha256_of "$MIRROR_ROOT/big/big-1.0.tar.gz")
size=$(stat -c %s "$MIRROR_ROOT/big/big-1.0.tar.gz")
write_recipe "$REPO" big 1.0 "$sha" '[depends]
greet = {}'
assert_exit 0 "$U" install greet
cache="$USERPKG_PREFIX/var/cache/downloads/$sha"
part="$cache/big-1.0.tar.gz.part"

# Start a slow fetch and kill it hard once it has written something (after about 2 s).
"$U" --mirror "$HTTP_URL/slow" fetch big >"$TEST_TMP/slow.out" 2>&1 &
pid=$!
sleep 2
for i in $(seq 1 50); do
  [ -s "$part" ] && break
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || { cat "$TEST_TMP/slow.out" >&2; fail "the slow fetch ended before it could be killed"; }
wait "$pid" 2>/dev/null
[ -s "$part" ] || { ls -la "$cache" >&2; cat "$TEST_TMP/slow.out" >&2; fail "no .part after a killed download"; }
had=$(stat -c %s "$part")
[ "$had" -lt "$size" ] || fail "the .part is already complete ($had of $size bytes)"
[ ! -e "$cache/big-1.0.tar.gz" ] || fail "a partial download was put in the cache as complete"
[ "$(nginx_requests "range=bytes=")" = 0 ] || fail "a Range request before any resume"

# Resume from the normal mirror: one Range request from where the .part ends, answered 206.
assert_exit 0 "$U" -v --mirror "$HTTP_URL" fetch big
assert_contains "$TEST_TMP/out" "resuming"
[ "$(nginx_requests "GET /big/big-1.0.tar.gz 206 range=bytes=$had-")" = 1 ] || {
  cat "$NGINX_DIR/access.log" >&2
  fail "no Range request for bytes $had- of big-1.0.tar.gz"
}
[ -f "$cache/big-1.0.tar.gz" ] || fail "the resumed file is not in the cache"
[ ! -e "$part" ] || fail "the .part is still there after the resume"
[ "$(sha256_of "$cache/big-1.0.tar.gz")" = "$sha" ] || fail "the resumed file has the wrong sha256"
cmp -s "$cache/big-1.0.tar.gz" "$MIRROR_ROOT/big/big-1.0.tar.gz" || fail "the resumed file differs from the mirror's"

# A second fetch finds it in the cache; an offline install builds from it without a request.
requests=$(wc -l <"$NGINX_DIR/access.log")
assert_exit 0 "$U" fetch big
assert_exit 0 "$U" --offline install big
assert_contains "$TEST_TMP/out" "Installed big 1.0"
[ -f "$USERPKG_PREFIX/pkgs/big/1.0/lib/libbig.so" ] || fail "big was not installed"
[ "$(wc -l <"$NGINX_DIR/access.log")" = "$requests" ] || {
  tail -n 3 "$NGINX_DIR/access.log" >&2
  fail "the cached file was downloaded again"
}
echo "ok"
