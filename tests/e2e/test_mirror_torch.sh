#!/usr/bin/env bash
# mirror create for the pytorch kind, then offline installs from it: the mirror holds the variant's
# index page (torch/<variant>.index.html|json), the chosen wheel, and every wheel the target
# python's pip resolves for it (pytorch-wheels/: the fixture's torch 2.1.2 depends on a fake
# filelock served on the variant's index) — exactly what `fetch` lists. Then nginx stopped, fresh
# prefix, fresh cache, no network at all (unshare -n): `info` and `install torch` (and torchvision)
# work from the mirror alone, `import torch` works and filelock is installed; a dependency wheel
# removed from the mirror fails the install naming it, leaving nothing behind; a page the mirror
# lacks is refused offline with where it looked.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
command -v pyenv >/dev/null || skip "pyenv is not installed (its pythons are the target interpreters)"
py311=$(ls -d "$(pyenv root)"/versions/3.11.*/bin/python3 2>/dev/null | tail -1)
[ -x "$py311" ] || skip "pyenv has no python 3.11"
setup_tmp

source "$here/offline.sh"

# The index served as PyTorch's (real Content-Types: .html as text/html, index.json as PEP 691).
eval "lib_write_nginx_conf() $(declare -f write_nginx_conf | tail -n +2)"
write_nginx_conf() {
  lib_write_nginx_conf "$@"
  sed -i 's|default_type application/octet-stream;|&\n  types { text/html html; application/vnd.pypi.simple.v1+json json; }\n  index index.html index.json;|' \
    "$1/nginx.conf"
}
W="$TEST_TMP/www"
mkdir -p "$W"
start_nginx "$W"
python3 "$here/torch_index.py" "$W" "$HTTP_URL" || fail "cannot build the wheel index"
for v in login offline offline2 offline3; do
  "$py311" -m venv "$TEST_TMP/venv-$v" || fail "cannot make a venv"
done
export USERPKG_TORCH_INDEX="$HTTP_URL/whl" USERPKG_GLIBC=2.36 USERPKG_PREFIX="$TEST_TMP/login"
unset USERPKG_CUDA_DRIVER CUDA_VISIBLE_DEVICES USERPKG_WHEELHOUSE USERPKG_INDEX_URL PIP_INDEX_URL USERPKG_MIRRORS
U=$USERPKG_BIN

# --- on the login node: the mirror holds the page, the wheel and its dependency ---
M="$TEST_TMP/m"
assert_exit 0 "$U" mirror create "$M" torch@2.1 --cuda cu121 --python "$TEST_TMP/venv-login/bin/python3"
cp "$TEST_TMP/out" "$TEST_TMP/create.out"
assert_contains "$TEST_TMP/create.out" "cu121 index page of torch"
assert_contains "$TEST_TMP/create.out" "wheel of torch 2.1.2 (cu121)"
assert_contains "$TEST_TMP/create.out" "dependency of torch 2.1.2 (cu121)"
assert_contains "$TEST_TMP/create.out" "Mirror $M: 3 file(s)"
assert_contains "$TEST_TMP/create.out" "--cuda cu121"
cat >"$TEST_TMP/want.list" <<LIST
pytorch-wheels/filelock-3.13.1-py3-none-any.whl
torch/cu121.index.html
torch/torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl
LIST
mirror_listing "$M" >"$TEST_TMP/mirror.list"
diff -u "$TEST_TMP/want.list" "$TEST_TMP/mirror.list" || fail "unexpected torch mirror"
cmp -s "$W/whl/cu121/filelock-3.13.1-py3-none-any.whl" "$M/pytorch-wheels/filelock-3.13.1-py3-none-any.whl" ||
  fail "the mirrored filelock wheel differs from the index's"
cmp -s "$W/whl/cu121/torch/index.html" "$M/torch/cu121.index.html" || fail "the mirrored page differs from the index's"
[ -z "$(find "$M" -name '.tmp-*')" ] || fail "temporary files left in the mirror"
# `fetch` lists exactly the same files, from a fresh prefix.
assert_exit 0 env USERPKG_PREFIX="$TEST_TMP/fetch-prefix" "$U" fetch torch@2.1 --cuda cu121 \
  --python "$TEST_TMP/venv-login/bin/python3"
fetch_listing "$TEST_TMP/out" >"$TEST_TMP/fetch.list"
diff -u "$TEST_TMP/fetch.list" "$TEST_TMP/mirror.list" || fail "fetch and mirror create disagree"
# A rerun adds nothing; the JSON page of cu118 joins the same mirror, the dependency is shared.
assert_exit 0 "$U" mirror create "$M" torch@2.1 --cuda cu121 --python "$TEST_TMP/venv-login/bin/python3"
assert_contains "$TEST_TMP/out" "(0 added, 3 up to date, 0 replaced)"
assert_exit 0 "$U" mirror create "$M" torch@2.1 --cuda cu118 --python "$TEST_TMP/venv-login/bin/python3"
assert_contains "$TEST_TMP/out" "(2 added, 1 up to date, 0 replaced)"
[ -f "$M/torch/cu118.index.json" ] || fail "the cu118 page (PEP 691 JSON) is not in the mirror"
# torchvision: its page and wheel, and torch's (the same files as before: up to date).
assert_exit 0 "$U" mirror create "$M" torchvision@0.16.2 --cuda cu121 --python "$TEST_TMP/venv-login/bin/python3"
assert_contains "$TEST_TMP/out" "(2 added, 3 up to date, 0 replaced)"
[ -f "$M/torchvision/cu121.index.html" ] || fail "no torchvision page in the mirror"

# A dependency its index publishes no sha256 for: pip takes it silently, userpkg warns naming it.
assert_not_contains "$TEST_TMP/create.out" "is not verified"
cp "$W/whl/cu121/filelock/index.html" "$TEST_TMP/filelock-page.html"
sed -i 's/#sha256=[0-9a-f]*//' "$W/whl/cu121/filelock/index.html"
assert_exit 0 env USERPKG_PREFIX="$TEST_TMP/nohash-prefix" "$U" mirror create "$TEST_TMP/m-nohash" torch@2.1 --cuda cu121 \
  --python "$TEST_TMP/venv-login/bin/python3"
assert_contains "$TEST_TMP/out" "filelock-3.13.1-py3-none-any.whl is not verified: the index publishes no sha256 for it"
assert_not_contains "$TEST_TMP/out" "torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl is not verified"
cp "$TEST_TMP/filelock-page.html" "$W/whl/cu121/filelock/index.html"

# --- on a compute node: nginx gone, fresh prefix and cache, no network at all ---
stop_nginx
export USERPKG_PREFIX="$TEST_TMP/offline"
venv=$TEST_TMP/venv-offline/bin/python3
assert_exit 0 no_network "$U" --offline --mirror "$M" info torch@2.1 --cuda cu121 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_exit 0 no_network "$U" --offline --mirror "$M" info torch@2.1 --cuda cu118 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu118-cp311-cp311-linux_x86_64.whl"
assert_exit 0 no_network "$U" --offline --mirror "$M" install torch@2.1 --cuda cu121 --python "$venv"
assert_contains "$TEST_TMP/out" "--no-index --find-links $M/pytorch-wheels"
assert_contains "$TEST_TMP/out" "import check: torch 2.1.2+cu121"
[ "$("$venv" -c 'import torch, filelock; print(torch.__version__, filelock.__version__)')" = "2.1.2+cu121 3.13.1" ] ||
  fail "the offline venv lacks torch 2.1.2+cu121 or its dependency filelock"
assert_contains "$USERPKG_PREFIX/pkgs/torch/2.1.2/.userpkg/install.json" '"variant": "cu121"'
# torchvision with its torch, offline, into another venv and prefix.
venv3=$TEST_TMP/venv-offline3/bin/python3
assert_exit 0 no_network "$U" --offline --mirror "$M" --prefix "$TEST_TMP/offline3" install torchvision@0.16.2 \
  --cuda cu121 --python "$venv3"
assert_contains "$TEST_TMP/out" "import check: torchvision 0.16.2+cu121"
"$venv3" -c 'import torchvision, filelock' || fail "torchvision's venv lacks torchvision or filelock"

# A page the mirror lacks (the cpu build): refused offline, saying where it looked.
assert_exit 1 no_network "$U" --offline --mirror "$M" --prefix "$TEST_TMP/offline4" install torch@2.1 --cuda cpu \
  --python "$venv"
assert_contains "$TEST_TMP/out" "no mirror holds the page"
assert_contains "$TEST_TMP/out" "$M/torch/cpu.index.html"
[ ! -e "$TEST_TMP/offline4/pkgs/torch" ] || fail "a refused install left a package"

# The dependency wheel removed from the mirror: pip fails naming it; nothing is installed.
rm "$M/pytorch-wheels/filelock-3.13.1-py3-none-any.whl"
venv2=$TEST_TMP/venv-offline2/bin/python3
export USERPKG_PREFIX="$TEST_TMP/offline2"
assert_exit 1 no_network "$U" --offline --mirror "$M" install torch@2.1 --cuda cu121 --python "$venv2"
assert_contains "$TEST_TMP/out" "pip could not install torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "filelock"
assert_contains "$TEST_TMP/out" "userpkg mirror create DIR torch@2.1.2"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a failed offline install left $(ls "$USERPKG_PREFIX/pkgs")"
! "$venv2" -c 'import torch' 2>/dev/null || fail "a failed offline install left torch in the venv"
! "$venv2" -c 'import filelock' 2>/dev/null || fail "a failed offline install left filelock in the venv"
echo "PASS"
