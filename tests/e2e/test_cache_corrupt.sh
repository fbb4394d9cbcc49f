#!/usr/bin/env bash
# A corrupt file in the download cache (issue 12, defect 9): `fetch` verified it, then it was
# damaged on disk. An offline install must say that the cached copy was corrupt and was removed,
# and what to do, not just "cannot find" it; with the network the next install downloads it again.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

assert_exit 0 "$U" fetch hello
cached=$(find "$USERPKG_PREFIX/var/cache/downloads" -type f -name 'hello-*' | head -1)
[ -n "$cached" ] || fail "fetch left no hello archive in the cache: $(find "$USERPKG_PREFIX/var/cache")"
printf 'garbage' | dd of="$cached" bs=1 seek=100 conv=notrunc 2>/dev/null

assert_exit 1 env -u USERPKG_MIRRORS "$U" --offline install hello
assert_contains "$TEST_TMP/out" "corrupt"
assert_contains "$TEST_TMP/out" "was removed"
assert_contains "$TEST_TMP/out" "userpkg fetch hello"
assert_not_contains "$TEST_TMP/out" "internal error"
[ ! -e "$cached" ] || fail "the corrupt copy is still in the cache"

assert_exit 0 "$U" install hello
echo ok
