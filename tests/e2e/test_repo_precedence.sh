#!/usr/bin/env bash
# Which repository's recipe wins: priority first, then user repos (lab repos, then USERPKG_RECIPE_PATH
# directories) before the built-in ones; REPO/NAME takes one repository's recipe; `info` names the
# winner and what it overrides; a broken recipe fails only itself; a package installed from
# another repository's recipe is named when reused; names that try to leave a repository are refused.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
config="$HOME/.config/userpkg/config.toml"
mkdir -p "$(dirname "$config")"
P=$USERPKG_PREFIX

# lab: hello 2.1 (served by nginx), greet 1.0 (the same file as the fixture repo's), and an m4 that
# shadows the built-in one. other: hello 3.0 (never downloaded here).
work=$TEST_TMP/labwork
mkdir -p "$work"
make_project "$work" hello 2.1 app
make_tarball "$work" hello-2.1 "$MIRROR_ROOT/hello/hello-2.1.tar.gz"
greet_sha=$(sha256_of "$MIRROR_ROOT/greet/greet-1.0.tar.gz")
fake=$(printf 'x' | sha256sum | cut -d' ' -f1)
lab=$TEST_TMP/lab other=$TEST_TMP/other broken=$TEST_TMP/broken
write_recipe "$lab" hello 2.1 "$(sha256_of "$MIRROR_ROOT/hello/hello-2.1.tar.gz")" $'[depends]\ngreet = {}'
write_recipe "$lab" greet 1.0 "$greet_sha"
write_recipe "$lab" m4 9.9.9 "$fake"
write_recipe "$other" hello 3.0 "$fake" $'[depends]\ngreet = {}'

# Before any lab repo: greet comes from the fixture repo (USERPKG_RECIPE_PATH) and is recorded so.
assert_exit 0 "$U" install greet
assert_exit 0 "$U" list -v
assert_contains "$TEST_TMP/out" "repo:      $REPO"

assert_exit 0 "$U" repo add lab "$lab"
assert_exit 0 "$U" repo add other "$other" --priority -1

# lab (priority 0, a lab repo) beats the fixture directory (priority 0) and the built-in m4; other
# (priority -1) comes last.
assert_exit 0 "$U" info hello
assert_contains "$TEST_TMP/out" "repo:      lab @ "
assert_contains "$TEST_TMP/out" "overrides: $REPO, priority 0: $REPO/recipes/hello.toml (1 versions, newest 2.0)"
assert_contains "$TEST_TMP/out" "overrides: other @ "
assert_contains "$TEST_TMP/out" "priority -1: $P/var/repos/other/tree/recipes/hello.toml (1 versions, newest 3.0)"
assert_exit 0 "$U" info m4
assert_contains "$TEST_TMP/out" "versions:  9.9.9"
assert_contains "$TEST_TMP/out" "overrides: built-in @ userpkg"
assert_exit 0 "$U" versions built-in/m4
assert_not_contains "$TEST_TMP/out" "9.9.9"

# REPO/NAME: one repository's recipe, even when another wins.
assert_exit 0 "$U" versions other/hello
[ "$(cat "$TEST_TMP/out")" = "3.0" ] || fail "versions other/hello: $(cat "$TEST_TMP/out")"
assert_exit 0 "$U" info other/hello
assert_contains "$TEST_TMP/out" "repo:      other @ "
assert_contains "$TEST_TMP/out" "outranked by: lab @ "
assert_exit 0 "$U" --dry-run install other/hello
assert_contains "$TEST_TMP/out" "hello"
assert_contains "$TEST_TMP/out" "3.0"
assert_exit 1 "$U" --dry-run install other/hello hello
assert_contains "$TEST_TMP/out" "are two recipes for hello in one plan"
assert_exit 1 "$U" info nosuch/hello
assert_contains "$TEST_TMP/out" "no recipe repository named 'nosuch'"
assert_contains "$TEST_TMP/out" "the repositories are: lab, $REPO, built-in, other"
assert_exit 1 "$U" info lab/nothere
assert_contains "$TEST_TMP/out" "'lab' has no recipe named 'nothere'"

# The winner installs; greet 1.0 is reused and named as installed from the fixture repo's recipe.
assert_exit 0 "$U" install hello
assert_contains "$TEST_TMP/out" "Installed hello 2.1"
assert_contains "$TEST_TMP/out" "greet 1.0 stays as installed from the $REPO repository's recipe; the recipe now chosen is lab's"
out=$("$P/bin/hello") || fail "hello does not run"
[ "$out" = "hello, hello, from greet 1.0" ] || fail "unexpected output: $out"
assert_exit 0 "$U" list --json
python3 -c '
import json, sys
d = {r["name"]: r for r in json.load(open(sys.argv[1]))}
assert d["hello"]["recipe_repo"] == "lab" and len(d["hello"]["recipe_revision"]) == 64, d["hello"]
assert d["greet"]["recipe_repo"] == sys.argv[2], d["greet"]' "$TEST_TMP/out" "$REPO" || fail "list --json: wrong recipe repos"

# Priority decides over the order: other at 10 wins now.
assert_exit 0 "$U" repo remove other
assert_exit 0 "$U" repo add other "$other" --priority 10
assert_exit 0 "$U" info hello
assert_contains "$TEST_TMP/out" "repo:      other @ "
assert_contains "$TEST_TMP/out" "overrides: lab @ "

# A broken recipe (bad TOML) that shadows the built-in m4 fails with file:line, not a silent
# fallback, and keeps to itself: search still lists the others, hello still resolves.
mkdir -p "$broken/recipes"
printf 'name = "m4"\nsummary = "broken"\n[versions\n' >"$broken/recipes/m4.toml"
write_recipe "$broken" fine 1.0 "$fake"
assert_exit 0 "$U" repo add broken "$broken" --priority 20
assert_contains "$TEST_TMP/out" "m4.toml:3"
assert_exit 1 "$U" info m4
assert_contains "$TEST_TMP/out" "$P/var/repos/broken/tree/recipes/m4.toml:3"
assert_exit 0 "$U" search ""
assert_contains "$TEST_TMP/out" "m4.toml:3"
assert_contains "$TEST_TMP/out" "fine"
assert_contains "$TEST_TMP/out" "hello"
assert_exit 0 "$U" info built-in/m4
assert_exit 0 "$U" --dry-run install hello
# repo list shows every repository in lookup order, the USERPKG_RECIPE_PATH directory included.
assert_exit 0 "$U" repo list --json
python3 -c '
import json, sys
names = [r["name"] for r in json.load(open(sys.argv[1]))]
assert names == ["broken", "other", "lab", sys.argv[2], "built-in"], names' "$TEST_TMP/out" "$REPO" || fail "repo list order"
# recipe lint takes a configured repo's name: its pinned tree.
assert_exit 1 "$U" recipe lint broken
assert_contains "$TEST_TMP/out" "$P/var/repos/broken/tree/recipes/m4.toml:3"
assert_contains "$TEST_TMP/out" "2 recipe(s) checked"

# Names that try to leave a repository.
for bad in ../hello lab/../hello /etc/passwd "lab/a/b"; do
  assert_exit 1 "$U" info "$bad"
  assert_contains "$TEST_TMP/out" "'$bad'"
done
echo "ok"
