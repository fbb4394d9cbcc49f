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

# pip and setuptools from the mirror's wheels/ (Debian's python3-pip-whl, python3-setuptools-whl)
# into this userpkg-built python through --wheelhouse: pip@23.0.1 replaces the pip its ensurepip
# installed; setuptools has no recipe, so the test installs it with that pip from the wheelhouse.
wheels="$REALWORLD_MIRROR/wheels"
"$U" --offline install pip@23.0.1 --python "$pkg/bin/python3" --wheelhouse "$wheels" >"$TEST_TMP/pip" 2>&1 ||
  { cat "$TEST_TMP/pip"; fail "install pip failed"; }
assert_contains "$TEST_TMP/pip" "the wheel comes from --wheelhouse $wheels/pip-23.0.1-py3-none-any.whl"
env -i "$pkg/bin/python3" -m pip --version | grep -q "^pip 23.0.1 .*(python 3.11)" || fail "python3 -m pip is not pip 23.0.1"
env -i "$pkg/bin/python3" -m pip install --no-index --find-links "$wheels" --upgrade setuptools || fail "setuptools did not install"
env -i "$pkg/bin/python3" -c 'import setuptools; print(setuptools.__version__)' | grep -q "^66.1.1" ||
  fail "import setuptools does not give the wheelhouse's 66.1.1"
echo ok
