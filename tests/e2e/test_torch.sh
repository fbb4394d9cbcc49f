#!/usr/bin/env bash
# The pytorch kind against a PyTorch-style index on local nginx (pages and wheels made by
# torch_index.py): variant from the driver (USERPKG_CUDA_DRIVER), wheel from the python's tags and
# the glibc (USERPKG_GLIBC), sha256 from the index, pip install into a venv, import check; info.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
command -v pyenv >/dev/null || skip "pyenv is not installed (its pythons are the target interpreters)"
pyroot=$(pyenv root)
py311=$(ls -d "$pyroot"/versions/3.11.*/bin/python3 2>/dev/null | tail -1)
py310=$(ls -d "$pyroot"/versions/3.10.*/bin/python3 2>/dev/null | tail -1)
[ -x "$py311" ] && [ -x "$py310" ] || skip "pyenv has no python 3.10 and 3.11"
setup_tmp

# Real Content-Types: .html as text/html, a PEP 691 page (index.json) as its JSON type.
eval "lib_write_nginx_conf() $(declare -f write_nginx_conf | tail -n +2)"
write_nginx_conf() {
  lib_write_nginx_conf "$@"
  sed -i 's|default_type application/octet-stream;|&\n  types { text/html html; application/vnd.pypi.simple.v1+json json; }\n  index index.html index.json;|' \
    "$1/nginx.conf"
}
mkdir -p "$TEST_TMP/www"
start_nginx "$TEST_TMP/www"
python3 "$here/torch_index.py" "$TEST_TMP/www" "$HTTP_URL" || fail "cannot build the wheel index"

"$py311" -m venv "$TEST_TMP/venv" || fail "cannot make a venv"
venv=$TEST_TMP/venv/bin/python
export USERPKG_TORCH_INDEX="$HTTP_URL/whl" USERPKG_GLIBC=2.36 USERPKG_PREFIX="$TEST_TMP/prefix"
unset USERPKG_CUDA_DRIVER CUDA_VISIBLE_DEVICES USERPKG_WHEELHOUSE USERPKG_INDEX_URL PIP_INDEX_URL
U=$USERPKG_BIN

# --- info: which wheel, and why ---
USERPKG_CUDA_DRIVER=12.2 assert_exit 0 "$U" info torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "variant:   cu121 (the newest CUDA build of torch 2.1"
assert_contains "$TEST_TMP/out" "tag cp311"
USERPKG_CUDA_DRIVER=11.8 assert_exit 0 "$U" info torch@2.1 --python "$py310"  # the cu118 page is JSON
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu118-cp310-cp310-linux_x86_64.whl"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" info torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cpu-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "no NVIDIA driver found"
# torch 2.6's CUDA wheels are manylinux_2_28: glibc 2.17 is told why, with what exists.
USERPKG_CUDA_DRIVER=12.6 USERPKG_GLIBC=2.17 assert_exit 1 "$U" info torch@2.6 --python "$venv"
assert_contains "$TEST_TMP/out" "no torch 2.6.0 wheel for Python 3.11 on glibc 2.17 (cu126 build"
assert_contains "$TEST_TMP/out" "needs glibc 2.28; this system has 2.17"
USERPKG_CUDA_DRIVER=12.6 assert_exit 0 "$U" info torch@2.6 --python "$venv"
assert_contains "$TEST_TMP/out" "torch-2.6.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl"
# No wheel for this python: the error lists what exists.
USERPKG_CUDA_DRIVER=12.6 assert_exit 1 "$U" info torch@2.6 --python "$py310"
assert_contains "$TEST_TMP/out" "no torch 2.6.0 wheel for Python 3.10"
assert_contains "$TEST_TMP/out" "cp311–cp312"
# An explicit variant the driver cannot run, or that does not exist, is refused.
USERPKG_CUDA_DRIVER=11.8 assert_exit 1 "$U" info torch@2.1 --cuda cu121 --python "$venv"
assert_contains "$TEST_TMP/out" "CUDA 12.1 needs driver >= 530.30.02"
assert_contains "$TEST_TMP/out" "--cuda auto (picks cu118 here)"
USERPKG_CUDA_DRIVER=12.4 assert_exit 1 "$U" info torch@2.1 --cuda cu124 --python "$venv"
assert_contains "$TEST_TMP/out" "PyTorch publishes torch 2.1 as cu121, cu118, cpu"
[ "$(nginx_requests "GET /whl/")" -gt 0 ] || fail "info read no index page"
[ "$(nginx_requests ".whl ")" = 0 ] || fail "info downloaded a wheel"

# --- install: driver 12.2 → cu121, into the venv ---
USERPKG_CUDA_DRIVER=12.2 FAKE_TORCH_GPUS=2 assert_exit 0 "$U" install torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "import check: torch 2.1.2+cu121, CUDA 12.1: 2 GPUs visible"
assert_not_contains "$TEST_TMP/out" "is not verified"  # filelock's page publishes its sha256
[ "$("$venv" -c 'import torch; print(torch.__version__, torch.version.cuda)')" = "2.1.2+cu121 12.1" ] ||
  fail "the venv does not import torch 2.1.2+cu121"
record=$USERPKG_PREFIX/pkgs/torch/2.1.2/.userpkg/install.json
[ -f "$record" ] || fail "no install record"
assert_contains "$record" '"variant": "cu121"'
assert_contains "$record" '"wheel": "torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"'
assert_contains "$record" "\"target_python\": \"$venv\""
sha=$(sha256sum "$TEST_TMP/www/whl/cu121/torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl" | cut -d' ' -f1)
assert_contains "$record" "\"sha256\": \"$sha\""
[ "$(ls -A "$USERPKG_PREFIX/pkgs/torch/2.1.2")" = ".userpkg" ] || fail "the package dir holds more than the record"
# list -v shows what the kind recorded; --json carries the same details.
assert_exit 0 "$U" list -v
assert_contains "$TEST_TMP/out" "target_python: $venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_exit 0 "$U" list --json
assert_contains "$TEST_TMP/out" '"variant": "cu121"'

# Wrong hash on the index: refused, nothing installed, the venv keeps its torch.
USERPKG_CUDA_DRIVER=none assert_exit 1 "$U" install torch@2.1.1 --python "$venv"
assert_contains "$TEST_TMP/out" "sha256 mismatch"
[ ! -e "$USERPKG_PREFIX/pkgs/torch/2.1.1" ] || fail "a refused wheel left a package dir"
[ "$("$venv" -c 'import torch; print(torch.__version__)')" = "2.1.2+cu121" ] || fail "a refused wheel changed the venv"

# The same prefix, the same version: reused as it is, but installed again for another explicit
# variant (the record serves one python and one build), then for the first again.
USERPKG_CUDA_DRIVER=12.2 assert_exit 0 "$U" install torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "already installed"
USERPKG_CUDA_DRIVER=12.2 assert_exit 0 "$U" install torch@2.1 --cuda cpu --python "$venv"
assert_contains "$TEST_TMP/out" "recorded as the cu121 build, not cpu"
[ "$("$venv" -c 'import torch; print(torch.__version__)')" = "2.1.2+cpu" ] || fail "--cuda cpu did not replace the cu121 build"
assert_contains "$record" '"variant": "cpu"'
USERPKG_CUDA_DRIVER=12.2 FAKE_TORCH_GPUS=2 assert_exit 0 "$U" install torch@2.1 --cuda cu121 --python "$venv"
[ "$("$venv" -c 'import torch; print(torch.__version__)')" = "2.1.2+cu121" ] || fail "cu121 did not come back"

# Driver 11.8 → cu118 (a JSON page); a CUDA build that sees no GPU is explained.
USERPKG_CUDA_DRIVER=11.8 assert_exit 0 "$U" --prefix "$TEST_TMP/prefix2" install torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "torch-2.1.2+cu118-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "import check: torch 2.1.2+cu118, CUDA 11.8: no GPU visible"
assert_contains "$TEST_TMP/out" "yet torch sees no GPU"

# No driver → cpu, into another prefix.
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" --prefix "$TEST_TMP/prefix3" install torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "import check: torch 2.1.2+cpu (CPU build): no GPU is used"
assert_contains "$TEST_TMP/prefix3/pkgs/torch/2.1.2/.userpkg/install.json" '"variant": "cpu"'

# A dependency the index publishes no sha256 for: pip installs it silently, userpkg warns naming it.
"$py311" -m venv "$TEST_TMP/venv-nohash" || fail "cannot make a venv"
sed -i 's/#sha256=[0-9a-f]*//' "$TEST_TMP/www/whl/cpu/filelock/index.html"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" --prefix "$TEST_TMP/prefix5" install torch@2.1 --python "$TEST_TMP/venv-nohash/bin/python3"
assert_contains "$TEST_TMP/out" "filelock 3.13.1 is not verified: the index publishes no sha256 for it"
assert_not_contains "$TEST_TMP/out" "torch 2.1.2+cpu is not verified"

# torchvision brings the matching torch from the same variant page, never from elsewhere.
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" --prefix "$TEST_TMP/prefix4" install torchvision@0.16.2 --cuda cu121 \
  --python "$venv"
assert_contains "$TEST_TMP/out" "no NVIDIA driver here"
assert_contains "$TEST_TMP/out" "with:      torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "import check: torchvision 0.16.2+cu121"
[ "$("$venv" -c 'import torch; print(torch.__version__)')" = "2.1.2+cu121" ] || fail "torchvision came with the wrong torch"

# Hostile anchors on the page (a name that climbs out once percent-decoded, a javascript: link),
# each ranked above the real wheel by its tags: never chosen, listed with -v.
h=$(printf 'a%.0s' $(seq 64))
sed -i "s|</body>|<a href=\"/whl/cpu/torch-2.1.2%2Bcpu%2F..%2Fx-cp311-cp311-manylinux_2_17_x86_64.whl#sha256=$h\">a</a>\n<a href=\"javascript:alert(1)//torch-2.1.2%2Bcpu-cp311-cp311-manylinux_2_28_x86_64.whl#sha256=$h\">b</a>\n</body>|" \
  "$TEST_TMP/www/whl/cpu/torch/index.html"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" -v info torch@2.1 --python "$venv"
assert_contains "$TEST_TMP/out" "wheel:     torch-2.1.2+cpu-cp311-cp311-linux_x86_64.whl"
assert_contains "$TEST_TMP/out" "skipped torch-2.1.2+cpu/../x-cp311-cp311-manylinux_2_17_x86_64.whl on "
assert_contains "$TEST_TMP/out" "its link is a javascript: URL, not http(s)"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" info torch@2.1 --python "$venv"
assert_not_contains "$TEST_TMP/out" "skipped "
echo "PASS"
