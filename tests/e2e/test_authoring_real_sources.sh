#!/usr/bin/env bash
# `recipe new` and `checksum` on the real upstream tarballs of the realworld mirror (served by
# nginx over https): the sha256 each prints equals the mirror's SHA256SUMS, the version and URL
# template come out right, and the detected build system is the one the built-in recipe uses.
# Skipped (77) when the realworld mirror is absent.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
real_home=$HOME
setup_tmp
U=$USERPKG_BIN
RW=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$real_home/.cache}/userpkg-realworld}
[ -f "$RW/SHA256SUMS" ] || skip "no realworld mirror at $RW (set USERPKG_REALWORLD_MIRROR)"
start_nginx "$RW"
export SSL_CERT_FILE=$CA_FILE USERPKG_PREFIX=$TEST_TMP/prefix
unset USERPKG_MIRRORS USERPKG_RECIPE_PATH
repo=$TEST_TMP/lab
checked=0
while read -r sha path; do
  path=${path#./}
  case $path in wheels/*) continue ;; esac
  name=${path%%/*} file=${path#*/}
  builtin=$USERPKG_SOURCE_DIR/recipes/$name.toml
  [ -f "$builtin" ] || continue
  want_system=$(sed -n 's/^system = "\(.*\)"$/\1/p' "$builtin" | head -1)
  assert_exit 0 "$U" recipe new "$name" "$HTTPS_URL/$path" --dir "$repo" --force
  assert_contains "$TEST_TMP/out" "sha256:       $sha"
  assert_contains "$TEST_TMP/out" "build system: $want_system "
  recipe=$repo/recipes/$name.toml
  version=$(sed -n 's/^"\(.*\)" = { sha256 = ".*" }$/\1/p' "$recipe")
  [ -n "$version" ] || fail "$name: no version line in $recipe"
  case $file in *"$version"*) ;; *) fail "$name: version $version is not in $file" ;; esac
  assert_contains "$recipe" "url = \"$HTTPS_URL/$name/${file//$version/\{version\}}\""
  assert_exit 0 "$U" recipe lint "$recipe"
  # checksum from the written recipe's own URL template gives the same line.
  assert_exit 0 env USERPKG_RECIPE_PATH="$repo" "$U" checksum "$name" "$version"
  assert_contains "$TEST_TMP/out" "\"$version\" = { sha256 = \"$sha\" }"
  echo "$name $version: $(grep -o 'build system: .*' "$recipe" 2>/dev/null || sed -n 's/^system = //p' "$recipe") ok"
  checked=$((checked + 1))
done <"$RW/SHA256SUMS"
[ "$checked" -ge 10 ] || fail "only $checked real sources were checked"
echo "ok: $checked real sources"
