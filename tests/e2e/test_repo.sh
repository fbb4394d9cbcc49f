#!/usr/bin/env bash
# `userpkg repo add|list|update|remove`: a lab repo as a real git repository (commits, a tag, a
# branch), as a tarball served by nginx and as a plain directory; installing a recipe only the lab
# repo has; `repo update` showing a changed checksum and an added version; a broken recipe that
# does not block the others; refused symlinks out of the repo, a ../ patch path and a too-new
# min_userpkg, each leaving nothing behind; config.toml keeping its comments; bad config values.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
command -v git >/dev/null || skip "git is not installed"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
export GIT_CONFIG_NOSYSTEM=1
config="$HOME/.config/userpkg/config.toml"
mkdir -p "$(dirname "$config")"
printf '# lab settings: keep this comment\njobs = 2\n' >"$config"
P=$USERPKG_PREFIX
nothing_left() {  # nothing_left NAME: no stored tree, no config entry, no staging leftovers
  [ ! -e "$P/var/repos/$1" ] || fail "repo $1 left $P/var/repos/$1"
  ! grep -qF "[repos.$1]" "$config" || fail "repo $1 left a config entry"
  [ -z "$(ls -A "$P/var/staging" 2>/dev/null)" ] || fail "staging not cleaned: $(ls "$P/var/staging")"
}

# A package only the lab repo has: labtool (needs greet from the fixture repo on USERPKG_RECIPE_PATH).
work=$TEST_TMP/labwork
mkdir -p "$work" "$MIRROR_ROOT/labtool" "$MIRROR_ROOT/goodtool"
make_project "$work" labtool 1.0 app
make_tarball "$work" labtool-1.0 "$MIRROR_ROOT/labtool/labtool-1.0.tar.gz"
labsha=$(sha256_of "$MIRROR_ROOT/labtool/labtool-1.0.tar.gz")
dep=$'[depends]\ngreet = {}'

lab=$TEST_TMP/lab
mkdir -p "$lab"
git -C "$lab" init -q -b main
write_recipe "$lab" labtool 1.0 "$labsha" "$dep"
printf 'name = "lab"\ndescription = "the lab recipes"\nmin_userpkg = "0.1"\n' >"$lab/repo.toml"
git -C "$lab" add -A && git -C "$lab" commit -qm "labtool 1.0"
git -C "$lab" tag v1
commit_v1=$(git -C "$lab" rev-parse HEAD)
fake1=$(printf 'one' | sha256sum | cut -d' ' -f1)
write_recipe "$lab" other 0.1 "$fake1"
git -C "$lab" add -A && git -C "$lab" commit -qm "other 0.1"
git -C "$lab" checkout -q -b dev v1
write_recipe "$lab" devonly 0.5 "$fake1"
git -C "$lab" add -A && git -C "$lab" commit -qm "devonly"
commit_dev=$(git -C "$lab" rev-parse HEAD)
git -C "$lab" checkout -q main

# add at a tag; list shows the tag's commit; the clone's .git is not kept.
assert_exit 0 "$U" repo add lab "$lab" --ref v1 --priority 5
assert_contains "$TEST_TMP/out" "Added repo lab at ${commit_v1:0:12} (git): 1 recipe(s)"
assert_contains "$TEST_TMP/out" "the lab recipes"
[ -f "$P/var/repos/lab/tree/recipes/labtool.toml" ] || fail "no pinned tree"
[ ! -e "$P/var/repos/lab/tree/.git" ] || fail "the pinned tree keeps .git"
assert_contains "$config" "# lab settings: keep this comment"
assert_contains "$config" "[repos.lab]"
assert_exit 0 "$U" repo list
assert_contains "$TEST_TMP/out" "${commit_v1:0:12}"
assert_contains "$TEST_TMP/out" "v1"
assert_contains "$TEST_TMP/out" "built-in"
assert_exit 0 "$U" repo list --json
python3 -c '
import json, sys
d = {r["name"]: r for r in json.load(open(sys.argv[1]))}
lab = d["lab"]
assert lab["revision"] == sys.argv[2] and lab["priority"] == 5 and lab["recipes"] == 1 and lab["kind"] == "git", lab
assert d["built-in"]["recipes"] > 0' "$TEST_TMP/out" "$commit_v1" || fail "repo list --json is wrong"
assert_exit 1 "$U" repo add lab "$lab"
assert_contains "$TEST_TMP/out" "userpkg repo update lab"

# A recipe only the lab repo has installs (its source from the nginx mirror).
assert_exit 0 "$U" install labtool
assert_contains "$TEST_TMP/out" "Installed labtool 1.0"
out=$("$P/bin/labtool") || fail "labtool does not run"
[ "$out" = "hello, labtool, from greet 1.0" ] || fail "unexpected output: $out"
assert_exit 0 "$U" list -v
assert_contains "$TEST_TMP/out" "repo:      lab @ $commit_v1"
assert_exit 0 "$U" --dry-run install lab/labtool@1.0

# The tag does not move: nothing to update.
assert_exit 0 "$U" repo update lab
assert_contains "$TEST_TMP/out" "already up to date at ${commit_v1:0:12}"

# A new commit changes labtool 1.0's sha256 and adds 1.1; the tag moves to it.
fake2=$(printf 'two' | sha256sum | cut -d' ' -f1)
sed -i "s/^\"1.0\" = .*/\"1.0\" = { sha256 = \"$fake2\" }\n\"1.1\" = { sha256 = \"$fake1\" }/" "$lab/recipes/labtool.toml"
git -C "$lab" commit -qam "labtool: new 1.0 checksum, 1.1"
git -C "$lab" tag -f v1 >/dev/null
commit_v1b=$(git -C "$lab" rev-parse HEAD)
assert_exit 0 "$U" repo update lab
assert_contains "$TEST_TMP/out" "Repo lab: ${commit_v1:0:12} -> ${commit_v1b:0:12}"
assert_contains "$TEST_TMP/out" "labtool 1.0 sha256 changed: $labsha -> $fake2"
assert_contains "$TEST_TMP/out" "~ labtool: + 1.1"
assert_contains "$TEST_TMP/out" "+ recipe other (0.1)"
grep -qF "$commit_v1b" "$P/var/repos/lab/state.json" || fail "the pin did not move"
grep -qF '"1.1"' "$P/var/repos/lab/tree/recipes/labtool.toml" || fail "the tree did not move"

# --ref a branch; a new commit on it moves the pin.
assert_exit 0 "$U" repo add labdev "$lab" --ref dev
assert_contains "$TEST_TMP/out" "Added repo labdev at ${commit_dev:0:12} (git): 2 recipe(s)"
git -C "$lab" checkout -q dev
write_recipe "$lab" devonly 0.6 "$fake2"
git -C "$lab" commit -qam "devonly 0.6"
commit_dev2=$(git -C "$lab" rev-parse HEAD)
git -C "$lab" checkout -q main
assert_exit 0 "$U" repo update labdev
assert_contains "$TEST_TMP/out" "~ devonly: + 0.6; - 0.5"
assert_exit 0 "$U" repo list
assert_contains "$TEST_TMP/out" "${commit_dev2:0:12}"
assert_exit 1 "$U" repo add nosuchref "$lab" --ref nosuchbranch
assert_contains "$TEST_TMP/out" "has no branch, tag or commit 'nosuchbranch'"
nothing_left nosuchref

# A tarball of the repo served by nginx (one top-level folder, stripped).
mkdir -p "$MIRROR_ROOT/repos"
git -C "$lab" archive --prefix=lab-recipes/ -o "$MIRROR_ROOT/repos/lab.tar.gz" main
tarsha=$(sha256_of "$MIRROR_ROOT/repos/lab.tar.gz")
assert_exit 0 "$U" repo add labtar "$HTTP_URL/repos/lab.tar.gz"
assert_contains "$TEST_TMP/out" "Added repo labtar at ${tarsha:0:12} (tarball): 2 recipe(s)"
[ -f "$P/var/repos/labtar/tree/recipes/other.toml" ] || fail "the tarball's top folder was not stripped"
assert_exit 0 "$U" repo update labtar
assert_contains "$TEST_TMP/out" "already up to date at ${tarsha:0:12}"
assert_exit 1 "$U" repo add gone "$HTTP_URL/repos/missing.tar.gz"
assert_contains "$TEST_TMP/out" "cannot download $HTTP_URL/repos/missing.tar.gz"
nothing_left gone

# A plain directory with one broken recipe: the add warns with file:line, the other installs.
make_project "$work" goodtool 1.0 app
make_tarball "$work" goodtool-1.0 "$MIRROR_ROOT/goodtool/goodtool-1.0.tar.gz"
plain=$TEST_TMP/plain
write_recipe "$plain" goodtool 1.0 "$(sha256_of "$MIRROR_ROOT/goodtool/goodtool-1.0.tar.gz")" "$dep"
printf 'name = "badtoml"\nsummary = "unclosed\n' >"$plain/recipes/badtoml.toml"
write_recipe "$plain" patchy 1.0 "$fake1" $'[[patches]]\nfile = "../../outside.patch"\nsha256 = "'"$fake1"'"'
assert_exit 0 "$U" repo add plain "$plain"
assert_contains "$TEST_TMP/out" "3 recipe(s), 2 broken"
assert_contains "$TEST_TMP/out" "broken recipe badtoml: $P/var/repos/plain/tree/recipes/badtoml.toml:2"
assert_contains "$TEST_TMP/out" "broken recipe patchy: $P/var/repos/plain/tree/recipes/patchy.toml:"
assert_contains "$TEST_TMP/out" "must stay inside patches/"
assert_exit 0 "$U" install goodtool
assert_contains "$TEST_TMP/out" "Installed goodtool 1.0"
assert_exit 1 "$U" install patchy
assert_contains "$TEST_TMP/out" "must stay inside patches/"
# A directory's revision is a content hash: unchanged content, no update; an edit moves it.
assert_exit 0 "$U" repo update plain
assert_contains "$TEST_TMP/out" "already up to date"
rm "$plain/recipes/badtoml.toml"
assert_exit 0 "$U" repo update plain
assert_contains "$TEST_TMP/out" "- recipe badtoml"

# Symlinks out of the repo are refused (a plain directory and a git repository), nothing left behind.
evil=$TEST_TMP/evil
mkdir -p "$evil/recipes" && ln -s /etc/passwd "$evil/recipes/passwd.toml"
assert_exit 1 "$U" repo add evil "$evil"
assert_contains "$TEST_TMP/out" "recipes/passwd.toml is a symlink to /etc/passwd, outside the repository"
nothing_left evil
evilgit=$TEST_TMP/evilgit
mkdir -p "$evilgit"
git -C "$evilgit" init -q -b main
write_recipe "$evilgit" fine 1.0 "$fake1"
mkdir -p "$evilgit/patches" && ln -s ../../../outside "$evilgit/patches/up"
git -C "$evilgit" add -A && git -C "$evilgit" commit -qm evil
assert_exit 1 "$U" repo add evilgit "$evilgit"
assert_contains "$TEST_TMP/out" "patches/up is a symlink to ../../../outside, outside the repository"
nothing_left evilgit

# min_userpkg newer than this userpkg: refused, nothing left behind. No recipes/: refused.
future=$TEST_TMP/future
write_recipe "$future" fine 1.0 "$fake1"
printf 'min_userpkg = "999.0"\n' >"$future/repo.toml"
assert_exit 1 "$U" repo add future "$future"
assert_contains "$TEST_TMP/out" "repo future needs userpkg 999.0 or newer"
nothing_left future
mkdir -p "$TEST_TMP/empty"
assert_exit 1 "$U" repo add empty "$TEST_TMP/empty"
assert_contains "$TEST_TMP/out" "holds no recipes/ directory"
nothing_left empty
assert_exit 1 "$U" repo add built-in "$plain"
assert_exit 1 "$U" repo add ../x "$plain"

# A lab hands out a config file: a configured repo not yet fetched is listed as such, then fetched.
printf '\n# from the lab\n[repos.handed]\nsource = "%s"\npriority = 1\n' "$lab" >>"$config"
assert_exit 0 "$U" repo list
assert_contains "$TEST_TMP/out" "not fetched: run \`userpkg repo update handed\`"
assert_exit 0 "$U" repo update handed
assert_contains "$TEST_TMP/out" "Fetched repo handed"
[ -f "$P/var/repos/handed/state.json" ] || fail "repo update did not fetch a configured repo"

# remove: config entry and tree go, installed packages and the user's comments stay.
assert_exit 0 "$U" repo remove lab
assert_contains "$TEST_TMP/out" "stay installed"
nothing_left lab
[ -d "$P/pkgs/labtool/1.0" ] || fail "repo remove uninstalled labtool"
assert_contains "$config" "# lab settings: keep this comment"
assert_contains "$config" "# from the lab"
assert_contains "$config" "[repos.handed]"
assert_exit 1 "$U" repo remove lab
assert_contains "$TEST_TMP/out" "no repo named lab"

# A git repo over ssh: git runs away from the terminal, so ssh must not ask there (BatchMode), and
# the failure is an error, not a stopped process. A fake ssh records how it was called.
mkdir -p "$TEST_TMP/fakessh"
printf '#!/bin/sh\necho "$*" >"%s"\necho "Permission denied (publickey)." >&2\nexit 255\n' \
  "$TEST_TMP/ssh-args" >"$TEST_TMP/fakessh/ssh"
chmod +x "$TEST_TMP/fakessh/ssh"
PATH="$TEST_TMP/fakessh:$PATH" assert_exit 1 env -u GIT_SSH_COMMAND -u GIT_SSH "$U" repo add overssh ssh://git.example.invalid/lab.git
assert_contains "$TEST_TMP/out" "Permission denied (publickey)"
assert_contains "$TEST_TMP/ssh-args" "BatchMode=yes"
nothing_left overssh

# A bad value in config.toml: an error naming file:line.
line=$(($(wc -l <"$config") + 3))
printf '[repos.bad]\nsource = "/x"\npriority = "x"\n' >>"$config"
assert_exit 1 "$U" repo list
assert_contains "$TEST_TMP/out" "$config:$line: repos.bad.priority must be an integer"
echo "ok"
