#!/usr/bin/env bash
# mirror create from the realworld mirror (as the --mirror source) for real plans (python 3.9 with
# its dependencies built, git 2.39): each real tarball lands in the new mirror with the sha256 of
# SHA256SUMS, and the new mirror holds exactly what `fetch` lists for the same plan. Then an offline
# install of bzip2 from the new mirror alone, in a network namespace with no network, and bzip2 runs.
set -u
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../e2e/offline.sh"
specs=(python@3.9 git@2.39 --build-deps=openssl,libffi,xz,bzip2,readline,ncurses)
NEW="$TEST_TMP/new-mirror"

t0=$(date +%s)
"$U" --offline --mirror "$REALWORLD_MIRROR" mirror create "$NEW" "${specs[@]}" 2>&1 | tee "$TEST_TMP/create.log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "mirror create failed"
t_create=$(($(date +%s) - t0))
assert_contains "$TEST_TMP/create.log" "On the offline machine:"
assert_contains "$TEST_TMP/create.log" "userpkg --offline --mirror $NEW install --build-deps openssl,libffi,xz,bzip2,readline,ncurses python@3.9 git@2.39"

# Every file is upstream's, byte for byte: the sha256 SHA256SUMS has for the same <recipe>/<file>.
(cd "$NEW" && find . -type f | sort) >"$TEST_TMP/new.list"
count=0
while read -r f; do
  want=$(awk -v f="$f" '$2 == f { print $1 }' "$REALWORLD_MIRROR/SHA256SUMS")
  [ -n "$want" ] || fail "$f is not a file of the realworld mirror"
  [ "$(sha256sum "$NEW/$f" | cut -d' ' -f1)" = "$want" ] || fail "$NEW/$f does not have the sha256 of SHA256SUMS"
  count=$((count + 1))
done <"$TEST_TMP/new.list"
for f in ./python/Python-3.9.2.tar.xz ./git/git-2.39.5.tar.xz ./openssl/openssl-1.1.1w.tar.gz ./xz/xz-5.4.1.tar.xz \
  ./libffi/libffi-3.4.4.tar.gz ./bzip2/bzip2-1.0.8.tar.gz ./readline/readline-8.2.tar.gz ./ncurses/ncurses-6.4.tar.gz; do
  grep -qxF "$f" "$TEST_TMP/new.list" || fail "$f is missing from the new mirror"
done
# Exactly the files fetch gets for the same plan (fetch in a fresh prefix plans the same builds).
USERPKG_PREFIX="$TEST_TMP/fetch-prefix" "$U" --offline --mirror "$REALWORLD_MIRROR" fetch "${specs[@]}" >"$TEST_TMP/fetch.log" 2>&1 ||
  { cat "$TEST_TMP/fetch.log"; fail "fetch failed"; }
sed -n '/^Files:$/,$p' "$TEST_TMP/fetch.log" | sed -n 's|^  |./|p' | sort >"$TEST_TMP/fetch.list"
diff -u "$TEST_TMP/fetch.list" "$TEST_TMP/new.list" || fail "the new mirror does not hold exactly fetch's files"
bytes=$(du -sb "$NEW" | cut -f1)

# The offline machine: the new mirror alone, a fresh prefix and cache, no network.
export USERPKG_PREFIX="$TEST_TMP/offline"
t0=$(date +%s)
no_network "$U" --offline --mirror "$NEW" install bzip2 2>&1 | tee "$TEST_TMP/install.log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "the offline install of bzip2 from the new mirror failed"
t_install=$(($(date +%s) - t0))
assert_contains "$TEST_TMP/install.log" "Installed bzip2 1.0.8"
env -i "$USERPKG_PREFIX/bin/bzip2" --help 2>&1 | grep -q "Version 1.0.8" || fail "bzip2 --help does not say 1.0.8"
echo hello | env -i "$USERPKG_PREFIX/bin/bzip2" | env -i "$USERPKG_PREFIX/bin/bzip2" -d | grep -qx hello || fail "bzip2 round trip"
echo "mirror create: $count files, $bytes bytes, ${t_create}s; offline bzip2 install: ${t_install}s"
echo ok
