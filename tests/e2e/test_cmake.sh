#!/usr/bin/env bash
# [build] system = "cmake": a CMake project (a shared library and a program using it, made here)
# builds, installs into the prefix under lib/ and bin/, gets its configure arguments from the
# recipe, and runs without LD_LIBRARY_PATH; a CMake configure error fails the install and leaves no
# package behind; no cmake on PATH is a clear error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
command -v cmake >/dev/null || skip "cmake is not installed"
setup_tmp
U=$USERPKG_BIN
MIRROR_ROOT=$TEST_TMP/mirror
REPO=$TEST_TMP/repo
work=$TEST_TMP/work
mkdir -p "$MIRROR_ROOT/cmhello" "$MIRROR_ROOT/cmbroken" "$work/cmhello-1.0" "$work/cmbroken-1.0" "$REPO/recipes"

src=$work/cmhello-1.0
cat >"$src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.10)
project(cmhello C)
include(GNUInstallDirs)
set(GREETING "hello" CACHE STRING "what the program says")
add_library(cmgreet SHARED greet.c)
target_compile_definitions(cmgreet PRIVATE "GREETING=\"${GREETING}\"")
add_executable(cmhello main.c)
target_link_libraries(cmhello cmgreet)
install(TARGETS cmgreet cmhello RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
CMAKE
cat >"$src/greet.c" <<'C'
#include <stdio.h>
void greet(void) { printf("%s from cmhello (cmake)\n", GREETING); }
C
cat >"$src/main.c" <<'C'
void greet(void);
int main(void) { greet(); return 0; }
C
cat >"$work/cmbroken-1.0/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.10)
project(cmbroken C)
message(FATAL_ERROR "cmbroken refuses to configure, on purpose")
CMAKE
make_tarball "$work" cmhello-1.0 "$MIRROR_ROOT/cmhello/cmhello-1.0.tar.gz"
make_tarball "$work" cmbroken-1.0 "$MIRROR_ROOT/cmbroken/cmbroken-1.0.tar.gz"

cmake_recipe() {  # NAME SHA256 EXTRA_BUILD_LINES
  cat >"$REPO/recipes/$1.toml" <<TOML
name = "$1"
summary = "$1, a CMake test fixture"

[source]
url = "https://upstream.invalid/$1-{version}.tar.gz"

[versions]
"1.0" = { sha256 = "$2" }

[build]
system = "cmake"
$3
TOML
}
cmake_recipe cmhello "$(sha256_of "$MIRROR_ROOT/cmhello/cmhello-1.0.tar.gz")" 'configure = ["-DGREETING=bonjour"]'
cmake_recipe cmbroken "$(sha256_of "$MIRROR_ROOT/cmbroken/cmbroken-1.0.tar.gz")" ''
export USERPKG_RECIPE_PATH=$REPO USERPKG_PREFIX=$TEST_TMP/prefix
start_nginx "$MIRROR_ROOT"
export USERPKG_MIRRORS=$HTTP_URL

assert_exit 0 "$U" recipe lint "$REPO"

# No cmake on PATH: a clear error before anything is built, and nothing installed.
mkdir -p "$TEST_TMP/nocmake"
assert_exit 1 env PATH="$TEST_TMP/nocmake" "$U" install cmhello
assert_contains "$TEST_TMP/out" "cmake is not installed"
assert_contains "$TEST_TMP/out" "install cmake"
[ ! -e "$USERPKG_PREFIX/pkgs/cmhello" ] || fail "a failed install left pkgs/cmhello"

assert_exit 0 "$U" install cmhello
assert_contains "$TEST_TMP/out" "cmhello 1.0: configure"
assert_contains "$TEST_TMP/out" "Installed cmhello 1.0"
pkg=$USERPKG_PREFIX/pkgs/cmhello/1.0
[ -f "$pkg/lib/libcmgreet.so" ] || fail "the library is not in lib/ (CMAKE_INSTALL_LIBDIR): $(find "$pkg" -name '*.so*')"
out=$(env -u LD_LIBRARY_PATH "$USERPKG_PREFIX/bin/cmhello") || fail "bin/cmhello does not run"
[ "$out" = "bonjour from cmhello (cmake)" ] || fail "unexpected output (configure args not passed?): $out"
log=$USERPKG_PREFIX/var/log/cmhello-1.0.log
[ -f "$log" ] || log=$(find "$USERPKG_PREFIX" -name 'cmhello-1.0.log' | head -1)
assert_contains "$log" "-DCMAKE_INSTALL_PREFIX=$pkg"
assert_contains "$log" "-DCMAKE_BUILD_TYPE=Release"
assert_contains "$log" "--install"

# A CMake configure error: the install fails, says so, and leaves no package and no record.
before=$(prefix_snapshot)
assert_exit 1 "$U" install cmbroken
assert_contains "$TEST_TMP/out" "cmbroken refuses to configure, on purpose"
assert_contains "$TEST_TMP/out" "configure"
[ ! -e "$USERPKG_PREFIX/pkgs/cmbroken" ] || fail "a failed cmake build left pkgs/cmbroken"
[ "$(prefix_snapshot)" = "$before" ] || fail "a failed cmake build changed the prefix"
assert_exit 0 "$U" list
assert_not_contains "$TEST_TMP/out" "cmbroken"
echo "ok"
