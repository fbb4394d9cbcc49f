#!/usr/bin/env bash
# Python 3.9 with OpenSSL 1.1.1w, libffi, xz, bzip2, readline and ncurses built into the prefix
# (the path for machines without -dev packages or with too old an OpenSSL); zlib and sqlite from
# the system.
set -u
source "$(dirname "$0")/lib.sh"
rw_install python@3.9 --build-deps=openssl,libffi,xz,bzip2,readline,ncurses || fail "install failed"
for dep in openssl/1.1.1w libffi/3.4.4 xz/5.4.1 bzip2/1.0.8 readline/8.2 ncurses/6.4; do
  [ -f "$USERPKG_PREFIX/pkgs/$dep/.userpkg/install.json" ] || fail "$dep was not built into the prefix"
done
py="$USERPKG_PREFIX/bin/python3"
ver=$(env -i "$py" -c 'import ssl, sqlite3, ctypes, zlib, bz2, lzma, readline; print(ssl.OPENSSL_VERSION)') ||
  fail "a module does not import"
[[ $ver == "OpenSSL 1.1.1w"* ]] || fail "ssl uses $ver, not the prefix's OpenSSL 1.1.1w"
# The prefix's OpenSSL verifies with the system's CA certificates (else pip and https fail).
cas=$(env -i "$py" -c 'import ssl; print(ssl.create_default_context().cert_store_stats()["x509_ca"])')
[ "$cas" -gt 0 ] || fail "the prefix's OpenSSL has no CA certificates"
env -i "$USERPKG_PREFIX/bin/pip" --version | grep -q "python 3.9" || fail "pip does not run"
libdir=$(env -i "$py" -c 'import sysconfig; print(sysconfig.get_config_var("DESTSHARED"))')
ssl_so=$(ls "$libdir"/_ssl.*.so)
assert_runpath "$ssl_so" "$USERPKG_PREFIX/pkgs/openssl/1.1.1w/lib"
assert_libs_resolve "$ssl_so"
env -u LD_LIBRARY_PATH ldd "$ssl_so" | grep -q "$USERPKG_PREFIX/pkgs/openssl/1.1.1w/lib/libssl.so" ||
  fail "_ssl does not load the prefix's libssl"
env -u LD_LIBRARY_PATH ldd "$libdir"/_ctypes.*.so | grep -q "$USERPKG_PREFIX/pkgs/libffi/3.4.4/lib" ||
  fail "_ctypes does not load the prefix's libffi"
env -u LD_LIBRARY_PATH ldd "$libdir"/readline.*.so | grep -q "$USERPKG_PREFIX/pkgs/readline/8.2/lib" ||
  fail "readline does not load the prefix's readline"
# Only python is in the profile; its dependencies are not on PATH.
[ -e "$USERPKG_PREFIX/bin/python3" ] && [ ! -e "$USERPKG_PREFIX/bin/openssl" ] || fail "profile holds the wrong programs"
echo ok
