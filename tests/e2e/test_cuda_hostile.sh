#!/usr/bin/env bash
# Hostile cuda-redist archives, served by nginx: chained relative symlinks (include/d2/up -> ..,
# then a top-level .userpkg -> include/d2/up/d2/up/…/../../outside) that a lexical check passes but
# that resolve outside the package, and a .userpkg link onto another package's record. Each install
# (and a link elsewhere that climbs out the same way) is refused naming the link; nothing is written outside; the other package's record is untouched.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to write the hostile tarballs"
setup_tmp
U=$USERPKG_BIN
export USERPKG_PREFIX="$TEST_TMP/prefix"
OUTSIDE="$TEST_TMP/outside"
mkdir -p "$OUTSIDE" "$TEST_TMP/served/h" "$TEST_TMP/repo/recipes"

# hostile NAME MODE: served/h/NAME.tar.gz in NVIDIA's one-top-folder layout plus MODE's links.
hostile() {
  python3 - "$TEST_TMP/served/h/$1.tar.gz" "$2" <<'PY' || fail "cannot write the $2 tarball"
import io, sys, tarfile
out, mode = sys.argv[1:]
top = "cuda_evil-linux-x86_64-1.0-archive"
def add(tar, name, kind, target="", text=b""):
    i = tarfile.TarInfo(top + "/" + name if name else top)
    i.type = kind
    i.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    i.linkname = target
    i.size = len(text)
    tar.addfile(i, io.BytesIO(text) if text else None)
with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as tar:
    add(tar, "", tarfile.DIRTYPE)
    add(tar, "include", tarfile.DIRTYPE)
    add(tar, "include/d2", tarfile.DIRTYPE)
    add(tar, "include/evil.h", tarfile.REGTYPE, text=b"/* evil */\n")
    add(tar, "include/d2/up", tarfile.SYMTYPE, "..")
    # Lexically include/d2/…; really include/../../../../../outside = $TEST_TMP/outside.
    if mode == "outside":
        add(tar, ".userpkg", tarfile.SYMTYPE, "include/d2/up/d2/up/d2/up/../../../../../outside")
    elif mode == "victim":  # over the record of pkgs/victim/1.0
        add(tar, ".userpkg", tarfile.SYMTYPE, "include/d2/up/d2/up/d2/up/../../../../victim/1.0/.userpkg")
    else:  # chain: a link anywhere else that climbs out through the other
        add(tar, "include/x", tarfile.SYMTYPE, "d2/up/d2/up/d2/up/../../../../outside")
PY
}

recipe() {  # recipe NAME: a cuda-redist recipe whose manifest names served/h/NAME.tar.gz
  local sha
  sha=$(sha256_of "$TEST_TMP/served/h/$1.tar.gz")
  cat >"$TEST_TMP/repo/recipes/$1.toml" <<TOML
name = "$1"
summary = "hostile redist archive (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "$1"
components = ["cuda_evil"]

[versions]
"1.0" = {}

[env]
PATH = []

[redist.manifests."1.0"]
release_label = "1.0"
release_product = "$1"

[redist.manifests."1.0".cuda_evil]
version = "1.0"
linux-x86_64 = { url = "$HTTPS_URL/h/$1.tar.gz", sha256 = "$sha" }
linux-sbsa = { url = "$HTTPS_URL/h/$1.tar.gz", sha256 = "$sha" }
TOML
}

start_nginx "$TEST_TMP/served"
export SSL_CERT_FILE=$CA_FILE
export USERPKG_RECIPE_PATH="$TEST_TMP/repo"
export USERPKG_CUDA_DRIVER=none

# A harmless package whose record the second archive aims at.
mkdir -p "$TEST_TMP/served/h" && python3 - "$TEST_TMP/served/h/victim.tar.gz" <<'PY' || fail "victim tarball"
import io, sys, tarfile
top = "cuda_evil-linux-x86_64-1.0-archive"
with tarfile.open(sys.argv[1], "w:gz") as tar:
    for name, text in (("include/ok.h", b"/* ok */\n"),):
        i = tarfile.TarInfo(top + "/" + name); i.size = len(text); i.mode = 0o644
        tar.addfile(i, io.BytesIO(text))
PY
recipe victim
assert_exit 0 "$U" install victim
victim_record=$(cat "$USERPKG_PREFIX/pkgs/victim/1.0/.userpkg/install.json") || fail "victim has no record"

for mode in outside victim chain; do
  name=evil$mode
  hostile "$name" "$mode"
  recipe "$name"
  assert_exit 1 "$U" install "$name"
  if [ $mode = chain ]; then assert_contains "$TEST_TMP/out" "outside the merged tree"; else assert_contains "$TEST_TMP/out" ".userpkg"; fi
  assert_not_contains "$TEST_TMP/out" "internal error"
  [ -z "$(ls -A "$OUTSIDE")" ] || fail "$name: written outside the prefix: $(ls -lA "$OUTSIDE")"
  [ "$(cat "$USERPKG_PREFIX/pkgs/victim/1.0/.userpkg/install.json")" = "$victim_record" ] ||
    fail "$name: the victim's record was overwritten"
  [ ! -e "$USERPKG_PREFIX/pkgs/$name" ] || fail "$name: pkgs/$name exists after a refused install"
  [ -z "$(ls -A "$USERPKG_PREFIX/var/staging" 2>/dev/null)" ] || fail "$name: staging leftovers"
  assert_exit 0 "$U" list
  [ "$(grep -c victim "$TEST_TMP/out")" = 1 ] || { cat "$TEST_TMP/out" >&2; fail "list shows victim other than once"; }
done
echo ok
