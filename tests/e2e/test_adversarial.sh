#!/usr/bin/env bash
# Inputs found by an adversarial pass over the issue-12 fixes: each is a clear error (exit 1) or
# works, never a hang, a crash (139) or an internal error (70).
# - a named pipe as config.toml or as an install record (open(2) of a FIFO waits for a writer)
# - a USERPKG_RECIPE_PATH recipes/*.toml that is a directory or a dangling symlink (search)
# - very long lines that a backtracking regex would recurse over: a repo source "a@b:xxx…", a
#   config.toml [repos.NAME] header with a long comment (repo remove), an rc line with 300,000
#   spaces (doctor)
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
P=$USERPKG_PREFIX
# no_hang CODE TEXT cmd...: exits CODE within 60 s (a hang is exit 124), TEXT in its output. The
# command is shown cut short: some arguments here are 120,000 characters long.
no_hang() {
  local code=$1 text=$2 got=0
  shift 2
  timeout 60 "$@" >"$TEST_TMP/out" 2>&1 || got=$?
  if [ "$got" -ne "$code" ]; then
    cut -c1-300 "$TEST_TMP/out" >&2
    fail "expected exit $code, got $got: $(echo "$*" | cut -c1-200)"
  fi
  [ -z "$text" ] || assert_contains "$TEST_TMP/out" "$text"
}

assert_exit 0 "$U" install greet
CFG=$HOME/.config/userpkg/config.toml
mkdir -p "$(dirname "$CFG")"

# A named pipe as config.toml: every command reads it first.
mkfifo "$CFG"
no_hang 1 "config.toml is a named pipe" "$U" list
rm "$CFG"
# A named pipe as an install record: doctor reads every record.
REC=$P/pkgs/greet/1.0/.userpkg/install.json
cp "$REC" "$TEST_TMP/rec"
rm "$REC"; mkfifo "$REC"
no_hang 1 "install.json is a named pipe" "$U" doctor
rm "$REC"; cp "$TEST_TMP/rec" "$REC"

# recipes/*.toml that cannot be a recipe: search warns and goes on.
mkdir "$REPO/recipes/adir.toml"
ln -s nowhere.toml "$REPO/recipes/dangling.toml"
no_hang 0 "greet" "$U" search greet
assert_contains "$TEST_TMP/out" "is not a recipe file"
no_hang 1 "is not a recipe file" "$U" info dangling
rm -rf "$REPO/recipes/adir.toml" "$REPO/recipes/dangling.toml"

# Long lines that std::regex recursed over, one stack frame per character (exit 139).
long=$(head -c 120000 /dev/zero | tr '\0' x)
# A repo source of the scp-like form user@host:path, 120,000 characters long: git's error, not a crash.
no_hang 1 "" "$U" repo add far "a@127.0.0.1:$long"
assert_not_contains "$TEST_TMP/out" "internal error"
[ ! -e "$CFG" ] || assert_not_contains "$CFG" "far"
# A [repos.NAME] header line with a long comment: repo remove finds the table and drops it.
mkdir -p "$TEST_TMP/lab/recipes"
cp "$REPO/recipes/greet.toml" "$TEST_TMP/lab/recipes/"
no_hang 0 "" "$U" repo add lab "$TEST_TMP/lab"
sed -i "s|^\[repos.lab\]|& # $long|" "$CFG"
no_hang 0 "" "$U" repo remove lab
assert_not_contains "$CFG" "repos.lab"
# An rc line of 300,000 spaces between export and the name: doctor still finds the assignment.
printf 'export%*sLD_LIBRARY_PATH=/x\n' 300000 "" >"$HOME/.bashrc"
no_hang 0 "~/.bashrc:1" env LD_LIBRARY_PATH="$TEST_TMP" "$U" doctor
# fish's set with 60,000 options before the name.
printf 'set %s http_proxy x\n' "$(printf -- '-g %.0s' $(seq 1 60000))" >"$HOME/.bashrc"
no_hang 1 "set at ~/.bashrc:1" env http_proxy=http:// "$U" doctor
rm "$HOME/.bashrc"

# A comma in the prefix: -Wl,-rpath,<prefix>/… would split there and every link against a library of
# the prefix would fail; refused up front like a space.
no_hang 1 "its path contains a comma (,)" "$U" --prefix "$TEST_TMP/a,b/prefix" install hello
[ ! -e "$TEST_TMP/a,b" ] || fail "the refused prefix was created"

echo ok
