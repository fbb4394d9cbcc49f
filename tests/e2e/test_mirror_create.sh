#!/usr/bin/env bash
# mirror create DIR SPEC: the mirror holds exactly the files `fetch` lists for the same plan; a
# rerun is incremental, a corrupt file is replaced; then, with nginx stopped, a fresh prefix and a
# fresh cache, `--offline --mirror DIR install` inside a network namespace with no network (unshare
# -n) builds and runs the package; a file deleted from the mirror fails that install by name and
# leaves no package. A cuda-redist release (manifest + archives) and a pip wheel the same way;
# pytorch in test_mirror_torch.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

source "$here/offline.sh"

# The prefix already has hello: a mirror is for another machine, so it still holds everything.
assert_exit 0 "$U" install hello
M="$TEST_TMP/m"
t0=$(date +%s%N)
assert_exit 0 "$U" mirror create "$M" hello
t_create=$((($(date +%s%N) - t0) / 1000000))
cp "$TEST_TMP/out" "$TEST_TMP/create.out"
assert_contains "$TEST_TMP/create.out" "Mirror $M: 2 file(s)"
assert_contains "$TEST_TMP/create.out" "(2 added, 0 up to date, 0 replaced)"
assert_contains "$TEST_TMP/create.out" "userpkg --offline --mirror $M install hello"

# Exactly what fetch lists for the plan (from a fresh prefix: fetch plans what that prefix lacks).
assert_exit 0 env USERPKG_PREFIX="$TEST_TMP/fetch-prefix" "$U" fetch hello
fetch_listing "$TEST_TMP/out" >"$TEST_TMP/fetch.list"
mirror_listing "$M" >"$TEST_TMP/mirror.list"
[ -s "$TEST_TMP/fetch.list" ] || fail "fetch listed no files"
diff -u "$TEST_TMP/fetch.list" "$TEST_TMP/mirror.list" || fail "the mirror does not hold exactly fetch's files"
for f in greet/greet-1.0.tar.gz hello/hello-2.0.tar.gz; do
  cmp -s "$MIRROR_ROOT/$f" "$M/$f" || fail "$M/$f differs from upstream's"
done
[ -z "$(find "$M" -name '.tmp-*')" ] || fail "temporary files left in the mirror"

# Rerun: nothing fetched, nothing changed. A corrupt file is replaced with a warning.
requests=$(nginx_requests "GET /")
assert_exit 0 "$U" mirror create "$M" hello
assert_contains "$TEST_TMP/out" "(0 added, 2 up to date, 0 replaced)"
[ "$(nginx_requests "GET /")" = "$requests" ] || fail "an up-to-date mirror was fetched again"
echo "garbage" >"$M/greet/greet-1.0.tar.gz"
assert_exit 0 "$U" mirror create "$M" hello
assert_contains "$TEST_TMP/out" "warning: $M/greet/greet-1.0.tar.gz does not match its sha256"
assert_contains "$TEST_TMP/out" "(0 added, 1 up to date, 1 replaced)"
cmp -s "$MIRROR_ROOT/greet/greet-1.0.tar.gz" "$M/greet/greet-1.0.tar.gz" || fail "the corrupt file was not replaced"

# Offline, from the mirror alone: nginx stopped, fresh prefix and cache, no network at all.
stop_nginx
unset USERPKG_MIRRORS
export USERPKG_PREFIX="$TEST_TMP/offline"
t0=$(date +%s%N)
assert_exit 0 no_network "$U" --offline --mirror "$M" install hello
t_offline=$((($(date +%s%N) - t0) / 1000000))
assert_contains "$TEST_TMP/out" "Installed hello 2.0"
out=$(no_network "$USERPKG_PREFIX/bin/hello") || fail "the offline-installed hello does not run"
[ "$out" = "hello, hello, from greet 1.0" ] || fail "unexpected output: $out"

# A file missing from the mirror: the install fails naming it, and leaves no package behind.
rm "$M/greet/greet-1.0.tar.gz"
export USERPKG_PREFIX="$TEST_TMP/offline2"
assert_exit 1 no_network "$U" --offline --mirror "$M" install hello
assert_contains "$TEST_TMP/out" "greet-1.0.tar.gz"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a failed offline install left $(ls "$USERPKG_PREFIX/pkgs")"
[ ! -e "$USERPKG_PREFIX/bin/hello" ] || fail "a failed offline install left bin/hello"
echo "sources: mirror create ${t_create} ms, offline install ${t_offline} ms"

# --- cuda-redist: the manifest the recipe pins and the component archives it chooses ---
R="$TEST_TMP/redist"
mkdir -p "$R/cuda/redist" "$TEST_TMP/cstage"
cuda_version=12.0.0
for comp in cuda_cudart cuda_nvcc cuda_cccl; do
  top="$comp-linux-x86_64-$cuda_version-archive"
  mkdir -p "$TEST_TMP/cstage/$top/bin" "$R/cuda/redist/$comp/linux-x86_64"
  printf '#!/bin/sh\necho "%s from the mirror"\n' "$comp" >"$TEST_TMP/cstage/$top/bin/$comp-tool"
  chmod +x "$TEST_TMP/cstage/$top/bin/$comp-tool"
  tar -C "$TEST_TMP/cstage" -czf "$R/cuda/redist/$comp/linux-x86_64/$top.tar.gz" "$top"
done
python3 - "$R/cuda/redist" "$cuda_version" >"$R/cuda/redist/redistrib_$cuda_version.json" <<'PY' || fail "manifest"
import hashlib, json, os, sys
root, full = sys.argv[1], sys.argv[2]
m = {"release_date": "2023-01-01", "release_label": full, "release_product": "cuda"}
for comp in sorted(os.listdir(root)):
    d = os.path.join(root, comp, "linux-x86_64")
    if not os.path.isdir(d): continue
    name = os.listdir(d)[0]
    data = open(os.path.join(d, name), "rb").read()
    m[comp] = {"name": comp, "license": "CUDA Toolkit", "version": full,
               "linux-x86_64": {"relative_path": comp + "/linux-x86_64/" + name,
                                "sha256": hashlib.sha256(data).hexdigest(), "size": str(len(data))}}
json.dump(m, sys.stdout, indent=4)
PY
echo "not part of any plan" >"$R/cuda/redist/unrelated.txt"
start_nginx "$R"
CREPO="$TEST_TMP/crepo"
mkdir -p "$CREPO/recipes"
cat >"$CREPO/recipes/cuda.toml" <<TOML
name = "cuda"
summary = "fake CUDA toolkit (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "cuda"

[source]
url = "$HTTPS_URL/cuda/redist/redistrib_{version}.json"

[versions]
"$cuda_version" = { sha256 = "$(sha256_of "$R/cuda/redist/redistrib_$cuda_version.json")" }
TOML
export USERPKG_RECIPE_PATH="$CREPO" USERPKG_CUDA_REDIST="$HTTPS_URL/" USERPKG_CUDA_DRIVER=none SSL_CERT_FILE="$CA_FILE"
export USERPKG_PREFIX="$TEST_TMP/cuda-login"
MC="$TEST_TMP/mc"
assert_exit 0 "$U" mirror create "$MC" "cuda@$cuda_version"
assert_contains "$TEST_TMP/out" "Mirror $MC: 4 file(s)"
assert_exit 0 env USERPKG_PREFIX="$TEST_TMP/cuda-fetch" "$U" fetch "cuda@$cuda_version"
fetch_listing "$TEST_TMP/out" >"$TEST_TMP/cfetch.list"
mirror_listing "$MC" >"$TEST_TMP/cmirror.list"
diff -u "$TEST_TMP/cfetch.list" "$TEST_TMP/cmirror.list" || fail "the cuda mirror does not hold exactly fetch's files"
grep -qx "cuda/redistrib_$cuda_version.json" "$TEST_TMP/cmirror.list" || fail "no manifest in the mirror"
[ "$(grep -c 'archive.tar.gz$' "$TEST_TMP/cmirror.list")" = 3 ] || fail "expected the 3 archives nvcc needs"
stop_nginx
export USERPKG_PREFIX="$TEST_TMP/cuda-offline"
assert_exit 0 no_network "$U" --offline --mirror "$MC" install "cuda@$cuda_version"
out=$("$USERPKG_PREFIX/pkgs/cuda/$cuda_version/bin/cuda_nvcc-tool") || fail "the offline cuda has no nvcc tool"
[ "$out" = "cuda_nvcc from the mirror" ] || fail "unexpected output: $out"
rm "$MC/cuda/cuda_cccl-linux-x86_64-$cuda_version-archive.tar.gz"
export USERPKG_PREFIX="$TEST_TMP/cuda-offline2"
assert_exit 1 no_network "$U" --offline --mirror "$MC" install "cuda@$cuda_version"
assert_contains "$TEST_TMP/out" "cuda_cccl-linux-x86_64-$cuda_version-archive.tar.gz"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a failed offline cuda install left $(ls "$USERPKG_PREFIX/pkgs")"
echo "cuda-redist: 4 files mirrored, offline install ok"

# --- pip: the wheel the recipe pins (pyenv's python 3.11 and its bundled pip wheel, when there) ---
PYENV_ROOT=$(pyenv root 2>/dev/null) || PYENV_ROOT=/nonexistent
py311=$(ls -d "$PYENV_ROOT"/versions/3.11.*/bin/python3.11 2>/dev/null | tail -1)
whl=$(ls "$PYENV_ROOT"/versions/3.11.*/lib/python3.11/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl 2>/dev/null | tail -1)
if [ -z "$py311" ] || [ -z "$whl" ]; then
  echo "pip case skipped: no pyenv python 3.11 with its bundled pip 23.2.1 wheel"
  echo ok
  exit 0
fi
mkdir -p "$TEST_TMP/pipsrv/pip" "$TEST_TMP/piprepo/recipes"
cp "$whl" "$TEST_TMP/pipsrv/pip/"
start_nginx "$TEST_TMP/pipsrv"
cat >"$TEST_TMP/piprepo/recipes/pip.toml" <<TOML
name = "pip"
summary = "pip, a test recipe"

[source]
url = "https://upstream.invalid/pip-{version}-py3-none-any.whl"

[versions]
"23.2.1" = { sha256 = "$(sha256_of "$whl")" }

[build]
system = "pip"

[env]
PATH = []
TOML
export USERPKG_RECIPE_PATH="$TEST_TMP/piprepo" USERPKG_MIRRORS="$HTTP_URL" USERPKG_PREFIX="$TEST_TMP/pip-login"
"$py311" -m venv --without-pip "$TEST_TMP/venv-login" && "$py311" -m venv --without-pip "$TEST_TMP/venv-offline" ||
  fail "cannot make venvs"
MP="$TEST_TMP/mp"
assert_exit 0 "$U" mirror create "$MP" pip@23.2.1 --python "$TEST_TMP/venv-login/bin/python3"
assert_contains "$TEST_TMP/out" "--python $TEST_TMP/venv-login/bin/python3 pip@23.2.1"
[ "$(mirror_listing "$MP")" = "pip/pip-23.2.1-py3-none-any.whl" ] || fail "the pip mirror holds $(mirror_listing "$MP")"
stop_nginx
unset USERPKG_MIRRORS
export USERPKG_PREFIX="$TEST_TMP/pip-offline"
assert_exit 0 no_network "$U" --offline --mirror "$MP" install pip@23.2.1 --python "$TEST_TMP/venv-offline/bin/python3"
"$TEST_TMP/venv-offline/bin/python3" -m pip --version | grep -q "^pip 23.2.1 " || fail "the offline venv has no pip 23.2.1"
echo "pip: wheel mirrored, offline install ok"

# pytorch (index page, wheel, dependency wheels, offline install): test_mirror_torch.sh
echo ok
