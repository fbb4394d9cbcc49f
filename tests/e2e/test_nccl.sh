#!/usr/bin/env bash
# cuda-redist from a wheel (NCCL): a fake nvidia-nccl-cu12 wheel made at test time (nvidia/nccl/include,
# nvidia/nccl/lib/libnccl.so.2 built with cc, a dist-info, Python's __init__.py markers), served by nginx
# and carried in a test recipe by absolute url + sha256 with strip = "nvidia/nccl": installs
# include/ and lib/ only; a wrong sha256 is refused and leaves nothing in pkgs/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"

command -v cc >/dev/null 2>&1 || skip "no C compiler to build the fake libnccl"
setup_tmp
U=$USERPKG_BIN
export USERPKG_PREFIX="$TEST_TMP/prefix"
export HOME="$TEST_TMP/home"
mkdir -p "$HOME" "$TEST_TMP/served/nccl" "$TEST_TMP/w/nvidia/nccl/include" "$TEST_TMP/w/nvidia/nccl/lib"

w=$TEST_TMP/w
echo '#define NCCL_MAJOR 2 /* test fixture */' >"$w/nvidia/nccl/include/nccl.h"
echo 'int ncclGetVersion(int *v) { *v = 22501; return 0; }' >"$TEST_TMP/nccl.c"
cc -shared -fPIC -Wl,-soname,libnccl.so.2 -o "$w/nvidia/nccl/lib/libnccl.so.2" "$TEST_TMP/nccl.c" || fail "cc"
: >"$w/nvidia/__init__.py"; : >"$w/nvidia/nccl/__init__.py"; : >"$w/nvidia/nccl/lib/__init__.py"
mkdir -p "$w/nvidia_nccl_cu12-2.25.1.dist-info"
printf 'Metadata-Version: 2.1\nName: nvidia-nccl-cu12\nVersion: 2.25.1\n' >"$w/nvidia_nccl_cu12-2.25.1.dist-info/METADATA"
wheel=nvidia_nccl_cu12-2.25.1-py3-none-manylinux2014_x86_64.whl
(cd "$w" && python3 -m zipfile -c "$TEST_TMP/served/nccl/$wheel" nvidia nvidia_nccl_cu12-2.25.1.dist-info) || fail "zip"
sha=$(sha256_of "$TEST_TMP/served/nccl/$wheel")

start_nginx "$TEST_TMP/served"
export SSL_CERT_FILE=$CA_FILE
mkdir -p "$TEST_TMP/repo/recipes"
export USERPKG_RECIPE_PATH="$TEST_TMP/repo"
# entry VERSION SHA256: one release carrying the wheel's url.
entry() {
  cat <<TOML
[redist.manifests."$1"]
release_label = "$1"
release_product = "nccl"

[redist.manifests."$1".nccl]
version = "$1"
cuda_variant = ["12"]
strip = "nvidia/nccl"
linux-x86_64.cuda12 = { url = "$HTTPS_URL/nccl/$wheel", sha256 = "$2" }
linux-sbsa.cuda12 = { url = "$HTTPS_URL/nccl/$wheel", sha256 = "$2" }

TOML
}
{
  cat <<TOML
name = "nccl"
summary = "NCCL from a fake wheel (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "nccl"
components = ["nccl"]

[versions]
"2.25.1" = {}
"2.25.0" = {}

[env]
PATH = []
LD_LIBRARY_PATH = ["{prefix}/lib"]

TOML
  entry 2.25.1 "$sha"
  entry 2.25.0 "$(printf '0%.0s' $(seq 64))"
} >"$TEST_TMP/repo/recipes/nccl.toml"

# A wrong sha256: refused, nothing in pkgs/.
USERPKG_CUDA_DRIVER=none assert_exit 1 "$U" install nccl@2.25.0
assert_contains "$TEST_TMP/out" "sha256"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a refused install left $(ls -R "$USERPKG_PREFIX/pkgs")"

# The driver must support the wheel's CUDA major.
USERPKG_CUDA_DRIVER=11.8 assert_exit 1 "$U" install nccl@2.25.1
assert_contains "$TEST_TMP/out" "cannot run nccl 2.25.1 (built for CUDA 12)"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a refused install left $(ls -R "$USERPKG_PREFIX/pkgs")"

USERPKG_CUDA_DRIVER=12.4 assert_exit 0 "$U" install nccl@2.25.1
pkg=$USERPKG_PREFIX/pkgs/nccl/2.25.1
[ -f "$pkg/include/nccl.h" ] || fail "no include/nccl.h in $(ls -R "$pkg")"
[ -f "$pkg/lib/libnccl.so.2" ] || fail "no lib/libnccl.so.2"
cmp -s "$pkg/lib/libnccl.so.2" "$w/nvidia/nccl/lib/libnccl.so.2" || fail "libnccl.so.2 differs from the wheel's"
[ -z "$(find "$pkg" -name '*dist-info*' -o -name '__init__.py' -o -path "$pkg/nvidia*")" ] ||
  fail "the tree holds wheel leftovers: $(find "$pkg")"
# include/ and lib/, plus the lib64 -> lib link every redist tree gets (and the record).
[ "$(ls "$pkg")" = "$(printf 'include\nlib\nlib64')" ] && [ "$(readlink "$pkg/lib64")" = lib ] ||
  fail "unexpected top level: $(ls -lA "$pkg")"
python3 - "$pkg/.userpkg/install.json" <<'PY' || fail "install record details"
import json, sys
d = json.load(open(sys.argv[1]))["details"]
assert d["cuda_variant"].startswith("cuda12"), d
assert d["runtime_library_dirs"] == "lib", d
PY
# The library links and runs from the prefix.
echo 'int ncclGetVersion(int*); int main(void){int v=0; ncclGetVersion(&v); return v == 22501 ? 0 : 1;}' >"$TEST_TMP/m.c"
cc -o "$TEST_TMP/m" "$TEST_TMP/m.c" -I"$pkg/include" -L"$pkg/lib" -l:libnccl.so.2 -Wl,-rpath,"$pkg/lib" || fail "link"
"$TEST_TMP/m" || fail "the installed libnccl does not run"
echo ok
