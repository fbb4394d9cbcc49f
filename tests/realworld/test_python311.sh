#!/usr/bin/env bash
# Python 3.11 from the real upstream tarball, against the system's libraries.
set -u
source "$(dirname "$0")/lib.sh"
rw_install python@3.11 || fail "install python@3.11 failed"
py="$USERPKG_PREFIX/bin/python3"
env -i "$py" -c 'import ssl, sqlite3, ctypes, zlib, bz2, lzma, readline; print(ssl.OPENSSL_VERSION)' ||
  fail "a module does not import"
[ "$(env -i "$py" -c 'import sys; print(sys.version.split()[0])')" = 3.11.2 ] || fail "not Python 3.11.2"
pkg="$USERPKG_PREFIX/pkgs/python/3.11.2"
assert_runpath "$pkg/bin/python3.11" "$pkg/lib"
assert_libs_resolve "$pkg/bin/python3.11"
env -i "$USERPKG_PREFIX/bin/pip" --version | grep -q "python 3.11" || fail "pip does not run"
"$U" --offline --mirror "$REALWORLD_MIRROR" install python@3.11 >"$TEST_TMP/again" 2>&1 || fail "reinstall failed"
assert_contains "$TEST_TMP/again" "already installed"
echo ok
