#!/usr/bin/env bash
# Two userpkg runs on one prefix: the second waits for the first, says whom it waits for, then
# succeeds. A run killed during configure leaves staging behind; the next locked run cleans it up
# and the interrupted package is not installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
command -v setsid >/dev/null || skip "setsid is needed to kill a run with its children"
staging="$USERPKG_PREFIX/var/staging"
lock="$USERPKG_PREFIX/var/lock"

# Two lib packages whose configure sleeps when SLOW_CONFIGURE is set.
for name in sleepy drowsy; do
  make_project "$TEST_TMP/work" "$name" 1.0 lib
  mkdir -p "$MIRROR_ROOT/$name"
  make_tarball "$TEST_TMP/work" "$name-1.0" "$MIRROR_ROOT/$name/$name-1.0.tar.gz"
  write_recipe "$REPO" "$name" 1.0 "$(sha256_of "$MIRROR_ROOT/$name/$name-1.0.tar.gz")"
done

# wait_for_lock_holder PID: until the prefix lock names PID as its holder (at most 10 s).
wait_for_lock_holder() {
  local i
  for i in $(seq 1 100); do
    [ "$(head -n 1 "$lock" 2>/dev/null)" = "$1" ] && return 0
    sleep 0.1
  done
  fail "pid $1 never took the prefix lock"
}

# --- Contention.
SLOW_CONFIGURE=3 "$U" install sleepy >"$TEST_TMP/first.out" 2>&1 &
first=$!
wait_for_lock_holder "$first"
assert_exit 0 "$U" install greet
assert_contains "$TEST_TMP/out" "waiting for another userpkg (pid $first: \`userpkg install sleepy\`)"
assert_contains "$TEST_TMP/out" "Installed greet 1.0"
# The second went on only after the first had finished.
first_status=0
wait "$first" || first_status=$?
[ "$first_status" = 0 ] || { cat "$TEST_TMP/first.out" >&2; fail "the first install failed ($first_status)"; }
assert_contains "$TEST_TMP/first.out" "Installed sleepy 1.0"
[ "$USERPKG_PREFIX/pkgs/greet/1.0/.userpkg/install.json" -nt "$USERPKG_PREFIX/pkgs/sleepy/1.0/.userpkg/install.json" ] ||
  fail "greet was installed before sleepy's run let go of the lock"
[ -z "$(ls -A "$staging" 2>/dev/null)" ] || fail "staging not empty after two good runs: $(ls -A "$staging")"

# --- Interrupt: kill -9 the run (and its configure) while configure sleeps.
SLOW_CONFIGURE=5 setsid "$U" install drowsy >"$TEST_TMP/killed.out" 2>&1 &
launcher=$!
for i in $(seq 1 100); do
  holder=$(head -n 1 "$lock" 2>/dev/null)
  [ -n "$holder" ] && [ -n "$(ls -A "$staging" 2>/dev/null)" ] && grep -q "configure" "$TEST_TMP/killed.out" && break
  sleep 0.1
done
grep -q "drowsy 1.0: configure" "$TEST_TMP/killed.out" || { cat "$TEST_TMP/killed.out" >&2; fail "drowsy never reached configure"; }
sleep 0.5
pgid=$(ps -o pgid= -p "$holder" | tr -d ' ')
[ -n "$pgid" ] && [ "$pgid" != "$(ps -o pgid= -p $$ | tr -d ' ')" ] || fail "cannot find the process group of pid $holder"
kill -9 -- "-$pgid"
{ wait "$launcher"; } 2>/dev/null  # (no "Killed" job notice in the test output)
leftovers=$(ls -A "$staging" 2>/dev/null)
[ -n "$leftovers" ] || fail "a killed run left nothing in var/staging (was it killed during configure?)"

assert_exit 0 "$U" install hello
assert_contains "$TEST_TMP/out" "cleaned up after an interrupted run"
assert_contains "$TEST_TMP/out" "$staging/$(echo "$leftovers" | head -n 1)"
assert_contains "$TEST_TMP/out" "Installed hello 2.0"
[ -z "$(ls -A "$staging")" ] || fail "staging not empty after the clean-up: $(ls -A "$staging")"
[ ! -e "$USERPKG_PREFIX/pkgs/drowsy" ] || fail "the interrupted package left pkgs/drowsy"
assert_exit 0 "$U" list --json
python3 -c 'import json,sys; names={p["name"] for p in json.load(open(sys.argv[1]))}; assert names == {"greet","sleepy","hello"}, names' "$TEST_TMP/out" ||
  fail "list --json is wrong after the interrupted run"
# Nothing of drowsy anywhere in the prefix (the snapshot differs only by hello's install).
prefix_snapshot | grep -q drowsy && fail "drowsy left files in the prefix"
[ "$(prefix_snapshot | grep -c hello)" -gt 0 ] || fail "hello is not in the prefix"
echo "ok"
