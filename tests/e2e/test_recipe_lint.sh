#!/usr/bin/env bash
# `userpkg recipe lint`: a lab repository with one good recipe and one of each kind of defect;
# every defect is reported (with file:line where the file has one), the good recipe is not, one
# broken recipe does not hide the others, and the exit status says whether anything is wrong.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
setup_tmp
U=$USERPKG_BIN
repo=$TEST_TMP/lab
sha=$(printf 'x' | sha256sum | cut -d' ' -f1)
patch_text=$'--- a/x\n+++ b/x\n'
mkdir -p "$repo/patches/good"
printf '%s' "$patch_text" >"$repo/patches/good/fix.patch"
patch_sha=$(printf '%s' "$patch_text" | sha256sum | cut -d' ' -f1)

write_recipe "$repo" good 1.0 "$sha" "$(printf '[[patches]]\nfile = "good/fix.patch"\nsha256 = "%s"\n\n[depends]\nzlib = { system = true }' "$patch_sha")"
assert_exit 0 "$U" recipe lint "$repo"
assert_contains "$TEST_TMP/out" "1 recipe(s) checked, 0 problem(s)"
assert_exit 0 "$U" recipe lint "$repo/recipes/good.toml"

printf 'name = "badtoml"\nsummary = "unclosed\n' >"$repo/recipes/badtoml.toml"
write_recipe "$repo" nosha 1.0 ""
sed -i 's/{ sha256 = "" }/{ }/' "$repo/recipes/nosha.toml"
write_recipe "$repo" plainhttp 1.0 "$sha"
sed -i 's|https://upstream|http://upstream|' "$repo/recipes/plainhttp.toml"
write_recipe "$repo" typoenv 1.0 "$sha" $'\n[env]\nLD_LIBARY_PATH = ["{prefix}/lib"]'
write_recipe "$repo" nopatch 1.0 "$sha" $'[[patches]]\nfile = "nopatch/missing.patch"\nsha256 = "'"$sha"'"'
write_recipe "$repo" wrongpatch 1.0 "$sha" $'[[patches]]\nfile = "good/fix.patch"\nsha256 = "'"$sha"'"'
write_recipe "$repo" nodep 1.0 "$sha" $'[depends]\nlibfoo = { }'
write_recipe "$repo" unknownkey 1.0 "$sha" 'colour = "blue"'

assert_exit 1 "$U" recipe lint "$repo"
assert_contains "$TEST_TMP/out" "9 recipe(s) checked, 8 problem(s)"
assert_contains "$TEST_TMP/out" "recipes/badtoml.toml:2"
assert_contains "$TEST_TMP/out" "recipes/nosha.toml:"
assert_contains "$TEST_TMP/out" "has no sha256"
assert_contains "$TEST_TMP/out" "recipes/plainhttp.toml:"
assert_contains "$TEST_TMP/out" "https"
assert_contains "$TEST_TMP/out" "did you mean LD_LIBRARY_PATH?"
assert_contains "$TEST_TMP/out" "patch nopatch/missing.patch does not exist"
assert_contains "$TEST_TMP/out" "patch good/fix.patch has sha256 $patch_sha, the recipe says $sha"
assert_contains "$TEST_TMP/out" "dependency libfoo is no recipe"
assert_contains "$TEST_TMP/out" "recipes/unknownkey.toml:"
grep -q "good.toml" "$TEST_TMP/out" && fail "the good recipe was reported: $(cat "$TEST_TMP/out")"

# One file alone; a path that is no repository.
assert_exit 1 "$U" recipe lint "$repo/recipes/nodep.toml"
assert_contains "$TEST_TMP/out" "1 recipe(s) checked, 1 problem(s)"
assert_exit 1 "$U" recipe lint "$TEST_TMP"
assert_contains "$TEST_TMP/out" "holds no recipes/ directory"
echo "ok"
