#!/usr/bin/env bash
# Git 2.39 from the release tarball, then from a GitHub-style archive (no configure: regenerated
# with `make configure`, with m4 and autoconf built into the prefix when the system lacks them).
set -u
source "$(dirname "$0")/lib.sh"
rw_install git@2.39 || fail "install git@2.39 failed"
git="$USERPKG_PREFIX/bin/git"
env -i "$git" --version | grep -q "git version 2.39.5" || fail "git --version"
core="$USERPKG_PREFIX/pkgs/git/2.39.5/libexec/git-core"
[ -x "$core/git-remote-https" ] || fail "no git-remote-https"
assert_libs_resolve "$core/git-remote-https"
env -u LD_LIBRARY_PATH ldd "$core/git-remote-https" | grep -q libcurl || fail "git-remote-https is not linked to libcurl"
# A real local clone works.
(cd "$TEST_TMP" && env -i HOME="$HOME" "$git" init -q src && env -i HOME="$HOME" "$git" -C src -c user.email=a@b -c user.name=t commit -q --allow-empty -m one &&
  env -i HOME="$HOME" "$git" clone -q src dst) || fail "git init/commit/clone failed"

# The GitHub-archive kind: the same release without configure, in a mirror of its own, and a
# recipe repository that adds this archive's sha256 to the built-in git recipe.
work="$TEST_TMP/archive"
mkdir -p "$work" "$TEST_TMP/mirror2/git" "$TEST_TMP/repo/recipes"
tar -C "$work" -xJf "$REALWORLD_MIRROR/git/git-2.39.5.tar.xz"
rm "$work/git-2.39.5/configure"
[ -f "$work/git-2.39.5/configure.ac" ] || fail "no configure.ac in the git tarball"
tar -C "$work" -czf "$TEST_TMP/mirror2/git/git-2.39.5-github-archive.tar.gz" git-2.39.5
for f in m4 autoconf; do cp -r "$REALWORLD_MIRROR/$f" "$TEST_TMP/mirror2/"; done
sha=$(sha256sum "$TEST_TMP/mirror2/git/git-2.39.5-github-archive.tar.gz" | cut -d' ' -f1)
python3 - "$USERPKG_SOURCE_DIR/recipes/git.toml" "$TEST_TMP/repo/recipes/git.toml" "$sha" <<'PY' || fail "cannot write the recipe"
import re, sys
src, dst, sha = sys.argv[1:]
text = open(src).read()
line = re.search(r'^"2\.39\.5" = \{.*\}$', text, re.M).group(0)
text = text.replace(line, line[:-1].rstrip() + ', git-archive = "' + sha + '" }')
open(dst, "w").write(text)
PY
export USERPKG_RECIPE_PATH="$TEST_TMP/repo"
export USERPKG_PREFIX="$TEST_TMP/prefix2"
"$U" --offline --mirror "$TEST_TMP/mirror2" --mirror "$REALWORLD_MIRROR" install --source git-archive git@2.39.5 2>&1 |
  tee "$TEST_TMP/install2.log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "install --source git-archive failed"
assert_contains "$TEST_TMP/install2.log" "git-2.39.5-github-archive.tar.gz"
assert_contains "$TEST_TMP/install2.log" "regenerate"
env -i "$USERPKG_PREFIX/bin/git" --version | grep -q "git version 2.39.5" || fail "regenerated git does not run"
[ -x "$USERPKG_PREFIX/pkgs/git/2.39.5/libexec/git-core/git-remote-https" ] || fail "regenerated git has no git-remote-https"
echo ok
