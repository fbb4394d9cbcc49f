#!/usr/bin/env bash
# cuda-redist: this machine's CUDA toolkit packed at test time into NVIDIA's redist layout
# (<component>-linux-x86_64-<ver>-archive/ with bin/, include/, lib/, nvvm/) with a manifest in
# NVIDIA's format, served by nginx, installed through a recipe that pins the manifest's sha256:
# driver refusal / --force / no driver, a wrong archive sha256, the component set on reinstall,
# and a .cu compiled and linked with the installed nvcc against the prefix's libcudart.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"

command -v nvcc >/dev/null 2>&1 || skip "no nvcc on this machine"
command -v gcc >/dev/null 2>&1 || skip "nvcc needs a host compiler"
cuda_root=$(cd "$(dirname "$(readlink -f "$(command -v nvcc)")")/.." && pwd)
full=$(nvcc --version | sed -n 's/.*, V\([0-9][0-9.]*\).*/\1/p')   # 13.0.88
[ -n "$full" ] || skip "cannot read nvcc's version"
for need in bin/nvcc bin/nvcc.profile bin/ptxas bin/fatbinary bin/nvlink bin/cudafe++ nvvm/bin/cicc include/cuda_runtime.h; do
  [ -e "$cuda_root/$need" ] || skip "the toolkit at $cuda_root has no $need"
done
ls "$cuda_root"/lib*/libcudart.so* >/dev/null 2>&1 || skip "no libcudart beside nvcc"
libdir=$cuda_root/lib64
[ -e "$libdir/libcudart_static.a" ] || libdir=$cuda_root/lib

setup_tmp
U=$USERPKG_BIN
export USERPKG_PREFIX="$TEST_TMP/prefix"
REDIST="$TEST_TMP/redist"   # what nginx serves: cuda/redist/…
mkdir -p "$REDIST/cuda/redist" "$TEST_TMP/stage"
t0=$(date +%s)

# pack COMPONENT then copy pairs "SRC DEST" (DEST relative to the archive's top folder).
pack() {
  local component=$1
  local top="$component-linux-x86_64-$full-archive"
  shift
  local dir="$TEST_TMP/stage/$top"
  mkdir -p "$dir"
  echo "license of $component (test fixture)" >"$dir/LICENSE"
  while [ $# -gt 0 ]; do
    mkdir -p "$(dirname "$dir/$2")"
    cp -a "$1" "$dir/$2" || fail "cannot copy $1"
    shift 2
  done
  mkdir -p "$REDIST/cuda/redist/$component/linux-x86_64"
  tar -C "$TEST_TMP/stage" -cf - "$top" | gzip -1 >"$REDIST/cuda/redist/$component/linux-x86_64/$top.tar.gz"
}

nvcc_args=()
for f in nvcc nvcc.profile ptxas fatbinary nvlink cudafe++ bin2c crt; do
  [ -e "$cuda_root/bin/$f" ] && nvcc_args+=("$cuda_root/bin/$f" "bin/$f")
done
pack cuda_nvcc "${nvcc_args[@]}" "$cuda_root/nvvm/bin" nvvm/bin "$cuda_root/nvvm/libdevice" nvvm/libdevice
cudart_args=()
for h in "$cuda_root"/include/*; do
  case $(basename "$h") in cccl | crt) continue ;; esac
  cudart_args+=("$h" "include/$(basename "$h")")
done
for l in "$libdir"/libcudart.so* "$libdir"/libcudart_static.a "$libdir"/libcudadevrt.a; do
  [ -e "$l" ] && cudart_args+=("$l" "lib/$(basename "$l")")
done
# NVIDIA's cudart archive ships the driver stub for linking; a stand-in file where the machine has none.
if [ -e "$libdir/stubs/libcuda.so" ]; then stub="$libdir/stubs/libcuda.so"; else stub="$TEST_TMP/libcuda.so"; : >"$stub"; fi
pack cuda_cudart "${cudart_args[@]}" "$stub" lib/stubs/libcuda.so
pack cuda_cccl "$cuda_root/include/cccl" include/cccl
[ -d "$cuda_root/include/crt" ] && pack cuda_crt "$cuda_root/include/crt" include/crt

# The manifest, as NVIDIA writes it (sizes as strings, md5 beside sha256).
manifest_py='
import hashlib, json, os, sys
root, full = sys.argv[1], sys.argv[2]
m = {"release_date": "2025-08-01", "release_label": full, "release_product": "cuda"}
for comp in sorted(os.listdir(root)):
    d = os.path.join(root, comp, "linux-x86_64")
    if not os.path.isdir(d): continue
    name = os.listdir(d)[0]
    data = open(os.path.join(d, name), "rb").read()
    m[comp] = {"name": comp, "license": "CUDA Toolkit", "version": full,
               "linux-x86_64": {"relative_path": comp + "/linux-x86_64/" + name,
                                "sha256": hashlib.sha256(data).hexdigest(),
                                "md5": hashlib.md5(data).hexdigest(), "size": str(len(data))}}
json.dump(m, sys.stdout, indent=4)
'
python3 -c "$manifest_py" "$REDIST/cuda/redist" "$full" >"$REDIST/cuda/redist/redistrib_$full.json" || fail "manifest"
# A second release whose manifest names a wrong sha256 for cuda_cudart.
bad=$(echo "$full" | awk -F. '{print $1"."$2"."$3+1}')
python3 - "$REDIST/cuda/redist/redistrib_$full.json" "$bad" >"$REDIST/cuda/redist/redistrib_$bad.json" <<'PY' || fail "bad manifest"
import json, sys
m = json.load(open(sys.argv[1])); m["release_label"] = sys.argv[2]
m["cuda_cudart"]["linux-x86_64"]["sha256"] = "0" * 64
json.dump(m, sys.stdout, indent=4)
PY
t_pack=$(($(date +%s) - t0))

start_nginx "$REDIST"
export SSL_CERT_FILE=$CA_FILE
export USERPKG_CUDA_REDIST="$HTTPS_URL/"
mkdir -p "$TEST_TMP/repo/recipes"
export USERPKG_RECIPE_PATH="$TEST_TMP/repo"
cat >"$TEST_TMP/repo/recipes/cuda.toml" <<TOML
name = "cuda"
summary = "CUDA toolkit packed from this machine's (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "cuda"

[source]
url = "$HTTPS_URL/cuda/redist/redistrib_{version}.json"

[versions]
"$full" = { sha256 = "$(sha256_of "$REDIST/cuda/redist/redistrib_$full.json")" }
"$bad" = { sha256 = "$(sha256_of "$REDIST/cuda/redist/redistrib_$bad.json")" }

[env]
PATH = ["{prefix}/bin"]
LD_LIBRARY_PATH = ["{prefix}/lib"]
allow = ["CUDA_HOME"]

[env.set]
CUDA_HOME = "{prefix}"
TOML

pkg="$USERPKG_PREFIX/pkgs/cuda/$full"
major_minor=$(echo "$full" | cut -d. -f1,2)

# 1. A driver that supports only CUDA 12.2: refused before any archive is downloaded.
USERPKG_CUDA_DRIVER=12.2 assert_exit 1 "$U" install "cuda@$full"
assert_contains "$TEST_TMP/out" "cannot run cuda $full"
assert_contains "$TEST_TMP/out" "supports up to CUDA 12.2"
assert_contains "$TEST_TMP/out" "--force"
[ "$(nginx_requests "archive.tar.gz")" = 0 ] || fail "archives were downloaded before the driver check"
[ ! -e "$pkg" ] || fail "a refused install left $pkg"

# 2. A wrong sha256 in the manifest: refused, nothing in pkgs/.
USERPKG_CUDA_DRIVER=none assert_exit 1 "$U" install "cuda@$bad"
assert_contains "$TEST_TMP/out" "sha256"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a failed install left $(ls -R "$USERPKG_PREFIX/pkgs")"

# 3. --force installs anyway (the same driver).
USERPKG_CUDA_DRIVER=12.2 assert_exit 0 "$U" install --force "cuda@$full"
assert_contains "$TEST_TMP/out" "--force: installing"
assert_contains "$TEST_TMP/out" "cudart, nvcc"
[ -x "$pkg/bin/nvcc" ] || fail "no bin/nvcc in $pkg"
[ "$(readlink "$pkg/lib64")" = lib ] || fail "lib64 is not a link to lib"
[ -f "$pkg/nvvm/bin/cicc" ] || fail "nvvm/ was not kept"
[ -f "$pkg/share/doc/cuda_nvcc/LICENSE" ] || fail "the component's LICENSE is not under share/doc"
python3 - "$pkg/.userpkg/install.json" "$full" <<'PY' || fail "install record details"
import json, sys
d = json.load(open(sys.argv[1]))["details"]
assert d["components"] == "cudart, nvcc", d
assert d["release_label"] == sys.argv[2], d
assert "12.2" in d["driver"], d
assert "stubs" not in d["runtime_library_dirs"], d
PY

# 4. The installed nvcc works from the prefix and builds a program whose libcudart is the prefix's.
"$USERPKG_PREFIX/bin/nvcc" --version >"$TEST_TMP/nvcc.out" 2>&1 || { cat "$TEST_TMP/nvcc.out"; fail "bin/nvcc --version"; }
assert_contains "$TEST_TMP/nvcc.out" "V$full"
cat >"$TEST_TMP/hello.cu" <<'CU'
#include <cstdio>
#include <cuda_runtime.h>
__global__ void kernel(int *out) { *out = 42; }
int main() {
  int version = 0, result = 0, *device = nullptr;
  cudaRuntimeGetVersion(&version);
  std::printf("runtime %d\n", version);
  if (cudaMalloc(&device, sizeof(int)) != cudaSuccess) {
    std::printf("no usable GPU\n");
    return 0;
  }
  kernel<<<1, 1>>>(device);
  cudaMemcpy(&result, device, sizeof(int), cudaMemcpyDeviceToHost);
  std::printf("kernel %d\n", result);
  return 0;
}
CU
(cd "$TEST_TMP" && env -u LD_LIBRARY_PATH -u CUDA_HOME PATH="$USERPKG_PREFIX/bin:/usr/bin:/bin" \
  nvcc -cudart shared -o hello hello.cu -L"$pkg/lib" -Xlinker -rpath="$pkg/lib") >"$TEST_TMP/build.out" 2>&1 ||
  { cat "$TEST_TMP/build.out"; fail "nvcc could not compile and link a .cu"; }
readelf -d "$TEST_TMP/hello" | grep -E 'RPATH|RUNPATH' | grep -qF "$pkg/lib" || fail "hello has no rpath into the prefix"
env -u LD_LIBRARY_PATH ldd "$TEST_TMP/hello" >"$TEST_TMP/ldd.out" 2>&1
grep "libcudart" "$TEST_TMP/ldd.out" | grep -qF "$pkg/lib/libcudart" || { cat "$TEST_TMP/ldd.out"; fail "libcudart does not resolve into the prefix"; }
grep -q "stubs" "$TEST_TMP/ldd.out" && fail "a stubs library is on hello's run-time path"
env -u LD_LIBRARY_PATH "$TEST_TMP/hello" >"$TEST_TMP/run.out" 2>&1 || true   # no GPU needed: only that it loads
grep -q "error while loading shared libraries" "$TEST_TMP/run.out" && { cat "$TEST_TMP/run.out"; fail "hello does not load"; }
# Where a GPU is at hand, the program built with the prefix's nvcc runs on it.
if nvidia-smi -L >/dev/null 2>&1; then
  cat "$TEST_TMP/run.out"
  assert_contains "$TEST_TMP/run.out" "kernel 42"
fi

# No stubs directory on any run-time path userpkg sets up.
grep -rl "stubs" "$USERPKG_PREFIX/profiles/current/bin/" "$USERPKG_PREFIX/profiles/current/env.sh" 2>/dev/null &&
  fail "a stubs directory is on a run-time path"
wrapper="$USERPKG_PREFIX/profiles/current/bin/nvcc"
if [ -f "$wrapper" ] && [ ! -L "$wrapper" ]; then
  assert_contains "$wrapper" "$pkg/lib"
fi
assert_not_contains "$USERPKG_PREFIX/profiles/current/env.sh" "LD_LIBRARY_PATH="

# 5. Reinstalling with other components must explain, not silently reuse; a subset is fine.
USERPKG_CUDA_DRIVER=none assert_exit 1 "$U" install "cuda@$full" +cupti
assert_contains "$TEST_TMP/out" "without cupti"
assert_contains "$TEST_TMP/out" "userpkg uninstall cuda@$full"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" install "cuda@$full" ~nvcc
assert_contains "$TEST_TMP/out" "already installed"
assert_exit 1 "$U" install +nvcc
assert_contains "$TEST_TMP/out" "no package comes before it"

# 6. No driver: allowed with a note (a fresh prefix).
export USERPKG_PREFIX="$TEST_TMP/prefix2"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" install "cuda@$full"
assert_contains "$TEST_TMP/out" "no NVIDIA driver"
[ -x "$USERPKG_PREFIX/pkgs/cuda/$full/bin/nvcc" ] || fail "no-driver install has no nvcc"

# 7. With a real NVIDIA driver: detected without the override, and recorded (before step 8 stops nginx).
if nvidia-smi -L >/dev/null 2>&1; then
  export USERPKG_PREFIX="$TEST_TMP/prefix4"
  env -u USERPKG_CUDA_DRIVER "$U" install "cuda@$full" >"$TEST_TMP/out" 2>&1 || true
  cat "$TEST_TMP/out"
  python3 -c 'import json,sys; print("driver detail:", json.load(open(sys.argv[1]))["details"]["driver"])' \
    "$USERPKG_PREFIX/pkgs/cuda/$full/.userpkg/install.json" ||
    assert_contains "$TEST_TMP/out" "cannot run cuda $full"   # an older driver: refused, with the reason
fi

# 8. `fetch` downloads the component archives too: an offline install then needs no server.
export USERPKG_PREFIX="$TEST_TMP/prefix3"
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" fetch "cuda@$full"
assert_contains "$TEST_TMP/out" "cuda/cuda_cudart-linux-x86_64-$full-archive.tar.gz"
assert_contains "$TEST_TMP/out" "cuda $full: "
assert_contains "$TEST_TMP/out" " archive(s) for cudart, nvcc"
stop_nginx
USERPKG_CUDA_DRIVER=none assert_exit 0 "$U" --offline install "cuda@$full"
[ -x "$USERPKG_PREFIX/pkgs/cuda/$full/bin/nvcc" ] || fail "offline install has no nvcc"

echo "ok (packing ${t_pack}s, total $(($(date +%s) - t0))s)"
