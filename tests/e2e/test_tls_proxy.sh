#!/usr/bin/env bash
# Downloads straight from an HTTPS upstream (no mirror): refused without the server's CA, with a
# message naming TLS and SSL_CERT_FILE; accepted with SSL_CERT_FILE; and a dead https_proxy is
# named in the error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
assert_exit 0 "$U" install greet  # from the mirror: the prefix exists before the failures below
make_project "$TEST_TMP/work" secure 1.0 lib
mkdir -p "$MIRROR_ROOT/secure"
make_tarball "$TEST_TMP/work" secure-1.0 "$MIRROR_ROOT/secure/secure-1.0.tar.gz"
write_recipe "$REPO" secure 1.0 "$(sha256_of "$MIRROR_ROOT/secure/secure-1.0.tar.gz")"
recipe_url "$REPO" secure "$HTTPS_URL/secure/secure-{version}.tar.gz"
# No mirror and no proxy from the caller's environment: the recipe's own URL is the only source.
unset USERPKG_MIRRORS SSL_CERT_FILE http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
before=$(prefix_snapshot)

# Without the CA: a TLS verification failure that names the URL and tells about SSL_CERT_FILE.
assert_exit 1 "$U" install secure
assert_contains "$TEST_TMP/out" "$HTTPS_URL/secure/secure-1.0.tar.gz"
assert_contains "$TEST_TMP/out" "TLS certificate verification failed"
assert_contains "$TEST_TMP/out" "SSL_CERT_FILE"
[ "$(nginx_requests "GET /secure/")" = 0 ] || fail "a file was served over an unverified connection"
[ "$(prefix_snapshot)" = "$before" ] || fail "a TLS failure changed the prefix"
[ -z "$(find "$USERPKG_PREFIX/var/cache" -name 'secure-1.0.tar.gz*' 2>/dev/null)" ] || fail "a TLS failure left a file in the cache"

# A dead proxy, CA set: the error names the proxy URL and the variable it came from.
dead=$(free_port) || fail "no free port"
assert_exit 1 env SSL_CERT_FILE="$CA_FILE" https_proxy="http://127.0.0.1:$dead" "$U" install secure
assert_contains "$TEST_TMP/out" "http://127.0.0.1:$dead"
assert_contains "$TEST_TMP/out" "https_proxy"
[ "$(nginx_requests "GET /secure/")" = 0 ] || fail "the dead proxy was bypassed"
[ "$(prefix_snapshot)" = "$before" ] || fail "a proxy failure changed the prefix"

# With the CA: it installs, downloaded from the HTTPS upstream.
assert_exit 0 env SSL_CERT_FILE="$CA_FILE" "$U" install secure
assert_contains "$TEST_TMP/out" "Installed secure 1.0"
[ "$(nginx_requests "GET /secure/secure-1.0.tar.gz 200")" = 1 ] || fail "secure was not downloaded once over HTTPS"
[ -f "$USERPKG_PREFIX/pkgs/secure/1.0/.userpkg/install.json" ] || fail "no install record for secure"
grep -qF "$HTTPS_URL/secure/secure-1.0.tar.gz" "$USERPKG_PREFIX/pkgs/secure/1.0/.userpkg/install.json" ||
  fail "the install record does not name the HTTPS source"
echo "ok"
