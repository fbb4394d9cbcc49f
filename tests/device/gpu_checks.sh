#!/bin/bash
# Checks that need a real NVIDIA GPU and driver; not part of CI (`.ci/run` has no GPU). Runs:
#   1. tests/e2e/test_cuda.sh, whose GPU steps run a .cu built with the prefix's nvcc on the GPU
#      and check that the real driver is detected without USERPKG_CUDA_DRIVER;
#   2. doctor's CUDA_VISIBLE_DEVICES diagnosis against the machine's real GPUs and UUIDs;
#   3. `info torch@2.6` with the real driver (auto variant) against the fake index of test_torch.
# Usage: tests/device/gpu_checks.sh   (USERPKG_BIN: the userpkg to test; NGINX_BIN if not /usr/sbin/nginx;
# DOCTOR_BIN: the userpkg binary itself where USERPKG_BIN is a wrapper that sets LD_LIBRARY_PATH,
# since doctor reports the LD_LIBRARY_PATH it runs with)
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
U=${USERPKG_BIN:?set USERPKG_BIN}
export USERPKG_SOURCE_DIR=$here/..
nvidia-smi -L || { echo "no NVIDIA GPU here"; exit 77; }
status=0

echo "== 1. e2e test_cuda on the GPU"
(unset USERPKG_CUDA_DRIVER; bash "$here/e2e/test_cuda.sh") || { echo "test_cuda FAILED"; status=1; }

echo "== 2. doctor: CUDA_VISIBLE_DEVICES against the real GPUs"
uuid=$(nvidia-smi --query-gpu=uuid --format=csv,noheader | head -1)
count=$(nvidia-smi -L | wc -l)
D=${DOCTOR_BIN:-$U}
doctor_gpu() {  # prints doctor's cuda-visible-devices findings for the given value ("unset": unset)
  local v=$1 out
  if [ "$v" = unset ]; then out=$(env -u CUDA_VISIBLE_DEVICES "$D" --prefix /tmp/gpu-prefix doctor --json)
  else out=$(CUDA_VISIBLE_DEVICES=$v "$D" --prefix /tmp/gpu-prefix doctor --json); fi
  printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for c in d["checks"]:
    for f in c["findings"]:
        if "visible" in f["id"] or c["family"] in ("gpu", "ld-library-path"):
            print("   ", f["severity"], f["id"], "-", f["title"])'
}
for v in unset "0" "$count" "GPU-00000000-dead-beef-0000-000000000000" "$uuid" "${uuid:0:12}" ""; do
  echo "-- CUDA_VISIBLE_DEVICES=${v}"; doctor_gpu "$v"
done

echo "== 3. info torch@2.6 with the real driver"
(
  source "$here/e2e/lib.sh"
  setup_tmp
  eval "lib_write_nginx_conf() $(declare -f write_nginx_conf | tail -n +2)"
  write_nginx_conf() {
    lib_write_nginx_conf "$@"
    sed -i 's|default_type application/octet-stream;|&\n  types { text/html html; application/vnd.pypi.simple.v1+json json; }\n  index index.html index.json;|' "$1/nginx.conf"
  }
  mkdir -p "$TEST_TMP/www"
  start_nginx "$TEST_TMP/www"
  python3 "$here/e2e/torch_index.py" "$TEST_TMP/www" "$HTTP_URL" || fail "cannot build the wheel index"
  python3 -m venv --without-pip "$TEST_TMP/venv" || fail "cannot make a venv"
  unset USERPKG_CUDA_DRIVER
  USERPKG_TORCH_INDEX="$HTTP_URL/whl" "$U" --prefix "$TEST_TMP/prefix" info torch@2.6 --python "$TEST_TMP/venv/bin/python3"
) || { echo "info torch FAILED"; status=1; }
exit $status
