#!/usr/bin/env bash
# `userpkg recipe new NAME URL`: an autotools, a make, a CMake and an installer fixture are each
# detected right, with the version, the {version} URL template and the file's sha256; every written
# recipe passes `recipe lint`; an existing recipe is not overwritten without --force; an archive
# with no build files is refused; then the new recipes install (USERPKG_RECIPE_PATH=<repo>).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
setup_tmp
U=$USERPKG_BIN
served=$TEST_TMP/served
REPO=$TEST_TMP/lab
work=$TEST_TMP/work
mkdir -p "$served/dl" "$work" "$REPO"

make_project "$work" atool 1.0 lib   # ./configure + Makefile
make_tarball "$work" atool-1.0 "$served/dl/atool-1.0.tar.gz"
mkdir -p "$work/mtool-2.1"
printf 'all:\n\ttrue\ninstall:\n\tmkdir -p $(DESTDIR)$(PREFIX)/bin\n' >"$work/mtool-2.1/Makefile"
make_tarball "$work" mtool-2.1 "$served/dl/mtool-2.1.tar.gz"
mkdir -p "$work/ctool-0.3.1"
cat >"$work/ctool-0.3.1/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.10)
project(ctool C)
add_executable(ctool main.c)
install(TARGETS ctool DESTINATION bin)
CMAKE
printf '#include <stdio.h>\nint main(void) { puts("ctool says hi"); return 0; }\n' >"$work/ctool-0.3.1/main.c"
# A CMake project whose configure.ac would be second choice.
touch "$work/ctool-0.3.1/configure.ac"
tar -C "$work" -cJf "$served/dl/ctool-0.3.1.tar.xz" ctool-0.3.1
printf '#!/bin/sh\necho installer\n' >"$served/dl/itool-3.0-linux-x86_64.sh"
mkdir -p "$work/notool-1.0"
echo "just docs" >"$work/notool-1.0/README"
make_tarball "$work" notool-1.0 "$served/dl/notool-1.0.tar.gz"
start_nginx "$served"
export SSL_CERT_FILE=$CA_FILE USERPKG_PREFIX=$TEST_TMP/prefix
unset USERPKG_MIRRORS USERPKG_RECIPE_PATH

# new NAME FILE SYSTEM EVIDENCE VERSION TEMPLATE_FILE
check_new() {
  local name=$1 file=$2 system=$3 evidence=$4 version=$5 templ=$6
  assert_exit 0 "$U" recipe new "$name" "$HTTPS_URL/dl/$file" --dir "$REPO"
  assert_contains "$TEST_TMP/out" "wrote $REPO/recipes/$name.toml"
  assert_contains "$TEST_TMP/out" "build system: $system (from $evidence)"
  local recipe=$REPO/recipes/$name.toml
  assert_contains "$recipe" "system = \"$system\""
  assert_contains "$recipe" "url = \"$HTTPS_URL/dl/$templ\""
  assert_contains "$recipe" "\"$version\" = { sha256 = \"$(sha256_of "$served/dl/$file")\" }"
  assert_contains "$recipe" "# Check before sharing it:"
  assert_exit 0 "$U" recipe lint "$recipe"
}
check_new atool atool-1.0.tar.gz autotools configure 1.0 'atool-{version}.tar.gz'
check_new mtool mtool-2.1.tar.gz make Makefile 2.1 'mtool-{version}.tar.gz'
check_new ctool ctool-0.3.1.tar.xz cmake CMakeLists.txt 0.3.1 'ctool-{version}.tar.xz'
check_new itool itool-3.0-linux-x86_64.sh installer "a .sh installer" 3.0 'itool-{version}-linux-x86_64.sh'
assert_exit 0 "$U" recipe lint "$REPO"
assert_contains "$TEST_TMP/out" "4 recipe(s) checked, 0 problem(s)"

# An existing recipe is kept unless --force.
echo "# edited by hand" >>"$REPO/recipes/atool.toml"
assert_exit 1 "$U" recipe new atool "$HTTPS_URL/dl/atool-1.0.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "exists already"
assert_contains "$TEST_TMP/out" "--force"
assert_contains "$REPO/recipes/atool.toml" "# edited by hand"
assert_exit 0 "$U" recipe new atool "$HTTPS_URL/dl/atool-1.0.tar.gz" --dir "$REPO" --force
assert_not_contains "$REPO/recipes/atool.toml" "# edited by hand"

# Default directory: the current one (recipes/ is created).
mkdir -p "$TEST_TMP/cwdrepo"
(cd "$TEST_TMP/cwdrepo" && "$U" recipe new mtool "$HTTPS_URL/dl/mtool-2.1.tar.gz" >"$TEST_TMP/out" 2>&1) ||
  { cat "$TEST_TMP/out"; fail "recipe new into the current directory failed"; }
[ -f "$TEST_TMP/cwdrepo/recipes/mtool.toml" ] || fail "no recipes/mtool.toml in the current directory"

# What cannot become a recipe: no build files; a 404; plain http; no version in the name.
assert_exit 1 "$U" recipe new notool "$HTTPS_URL/dl/notool-1.0.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "cannot tell how to build notool-1.0.tar.gz"
[ ! -e "$REPO/recipes/notool.toml" ] || fail "a recipe was written for an archive without build files"
assert_exit 1 "$U" recipe new gone "$HTTPS_URL/dl/gone-1.0.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "cannot download $HTTPS_URL/dl/gone-1.0.tar.gz"
assert_exit 1 "$U" recipe new atool2 "$HTTP_URL/dl/atool-1.0.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "https://"
cp "$served/dl/atool-1.0.tar.gz" "$served/dl/latest.tar.gz"
assert_exit 1 "$U" recipe new latest "$HTTPS_URL/dl/latest.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "cannot tell the version"

# A version the file name does not show plainly: --version says it.
cp "$served/dl/atool-1.0.tar.gz" "$served/dl/weird-r7.tar.gz"
assert_exit 1 "$U" recipe new weird "$HTTPS_URL/dl/weird-r7.tar.gz" --dir "$REPO"
assert_contains "$TEST_TMP/out" "--version"
assert_exit 0 "$U" recipe new weird "$HTTPS_URL/dl/weird-r7.tar.gz" --dir "$REPO" --version 7
assert_contains "$REPO/recipes/weird.toml" "url = \"$HTTPS_URL/dl/weird-r{version}.tar.gz\""
assert_contains "$REPO/recipes/weird.toml" '"7" = { sha256'
rm "$REPO/recipes/weird.toml"

# The new recipes install as they are.
export USERPKG_RECIPE_PATH=$REPO
assert_exit 0 "$U" install atool
[ -f "$USERPKG_PREFIX/pkgs/atool/1.0/lib/libatool.so" ] || fail "atool's library was not installed"
if command -v cmake >/dev/null; then
  assert_exit 0 "$U" install ctool
  out=$("$USERPKG_PREFIX/bin/ctool") || fail "ctool does not run"
  [ "$out" = "ctool says hi" ] || fail "unexpected ctool output: $out"
fi
echo "ok"
