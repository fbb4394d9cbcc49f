#!/usr/bin/env bash
# Settings: ~/.config/userpkg/config.toml gives prefix and mirrors; USERPKG_PREFIX and
# USERPKG_MIRRORS beat it; --prefix and --mirror beat both. A malformed config is reported as
# file:line. --version, --help, `install --help`; an unknown command fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
unset USERPKG_PREFIX USERPKG_MIRRORS XDG_CONFIG_HOME
config="$HOME/.config/userpkg/config.toml"
mkdir -p "$(dirname "$config")"
cat >"$config" <<TOML
# userpkg settings for this test
prefix = "$TEST_TMP/from-config"
mirrors = ["$HTTP_URL"]
TOML

# installed_under DIR: `list --json` (run with the current settings) shows greet below DIR.
installed_under() {
  assert_exit 0 "$U" list --json
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); ps=[p["prefix"] for p in d if p["name"]=="greet"]; assert len(ps)==1 and ps[0].startswith(sys.argv[2]+"/"), ps' \
    "$TEST_TMP/out" "$1" || { cat "$TEST_TMP/out" >&2; fail "list does not show greet under $1"; }
}

# The config alone: its prefix, its mirror (upstream.invalid cannot answer).
assert_exit 0 "$U" install greet
assert_contains "$TEST_TMP/out" "Installed greet 1.0 in $TEST_TMP/from-config/pkgs/greet/1.0"
[ "$(nginx_requests "GET /greet/greet-1.0.tar.gz 200")" = 1 ] || fail "the config's mirror was not used"
installed_under "$TEST_TMP/from-config"

# USERPKG_PREFIX and USERPKG_MIRRORS beat the config.
export USERPKG_PREFIX="$TEST_TMP/from-env" USERPKG_MIRRORS="$HTTP_URL/norange"
assert_exit 0 "$U" list
assert_contains "$TEST_TMP/out" "nothing installed in $TEST_TMP/from-env"
assert_exit 0 "$U" install greet
assert_contains "$TEST_TMP/out" "Installed greet 1.0 in $TEST_TMP/from-env/pkgs/greet/1.0"
[ "$(nginx_requests "GET /norange/greet/greet-1.0.tar.gz 200")" = 1 ] || fail "USERPKG_MIRRORS was not used"
installed_under "$TEST_TMP/from-env"

# --prefix and --mirror beat both.
assert_exit 0 "$U" --prefix "$TEST_TMP/from-cli" --mirror "$HTTP_URL/slow" install greet
assert_contains "$TEST_TMP/out" "Installed greet 1.0 in $TEST_TMP/from-cli/pkgs/greet/1.0"
[ "$(nginx_requests "GET /slow/greet/greet-1.0.tar.gz 200")" = 1 ] || fail "--mirror was not used"
assert_exit 0 "$U" --prefix "$TEST_TMP/from-cli" list --json
cp "$TEST_TMP/out" "$TEST_TMP/cli.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [p["prefix"] for p in d] == [sys.argv[2]+"/pkgs/greet/1.0"], d' \
  "$TEST_TMP/cli.json" "$TEST_TMP/from-cli" || fail "--prefix is not where list looks"
# Each prefix got exactly its own install, and only once.
for p in from-config from-env from-cli; do
  [ -f "$TEST_TMP/$p/pkgs/greet/1.0/.userpkg/install.json" ] || fail "no greet in $p"
done
[ "$(nginx_requests "GET /")" = 3 ] || { cat "$NGINX_DIR/access.log" >&2; fail "expected exactly three downloads"; }

# A relative --prefix is taken relative to the working directory.
(cd "$TEST_TMP" && "$U" --prefix rel-prefix list) >"$TEST_TMP/out" 2>&1 || fail "a relative --prefix failed"
assert_contains "$TEST_TMP/out" "nothing installed in $TEST_TMP/rel-prefix"

# A malformed config: file:line, for a syntax error and for an unknown setting.
unset USERPKG_PREFIX
cp "$config" "$TEST_TMP/good-config"
printf '%s\n' '# broken' 'prefix = "/tmp/x"' 'mirrors = ["a",' >"$config"
assert_exit 1 "$U" list
assert_contains "$TEST_TMP/out" "$config:3"
assert_contains "$TEST_TMP/out" "not valid TOML"
printf '%s\n' 'prefix = "/tmp/x"' '' 'jobz = 4' >"$config"
assert_exit 1 "$U" list
assert_contains "$TEST_TMP/out" "$config:3"
assert_contains "$TEST_TMP/out" "jobz"
printf '%s\n' 'mirrors = "http://one.invalid"' >"$config"
assert_exit 1 "$U" list
assert_contains "$TEST_TMP/out" "$config:1"
# --help and --version do not need a readable config.
assert_exit 0 "$U" --version
grep -qE '^userpkg [0-9]+\.[0-9]+' "$TEST_TMP/out" || fail "--version does not print 'userpkg X.Y'"
assert_exit 0 "$U" --help
for word in install fetch uninstall list info versions search --prefix --mirror --offline; do
  assert_contains "$TEST_TMP/out" "$word"
done
assert_exit 0 "$U" install --help
assert_contains "$TEST_TMP/out" "--build-deps"
assert_contains "$TEST_TMP/out" "--source"
cp "$TEST_TMP/good-config" "$config"

# The stack settings: flag > environment > config file > default, seen in the index URL `info`
# tries to read (port 9 is closed: the error names the URL it used).
stack_url() {  # prints the torch index URL the command used
  "$@" info torch@2.1 --cuda cpu --python "$(command -v python3)" >"$TEST_TMP/out" 2>&1 || true
  grep -o 'http://127.0.0.1:9/[a-z]*' "$TEST_TMP/out" | head -1
}
printf '%s\n' 'torch_index = "http://127.0.0.1:9/config"' 'wheelhouse = ["/w1", "/w2"]' \
  'cuda_redist = "http://127.0.0.1:9/redist"' 'index_url = "http://127.0.0.1:9/simple"' >"$config"
[ "$(stack_url env -u USERPKG_TORCH_INDEX "$U")" = "http://127.0.0.1:9/config" ] || fail "config torch_index not used"
[ "$(stack_url env USERPKG_TORCH_INDEX=http://127.0.0.1:9/env "$U")" = "http://127.0.0.1:9/env" ] ||
  fail "USERPKG_TORCH_INDEX does not beat the config"
# the flag beats both (the config file's value and USERPKG_TORCH_INDEX are set here)
USERPKG_TORCH_INDEX=http://127.0.0.1:9/env "$U" info torch@2.1 --cuda cpu --python "$(command -v python3)" --torch-index http://127.0.0.1:9/flag \
  >"$TEST_TMP/out" 2>&1 || true
assert_contains "$TEST_TMP/out" "http://127.0.0.1:9/flag/cpu/torch/"
printf '%s\n' 'wheelhouse = "/not-a-list"' >"$config"
assert_exit 1 "$U" list
assert_contains "$TEST_TMP/out" "$config:1"
cp "$TEST_TMP/good-config" "$config"

# Unknown commands and options, and no command at all, fail with a message.
for args in "frobnicate" "--frobnicate list" "" "install"; do
  status=0
  # shellcheck disable=SC2086
  "$U" $args >"$TEST_TMP/out" 2>&1 || status=$?
  [ "$status" -ne 0 ] || fail "'userpkg $args' exited 0"
  [ -s "$TEST_TMP/out" ] || fail "'userpkg $args' failed without a word"
done
"$U" frobnicate >"$TEST_TMP/out" 2>&1
assert_contains "$TEST_TMP/out" "frobnicate"
echo "ok"
