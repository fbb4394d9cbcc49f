#!/usr/bin/env bash
# Source kinds without ./configure: `--source git-archive` fetches the tag archive and runs the
# recipe's regenerate command (autogen.sh) before configure; without --source the release tarball
# (which has configure) is used. A release that lacks configure, with no regenerate command and no
# autoreconf, fails clearly and changes nothing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
work="$TEST_TMP/work"
mkdir -p "$MIRROR_ROOT/regen" "$work/git"

# The release tarball: an ordinary project with configure.
make_project "$work" regen 1.0 lib
make_tarball "$work" regen-1.0 "$MIRROR_ROOT/regen/regen-1.0.tar.gz"
# The tag archive: the same project, but configure exists only as configure.ac plus autogen.sh.
cp -r "$work/regen-1.0" "$work/git/regen-1.0"
mv "$work/git/regen-1.0/configure" "$work/git/regen-1.0/configure.ac"
cat >"$work/git/regen-1.0/autogen.sh" <<'SH'
#!/bin/sh
# Stands in for autoreconf: makes ./configure from configure.ac.
{ cat configure.ac; echo 'echo "this configure was made by autogen.sh"'; } >configure
chmod +x configure
SH
make_tarball "$work/git" regen-1.0 "$MIRROR_ROOT/regen/regen-1.0-git.tar.gz"
cat >"$REPO/recipes/regen.toml" <<TOML
name = "regen"
summary = "regen, a test fixture whose tag archive has no configure"
homepage = "https://example.invalid/regen"

[source]
url = "https://upstream.invalid/regen-{version}.tar.gz"

[source.kinds.git-archive]
url = "https://upstream.invalid/regen/archive/refs/tags/v{version}.tar.gz"
file = "regen-{version}-git.tar.gz"
regenerate = true

[versions]
"1.0" = { sha256 = "$(sha256_of "$MIRROR_ROOT/regen/regen-1.0.tar.gz")", git-archive = "$(sha256_of "$MIRROR_ROOT/regen/regen-1.0-git.tar.gz")" }

[build]
system = "autotools"
regenerate = ["sh", "autogen.sh"]
regenerate_depends = []
TOML

# --source git-archive: the tag archive is fetched and regenerated; no autotools in the plan.
assert_exit 0 "$U" --dry-run install regen --source git-archive
assert_contains "$TEST_TMP/out" "regen-1.0-git.tar.gz"
assert_not_contains "$TEST_TMP/out" "autoconf"
assert_exit 0 "$U" install regen --source git-archive
assert_contains "$TEST_TMP/out" "regen 1.0: regenerate ./configure"
assert_contains "$TEST_TMP/out" "Installed regen 1.0"
assert_contains "$USERPKG_PREFIX/var/log/regen-1.0.log" "this configure was made by autogen.sh"
[ -f "$USERPKG_PREFIX/pkgs/regen/1.0/lib/libregen.so" ] || fail "regen was not installed from the tag archive"
assert_contains "$USERPKG_PREFIX/pkgs/regen/1.0/.userpkg/install.json" "archive/refs/tags/v1.0.tar.gz"
[ "$(nginx_requests "GET /regen/regen-1.0-git.tar.gz 200")" = 1 ] || fail "the tag archive was not downloaded"
[ "$(nginx_requests "GET /regen/regen-1.0.tar.gz ")" = 0 ] || fail "the release tarball was downloaded for --source git-archive"

# Without --source (in a second prefix): the release tarball, configure as shipped.
P2="$TEST_TMP/prefix2"
assert_exit 0 "$U" --prefix "$P2" install regen
assert_contains "$TEST_TMP/out" "Installed regen 1.0"
assert_not_contains "$TEST_TMP/out" "regenerate"
assert_not_contains "$P2/var/log/regen-1.0.log" "made by autogen.sh"
[ "$(nginx_requests "GET /regen/regen-1.0.tar.gz 200")" = 1 ] || fail "the release tarball was not downloaded"
[ "$(nginx_requests "GET /regen/regen-1.0-git.tar.gz")" = 1 ] || fail "the tag archive was downloaded again"

# A kind the recipe does not have is refused, even for an installed package, naming the known kinds.
assert_exit 1 "$U" install regen --source svn-export
assert_contains "$TEST_TMP/out" "regen has no source kind 'svn-export'"
assert_contains "$TEST_TMP/out" "git-archive"

# A release without configure, no regenerate command, and no autoreconf on this system.
before=$(prefix_snapshot)
rm "$work/regen-1.0/configure"
mv "$work/regen-1.0" "$work/noconf-1.0"
mkdir -p "$MIRROR_ROOT/noconf"
make_tarball "$work" noconf-1.0 "$MIRROR_ROOT/noconf/noconf-1.0.tar.gz"
write_recipe "$REPO" noconf 1.0 "$(sha256_of "$MIRROR_ROOT/noconf/noconf-1.0.tar.gz")"
assert_exit 1 "$U" install noconf --source git-archive
assert_contains "$TEST_TMP/out" "noconf has no source kind 'git-archive'"
if command -v autoreconf >/dev/null; then
  echo "autoreconf is installed here: skipping the no-autoreconf case" >&2
else
  assert_exit 1 "$U" install noconf
  assert_contains "$TEST_TMP/out" "cannot make ./configure for noconf 1.0"
  assert_contains "$TEST_TMP/out" "autoreconf"
  assert_contains "$TEST_TMP/out" "install autoconf, automake"
  assert_not_contains "$TEST_TMP/out" "use the release tarball"  # it is the release tarball
  assert_not_contains "$TEST_TMP/out" "internal error"
  [ -z "$(ls -A "$USERPKG_PREFIX/var/staging" 2>/dev/null)" ] || fail "a failed regenerate left staging behind"
  [ "$(prefix_snapshot)" = "$before" ] || { diff <(echo "$before") <(prefix_snapshot) >&2; fail "a failed regenerate changed the prefix"; }
fi
echo "ok"
