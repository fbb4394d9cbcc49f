#!/usr/bin/env bash
# Hostile inputs never crash userpkg or reach an internal error (issue 12, defects 2, 7, 14, 15):
# a TOML table header 150,000 levels deep (about 300 KB) as a USERPKG_RECIPE_PATH recipe, in a lab
# repo (`repo add`) and as config.toml; a CUDA redist manifest nesting "size" 100,000 deep; a
# cuda_variant and a --cuda too long for an int; a PEP 691 page whose api-version is a number and
# one nested too deep. Each is a clear error (exit 1) naming the file, and a broken recipe leaves
# `search` and the other recipes working.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
# PEP 691 pages (index.json) served with their JSON type, as test_torch.sh does.
eval "lib_write_nginx_conf() $(declare -f write_nginx_conf | tail -n +2)"
write_nginx_conf() {
  lib_write_nginx_conf "$@"
  sed -i 's|default_type application/octet-stream;|&\n  types { text/html html; application/vnd.pypi.simple.v1+json json; }\n  index index.html index.json;|' \
    "$1/nginx.conf"
}
setup_tmp
fixture_world
U=$USERPKG_BIN
P=$USERPKG_PREFIX

deep_toml() {  # deep_toml FILE LEADING_TOML: LEADING_TOML, then a header of 150,000 parts on the next line
  python3 -c 'import sys; sys.stdout.write(sys.argv[1] + "[" + "a." * 150000 + "a]\nk = 1\n")' "$2" >"$1"
}
# assert_refused CODE TEXT cmd...: exit CODE (never 139 or 70), TEXT in the output.
assert_refused() {
  local code=$1 text=$2
  shift 2
  assert_exit "$code" "$@"
  assert_contains "$TEST_TMP/out" "$text"
  assert_not_contains "$TEST_TMP/out" "internal error"
}

# --- defect 2 and 7: one deep recipe among good ones ---
deep_toml "$REPO/recipes/nestbomb.toml" $'name = "nestbomb"\nsummary = "a hostile recipe"\n'
[ "$(stat -c %s "$REPO/recipes/nestbomb.toml")" -gt 300000 ] || fail "the deep recipe is too small"
assert_refused 1 "$REPO/recipes/nestbomb.toml:3: the recipe nests deeper than 64 levels" "$U" info nestbomb
assert_refused 1 "nestbomb.toml:3: the recipe nests deeper than 64 levels" "$U" search nestbomb
assert_contains "$TEST_TMP/out" "no usable recipe matches 'nestbomb'"
assert_not_contains "$TEST_TMP/out" "did you mean"
assert_exit 0 "$U" search ""
assert_contains "$TEST_TMP/out" "greet"
assert_contains "$TEST_TMP/out" "hello"
assert_contains "$TEST_TMP/out" "nestbomb.toml:3"  # the broken one is named, not hidden
assert_exit 0 "$U" search hello
assert_exit 0 "$U" info hello
assert_contains "$TEST_TMP/out" "2.0"
assert_exit 0 "$U" --dry-run install hello
# Defect 7 on its own: the only recipe of that name is broken (not nested): name it, suggest nothing.
printf 'name = "halfdone"\nsummary = \n' >"$REPO/recipes/halfdone.toml"
assert_refused 1 "halfdone.toml:2" "$U" search halfdone
assert_not_contains "$TEST_TMP/out" "did you mean"
rm "$REPO/recipes/halfdone.toml"

# --- repo add: a lab repo with the deep recipe, and one whose repo.toml is deep ---
lab=$TEST_TMP/lab
mkdir -p "$lab/recipes"
write_recipe "$lab" labgood 1.0 "$(printf one | sha256sum | cut -d' ' -f1)"
cp "$REPO/recipes/nestbomb.toml" "$lab/recipes/nestbomb.toml"
"$U" repo add lab "$lab" >"$TEST_TMP/out" 2>&1
code=$?
[ "$code" = 0 ] || [ "$code" = 1 ] || { cat "$TEST_TMP/out" >&2; fail "repo add with a deep recipe exited $code"; }
assert_contains "$TEST_TMP/out" "nestbomb.toml:3"
[ -z "$(ls -d "$P"/var/staging/repo-* 2>/dev/null)" ] || fail "repo add left $(ls -d "$P"/var/staging/repo-*)"
deep_toml "$lab/repo.toml" ""
assert_refused 1 "repo.toml:1: the repo.toml nests deeper than 64 levels" "$U" repo add lab2 "$lab"
[ -z "$(ls -d "$P"/var/staging/repo-* 2>/dev/null)" ] || fail "repo add left $(ls -d "$P"/var/staging/repo-*)"
[ ! -e "$P/var/repos/lab2" ] || fail "the refused repo lab2 was stored"

# --- config.toml: every command that reads it says so (exit 1), none crashes ---
config=$HOME/.config/userpkg/config.toml
mkdir -p "$(dirname "$config")"
deep_toml "$config" $'jobs = 2\n'
for cmd in list doctor env "shell init" "search hello"; do
  # shellcheck disable=SC2086
  assert_refused 1 "$config:2: the config file nests deeper than 64 levels" "$U" $cmd
done
[ ! -e "$HOME/.bashrc" ] || fail "shell init wrote ~/.bashrc despite the broken config"
rm "$config"

# --- defect 14: a redist manifest nesting "size" 100,000 levels deep (a downloaded file) ---
mkdir -p "$MIRROR_ROOT/cuda/redist" "$TEST_TMP/crepo/recipes"
python3 - "$MIRROR_ROOT/cuda/redist/redistrib_1.0.0.json" <<'PY'
import sys
leaf = '{"relative_path": "cuda_cudart/x.tar.xz", "sha256": "%s", "size": %s}' % ("a" * 64, "[" * 100000 + "]" * 100000)
open(sys.argv[1], "w").write('{"release_label": "1.0.0", "release_product": "cuda",\n'
                             ' "cuda_cudart": {"version": "1.0.0",\n "linux-x86_64": %s}}\n' % leaf)
PY
cat >"$TEST_TMP/crepo/recipes/cuda.toml" <<TOML
name = "cuda"
summary = "a hostile manifest (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "cuda"

[source]
url = "$HTTPS_URL/cuda/redist/redistrib_{version}.json"

[versions]
"1.0.0" = { sha256 = "$(sha256_of "$MIRROR_ROOT/cuda/redist/redistrib_1.0.0.json")" }
TOML
export USERPKG_CUDA_REDIST="$HTTPS_URL/" USERPKG_CUDA_DRIVER=none SSL_CERT_FILE="$CA_FILE"
assert_refused 1 "redistrib_1.0.0.json:3: the CUDA redist manifest nests deeper than 64 levels" \
  env USERPKG_RECIPE_PATH="$TEST_TMP/crepo" "$U" fetch cuda@1.0.0

# --- defect 15: numbers too long for an int; an api-version that is a number ---
cudnn_recipe() {  # cudnn_recipe VARIANTS [EXTRA]: a cuDNN-like recipe carrying its manifest
  cat >"$TEST_TMP/crepo/recipes/labdnn.toml" <<TOML
name = "labdnn"
summary = "cuDNN-like (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "cudnn"
components = ["cudnn"]

[versions]
"8.9.7" = {}

[redist.manifests."8.9.7"]
release_label = "8.9.7"
release_product = "cudnn"
[redist.manifests."8.9.7".cudnn]
version = "8.9.7.29"
cuda_variant = $1
[redist.manifests."8.9.7".cudnn.linux-x86_64.cuda11]
relative_path = "cudnn/linux-x86_64/cudnn-11.tar.xz"
sha256 = "$(printf '%064d' 1)"
size = "100"
[redist.manifests."8.9.7".cudnn.linux-x86_64.cuda12]
relative_path = "cudnn/linux-x86_64/cudnn-12.tar.xz"
sha256 = "$(printf '%064d' 2)"
size = "100"
${2:-}
TOML
}
export USERPKG_RECIPE_PATH="$TEST_TMP/crepo"
cudnn_recipe '["11", "12", "99999999999999999999"]' '[redist.manifests."8.9.7".cudnn.linux-x86_64.cuda99999999999999999999]
relative_path = "cudnn/linux-x86_64/cudnn-x.tar.xz"
sha256 = "'"$(printf '%064d' 3)"'"
size = "100"'
for cmd in "info labdnn" "fetch labdnn@8.9.7"; do
  # shellcheck disable=SC2086
  assert_refused 1 'cuda_variant entry "99999999999999999999" that is not a CUDA major version' "$U" $cmd
done
cudnn_recipe '["11", "12"]'
assert_refused 1 "cudnn-12.tar.xz" "$U" fetch labdnn@8.9.7 --cuda cu121  # chosen, then not on the server
assert_refused 1 "--cuda cu99999999999999999999 is not a CUDA version" \
  "$U" fetch labdnn@8.9.7 --cuda cu99999999999999999999
export USERPKG_RECIPE_PATH="$REPO"

# PEP 691 pages: api-version 1.1 as a number, and a page nested 100,000 deep.
page=$MIRROR_ROOT/whl/cpu/torch
mkdir -p "$page"
printf '{"meta": {"api-version": 1.1}, "name": "torch", "files": []}\n' >"$page/index.json"
export USERPKG_TORCH_INDEX="$HTTP_URL/whl" USERPKG_GLIBC=2.36
assert_refused 1 'its meta.api-version is a JSON number, not a string such as "1.0" (PEP 691)' \
  "$U" info torch@2.1 --cuda cpu --python "$(command -v python3)"
python3 -c 'import sys; sys.stdout.write("{\"files\": [{\"x\": " + "[" * 100000 + "]" * 100000 + "}]}")' >"$page/index.json"
assert_refused 1 "line 1: it nests deeper than 64 levels" "$U" info torch@2.1 --cuda cpu --python "$(command -v python3)"
echo ok
