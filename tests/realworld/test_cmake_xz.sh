#!/usr/bin/env bash
# The cmake build driver on a real source: xz 5.4.1 (upstream's tarball ships a CMakeLists.txt next
# to its configure script). A lab repo overrides the built-in xz recipe with system = "cmake" and
# BUILD_SHARED_LIBS=ON; the install from the realworld mirror configures, builds and installs with
# cmake, liblzma lands in lib/ with an rpath, and xz 5.4.1 compresses and decompresses.
set -u
source "$(dirname "$0")/lib.sh"
command -v cmake >/dev/null || skip "cmake is not installed"
export HOME="$TEST_TMP/home"
mkdir -p "$HOME"
lab="$TEST_TMP/lab"
mkdir -p "$lab/recipes"
sed '/^\[build\]/,$d' "$(dirname "$0")/../../recipes/xz.toml" >"$lab/recipes/xz.toml"
cat >>"$lab/recipes/xz.toml" <<'TOML'
[build]
system = "cmake"
configure = ["-DBUILD_SHARED_LIBS=ON"]

[env]
PATH = ["{prefix}/bin"]
TOML
"$U" recipe lint "$lab" || fail "the cmake xz recipe does not lint"
"$U" repo add lab "$lab" >/dev/null || fail "repo add"

rw_install xz || fail "building the real xz 5.4.1 with cmake failed"
assert_contains "$TEST_TMP/install.log" "xz 5.4.1: configure"
assert_contains "$TEST_TMP/install.log" "Installed xz 5.4.1"
log="$USERPKG_PREFIX/var/log/xz-5.4.1.log"
grep -q -- "-DBUILD_SHARED_LIBS=ON" "$log" && grep -q -- "--install" "$log" ||
  fail "the build log $log shows no cmake configure and install with the recipe's arguments"
pkg="$USERPKG_PREFIX/pkgs/xz/5.4.1"
ls "$pkg"/lib/liblzma.so* >/dev/null 2>&1 || fail "no shared liblzma in $pkg/lib"
assert_runpath "$pkg/bin/xz" "$pkg/lib"
assert_libs_resolve "$pkg/bin/xz"
env -i "$USERPKG_PREFIX/bin/xz" --version | grep -q "xz (XZ Utils) 5.4.1" || fail "xz --version does not say 5.4.1"
head -c 200000 /dev/urandom >"$TEST_TMP/data"
env -i "$USERPKG_PREFIX/bin/xz" -c "$TEST_TMP/data" | env -i "$USERPKG_PREFIX/bin/xz" -dc | cmp - "$TEST_TMP/data" ||
  fail "xz round trip"
"$U" list -v >"$TEST_TMP/list.log"
assert_contains "$TEST_TMP/list.log" "repo:      lab @ "
echo ok
