#!/usr/bin/env bash
# Dependencies the system may provide: a failing probe means "build it" (the plan says why), or an
# error with --build-deps=never; a passing probe means "system", unless --build-deps names it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
work="$TEST_TMP/work"

# lib_package NAME [EXTRA_TOML]: a lib fixture on the mirror with its recipe.
lib_package() {
  make_project "$work" "$1" 1.0 lib
  mkdir -p "$MIRROR_ROOT/$1"
  make_tarball "$work" "$1-1.0" "$MIRROR_ROOT/$1/$1-1.0.tar.gz"
  write_recipe "$REPO" "$1" 1.0 "$(sha256_of "$MIRROR_ROOT/$1/$1-1.0.tar.gz")" "${2:-}"
}
# fakelib: the system never has it (no such header). syslib: the system always has it (libc).
lib_package fakelib '[system]
headers = ["userpkg_no_such_header.h"]'
lib_package syslib '[system]
headers = ["stdio.h"]
libraries = ["c"]'
lib_package needsys '[depends]
fakelib = { system = true, for = "the fake feature" }'
lib_package needlibc '[depends]
syslib = { system = true, for = "printing" }'
assert_exit 0 "$U" install greet
before=$(prefix_snapshot)

# --build-deps=never: refused, naming the dependency, its purpose and the missing header.
assert_exit 1 "$U" install needsys --build-deps=never
assert_contains "$TEST_TMP/out" "needsys needs fakelib for the fake feature"
assert_contains "$TEST_TMP/out" "userpkg_no_such_header.h"
assert_contains "$TEST_TMP/out" "--build-deps=fakelib"
[ "$(nginx_requests "GET /fakelib/")" = 0 ] || fail "--build-deps=never downloaded fakelib"
[ "$(prefix_snapshot)" = "$before" ] || fail "--build-deps=never changed the prefix"

# Default (missing): fakelib is built first; the plan says why.
assert_exit 0 "$U" install needsys
grep -E '^ +build +fakelib 1\.0 .*system copy not usable: no header userpkg_no_such_header\.h' "$TEST_TMP/out" >/dev/null || {
  cat "$TEST_TMP/out" >&2
  fail "the plan does not say why fakelib is built"
}
grep -n "Installed" "$TEST_TMP/out" | grep -qE '^[0-9]+:==> Installed fakelib' || fail "fakelib was not installed first"
assert_contains "$TEST_TMP/out" "Installed needsys 1.0"
assert_contains "$USERPKG_PREFIX/pkgs/needsys/1.0/.userpkg/install.json" "fakelib"

# A dependency the system provides: "system" by default, "build" when --build-deps names it.
assert_exit 0 "$U" --dry-run install needlibc
grep -E '^ +system +syslib ' "$TEST_TMP/out" >/dev/null || { cat "$TEST_TMP/out" >&2; fail "syslib is not taken from the system"; }
assert_exit 0 "$U" --dry-run install needlibc --build-deps=syslib
grep -E '^ +build +syslib 1\.0 .*--build-deps' "$TEST_TMP/out" >/dev/null || { cat "$TEST_TMP/out" >&2; fail "--build-deps=syslib does not build it"; }
assert_exit 0 "$U" install needlibc --build-deps=syslib
assert_contains "$TEST_TMP/out" "Installed syslib 1.0"
[ -f "$USERPKG_PREFIX/pkgs/syslib/1.0/lib/libsyslib.so" ] || fail "syslib was not built"
[ "$(nginx_requests "GET /syslib/syslib-1.0.tar.gz 200")" = 1 ] || fail "syslib was not downloaded"

# An unknown policy word or recipe name is refused (not taken as a name that matches nothing).
assert_exit 1 "$U" install needlibc --build-deps=sometimes
assert_contains "$TEST_TMP/out" "--build-deps names 'sometimes', which is not a recipe"
assert_exit 1 "$U" --dry-run install needlibc --build-deps=sysilb
assert_contains "$TEST_TMP/out" "did you mean 'syslib'"
echo "ok"
