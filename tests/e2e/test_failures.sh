#!/usr/bin/env bash
# Failures leave the prefix as it was: a failing build, a checksum mismatch, a missing file, a
# source unavailable offline.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
assert_exit 0 "$U" install greet
before=$(prefix_snapshot)

# A failing build: non-zero, the log's tail and path, nothing changed.
make_project "$TEST_TMP/work" broken 1.0 fail
mkdir -p "$MIRROR_ROOT/broken"
make_tarball "$TEST_TMP/work" broken-1.0 "$MIRROR_ROOT/broken/broken-1.0.tar.gz"
write_recipe "$REPO" broken 1.0 "$(sha256_of "$MIRROR_ROOT/broken/broken-1.0.tar.gz")" '[depends]
greet = {}'
assert_exit 1 "$U" install broken
assert_contains "$TEST_TMP/out" "this build fails on purpose"
assert_contains "$TEST_TMP/out" "var/log/broken-1.0.log"
[ "$(prefix_snapshot)" = "$before" ] || { diff <(echo "$before") <(prefix_snapshot); fail "a failed build changed the prefix"; }

# A checksum mismatch: the error names URL, expected and actual; nothing is unpacked or kept.
write_recipe "$REPO" hello 2.0 "$(printf '0%.0s' $(seq 64))"
assert_exit 1 "$U" install hello
assert_contains "$TEST_TMP/out" "$HTTP_URL/hello/hello-2.0.tar.gz"
assert_contains "$TEST_TMP/out" "$(printf '0%.0s' $(seq 64))"
assert_contains "$TEST_TMP/out" "$(sha256_of "$MIRROR_ROOT/hello/hello-2.0.tar.gz")"
find "$USERPKG_PREFIX/var/cache" >&2; [ -z "$(find "$USERPKG_PREFIX/var/cache" -name "hello-2.0*" 2>/dev/null)" ] || fail "a file with the wrong hash was kept"
[ "$(prefix_snapshot)" = "$before" ] || fail "a checksum mismatch changed the prefix"

# Not on the mirror, and offline: a clear error naming the file.
write_recipe "$REPO" ghost 1.0 "$(sha256_of "$MIRROR_ROOT/greet/greet-1.0.tar.gz")"
assert_exit 1 "$U" --offline install ghost
assert_contains "$TEST_TMP/out" "ghost-1.0.tar.gz"
[ "$(prefix_snapshot)" = "$before" ] || fail "a missing file changed the prefix"

# Unknown build-deps policy words and bad specs are refused before anything happens.
assert_exit 1 "$U" install 'hello@3..1'
assert_contains "$TEST_TMP/out" "not a version"
echo "ok"
