#!/usr/bin/env bash
# What only an ordinary user meets (root passes every permission check, so this skips as root; under
# ctest, tests/run-as-user runs it as the test user): a prefix in a directory the user may not
# write, and a prefix made read-only after an install. Each is a clear error (exit 1, no internal
# error), and the read-only prefix is left exactly as it was; made writable again, it works.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
[ "$(id -u)" != 0 ] || skip "root passes every permission check; run it as an ordinary user (ctest does, through tests/run-as-user)"

# A prefix under a directory the user cannot write.
locked="$TEST_TMP/locked"
mkdir -p "$locked" && chmod 555 "$locked"
assert_exit 1 "$U" --prefix "$locked/prefix" install hello
assert_contains "$TEST_TMP/out" "cannot create directory $locked/prefix"
assert_contains "$TEST_TMP/out" "Permission denied"
[ ! -e "$locked/prefix" ] || fail "a prefix appeared in a directory the user cannot write"

# A prefix made read-only after an install: install, uninstall and gc refuse and change nothing.
assert_exit 0 "$U" install greet
snapshot() { (cd "$USERPKG_PREFIX" && find . -printf '%p %y %s %m\n' | sort); }
chmod -R a-w "$USERPKG_PREFIX"
snapshot >"$TEST_TMP/before"
for cmd in "install hello" "uninstall greet" "gc --keep 0"; do
  # shellcheck disable=SC2086
  assert_exit 1 "$U" $cmd
  assert_not_contains "$TEST_TMP/out" "internal error"
  grep -q "Permission denied\|not writable\|cannot" "$TEST_TMP/out" || { cat "$TEST_TMP/out" >&2; fail "$cmd: no clear error on a read-only prefix"; }
  snapshot | diff "$TEST_TMP/before" - >&2 || fail "$cmd changed the read-only prefix"
done
assert_exit 0 "$U" list
assert_contains "$TEST_TMP/out" "greet"
chmod -R u+w "$USERPKG_PREFIX"
assert_exit 0 "$U" install hello
assert_contains "$TEST_TMP/out" "Installed hello 2.0"
echo "ok"
