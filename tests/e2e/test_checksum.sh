#!/usr/bin/env bash
# `userpkg checksum NAME VERSION… [URL]` (or --url URL): downloads each version (from the recipe's URL
# template, or --url), prints the exact [versions] lines with the files' sha256; pasted into the
# recipe they load and lint; mirrors are honoured; a missing version (404) is a clear error naming
# the URL; an unknown recipe gets "did you mean".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
setup_tmp
U=$USERPKG_BIN
served=$TEST_TMP/served
REPO=$TEST_TMP/repo
work=$TEST_TMP/work
mkdir -p "$served/tool" "$served/other" "$work"
for v in 1.0 1.1; do
  make_project "$work" tool "$v" lib
  make_tarball "$work" "tool-$v" "$served/tool/tool-$v.tar.gz"
done
cp "$served/tool/tool-1.1.tar.gz" "$served/other/tool-1.1.tar.gz"
sha10=$(sha256_of "$served/tool/tool-1.0.tar.gz")
sha11=$(sha256_of "$served/tool/tool-1.1.tar.gz")
[ "$sha10" != "$sha11" ] || fail "the fixture versions must differ"
start_nginx "$served"
export SSL_CERT_FILE=$CA_FILE USERPKG_RECIPE_PATH=$REPO USERPKG_PREFIX=$TEST_TMP/prefix
unset USERPKG_MIRRORS
write_recipe "$REPO" tool 1.0 "$sha10"
recipe_url "$REPO" tool "$HTTPS_URL/tool/tool-{version}.tar.gz"

# From the recipe's template: one line per version, exactly the recipes' format, on stdout.
"$U" checksum tool 1.0 1.1 >"$TEST_TMP/lines" 2>"$TEST_TMP/err" || { cat "$TEST_TMP/err"; fail "checksum failed"; }
grep -v '^#' "$TEST_TMP/lines" >"$TEST_TMP/toml"
printf '"1.0" = { sha256 = "%s" }\n"1.1" = { sha256 = "%s" }\n' "$sha10" "$sha11" | diff - "$TEST_TMP/toml" ||
  fail "checksum printed the wrong lines"
[ "$(nginx_requests "GET /tool/tool-1.1.tar.gz 200")" = 1 ] || fail "1.1 was not downloaded from the template URL"

# Pasted into the recipe, the new version loads and lints.
sed -i '/^"1.0" = /d' "$REPO/recipes/tool.toml"
sed -i "/^\[versions\]/r $TEST_TMP/toml" "$REPO/recipes/tool.toml"
assert_exit 0 "$U" recipe lint "$REPO"
assert_exit 0 "$U" versions tool
assert_contains "$TEST_TMP/out" "1.1"

# --url (with {version} filled in; plain http is fine for a one-off download).
assert_exit 0 "$U" checksum tool 1.1 --url "$HTTP_URL/other/tool-{version}.tar.gz"
assert_contains "$TEST_TMP/out" "\"1.1\" = { sha256 = \"$sha11\" }"
[ "$(nginx_requests "GET /other/tool-1.1.tar.gz 200")" = 1 ] || fail "--url was not used"
# The URL as the last word, as in `checksum NAME VERSION [URL]`.
assert_exit 0 "$U" checksum tool 1.1 "$HTTP_URL/other/tool-1.1.tar.gz"
assert_contains "$TEST_TMP/out" "\"1.1\" = { sha256 = \"$sha11\" }"
[ "$(nginx_requests "GET /other/tool-1.1.tar.gz 200")" = 2 ] || fail "the positional URL was not used"
assert_exit 1 "$U" checksum tool "$HTTP_URL/a-1.tar.gz"
assert_contains "$TEST_TMP/out" "checksum needs a version"

# A mirror holding the file is used instead of upstream (as install does).
mkdir -p "$TEST_TMP/mirror/tool"
cp "$served/tool/tool-1.0.tar.gz" "$TEST_TMP/mirror/tool/tool-7.0.tar.gz"
assert_exit 0 env USERPKG_MIRRORS="$TEST_TMP/mirror" "$U" checksum tool 7.0
assert_contains "$TEST_TMP/out" "\"7.0\" = { sha256 = \"$sha10\" }"
[ "$(nginx_requests "tool-7.0")" = 0 ] || fail "the mirror's copy was not used"

# A version that does not exist: the URL and the 404 are named, nothing is printed to paste.
"$U" checksum tool 9.9 >"$TEST_TMP/lines" 2>"$TEST_TMP/out" && fail "checksum of a missing version succeeded"
assert_contains "$TEST_TMP/out" "cannot download $HTTPS_URL/tool/tool-9.9.tar.gz"
assert_contains "$TEST_TMP/out" "404"
grep -q sha256 "$TEST_TMP/lines" && fail "a failed checksum printed a line"
# Offline with no mirror: nothing is contacted, and it says why.
assert_exit 1 "$U" --offline checksum tool 1.0
assert_contains "$TEST_TMP/out" "offline"

assert_exit 1 "$U" checksum tol 1.0
assert_contains "$TEST_TMP/out" "did you mean 'tool'"
assert_exit 1 "$U" checksum tool 'not-a-version!'
assert_contains "$TEST_TMP/out" "is not a version"
echo "ok"
