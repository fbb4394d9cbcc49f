#!/usr/bin/env bash
# A lab recipe repository on real sources: a real git repository (two commits and a tag) whose bzip2
# recipe overrides the built-in one and carries the lab's patch to the real bzip2 1.0.8 source.
# `repo add` pins the tag's commit, `info` names the winner, `recipe lint lab` passes, the install
# from the realworld mirror applies the patch (the built bzip2 says so), and the record names the
# repo and commit. A later commit that breaks the patch's sha256 is caught by `repo update`'s diff
# and refused at build time.
set -u
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || skip "git is not installed"
command -v patch >/dev/null || skip "patch is not installed"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
export GIT_CONFIG_NOSYSTEM=1 HOME="$TEST_TMP/home"
mkdir -p "$HOME"

# The lab's patch, made from the real source: bzip2's banner says it is the lab's build.
src="$TEST_TMP/src"
mkdir -p "$src"
tar -C "$src" -xzf "$REALWORLD_MIRROR/bzip2/bzip2-1.0.8.tar.gz"
mkdir -p "$src/a" "$src/b"
cp "$src/bzip2-1.0.8/bzip2.c" "$src/a/bzip2.c"
sed 's/bzip2, a block-sorting file compressor/bzip2 (lab build), a block-sorting file compressor/' "$src/a/bzip2.c" >"$src/b/bzip2.c"
lab="$TEST_TMP/lab"
mkdir -p "$lab/recipes" "$lab/patches"
(cd "$src" && diff -u a/bzip2.c b/bzip2.c) >"$lab/patches/bzip2-lab-banner.patch"
[ -s "$lab/patches/bzip2-lab-banner.patch" ] || fail "could not make the patch"
patch_sha=$(sha256sum "$lab/patches/bzip2-lab-banner.patch" | cut -d' ' -f1)
sed -n '/^# sha256/,$p' "$(dirname "$0")/../../recipes/bzip2.toml" | grep -v '^"1.0.[67]"' >"$lab/recipes/bzip2.toml"
printf '\n[[patches]]\nfile = "bzip2-lab-banner.patch"\nsha256 = "%s"\n' "$patch_sha" >>"$lab/recipes/bzip2.toml"
printf 'name = "lab"\ndescription = "our patched tools"\nmin_userpkg = "0.1"\n' >"$lab/repo.toml"
git -C "$lab" init -q -b main
git -C "$lab" add -A && git -C "$lab" commit -qm "bzip2 1.0.8 with the lab banner"
git -C "$lab" tag v1
commit=$(git -C "$lab" rev-parse HEAD)

"$U" repo add lab "$lab" --ref v1 2>&1 | tee "$TEST_TMP/add.log"
assert_contains "$TEST_TMP/add.log" "Added repo lab at ${commit:0:12} (git): 1 recipe(s)"
"$U" recipe lint lab >"$TEST_TMP/lint.log" 2>&1 || { cat "$TEST_TMP/lint.log"; fail "recipe lint lab found problems"; }
assert_contains "$TEST_TMP/lint.log" "1 recipe(s) checked, 0 problem(s)"
"$U" info bzip2 >"$TEST_TMP/info.log" 2>&1 || fail "info bzip2 failed"
assert_contains "$TEST_TMP/info.log" "repo:      lab @ ${commit:0:12}, priority 0"
assert_contains "$TEST_TMP/info.log" "overrides: built-in @ userpkg"

rw_install bzip2 || fail "installing the lab's bzip2 from the realworld mirror failed"
assert_contains "$TEST_TMP/install.log" "Installed bzip2 1.0.8"
env -i "$USERPKG_PREFIX/bin/bzip2" --help 2>&1 | grep -q "bzip2 (lab build), a block-sorting file compressor" ||
  fail "the installed bzip2 does not carry the lab's patch"
echo lab | env -i "$USERPKG_PREFIX/bin/bzip2" | env -i "$USERPKG_PREFIX/bin/bzip2" -d | grep -qx lab || fail "bzip2 round trip"
"$U" list -v >"$TEST_TMP/list.log" 2>&1
assert_contains "$TEST_TMP/list.log" "repo:      lab @ $commit"

# The lab edits the patch but not its sha256, and moves the tag: update names the changed patch, and
# the build refuses it.
echo "# edited" >>"$lab/patches/bzip2-lab-banner.patch"
git -C "$lab" commit -qam "edit the patch" && git -C "$lab" tag -f v1 >/dev/null
"$U" repo update lab 2>&1 | tee "$TEST_TMP/update.log"
assert_contains "$TEST_TMP/update.log" "$(git -C "$lab" rev-parse HEAD | cut -c1-12)"
assert_contains "$TEST_TMP/update.log" "~ patch bzip2-lab-banner.patch changed"
# uninstall takes it off the profile; gc removes the package directory so that it is built again.
"$U" uninstall bzip2 >/dev/null 2>&1 || fail "uninstall bzip2"
"$U" gc --keep 0 >/dev/null 2>&1 || fail "gc"
[ ! -e "$USERPKG_PREFIX/pkgs/bzip2/1.0.8" ] || fail "gc left pkgs/bzip2/1.0.8"
if rw_install bzip2; then fail "a patch that does not match its sha256 was applied"; fi
assert_contains "$TEST_TMP/install.log" "does not match its sha256"
[ ! -e "$USERPKG_PREFIX/pkgs/bzip2/1.0.8" ] || fail "a refused build left pkgs/bzip2/1.0.8"
echo ok
