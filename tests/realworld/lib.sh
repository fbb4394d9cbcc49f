# Realworld tier: real upstream sources from ../shared/realworld/fetch-sources, laid out as a mirror.
# Skips (exit 77) when the mirror is absent; CI (.ci/run) creates it first.
here_rw=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REALWORLD_MIRROR=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
source "$here_rw/../e2e/lib.sh"
[ -f "$REALWORLD_MIRROR/index.tsv" ] ||
  skip "no realworld mirror at $REALWORLD_MIRROR (run ../shared/realworld/fetch-sources as root, or set USERPKG_REALWORLD_MIRROR)"
setup_tmp
export USERPKG_PREFIX="$TEST_TMP/prefix"
U=$USERPKG_BIN

# rw_install ARGS...: an offline install from the realworld mirror alone, output shown as it goes.
rw_install() {
  "$U" --offline --mirror "$REALWORLD_MIRROR" install "$@" 2>&1 | tee "$TEST_TMP/install.log"
  return "${PIPESTATUS[0]}"
}

# assert_runpath FILE DIR: FILE's ELF RUNPATH/RPATH names DIR.
assert_runpath() {
  readelf -d "$1" | grep -E 'RUNPATH|RPATH' | grep -qF "$2" || {
    readelf -d "$1" >&2
    fail "$1 has no rpath to $2"
  }
}

# assert_libs_resolve FILE: every shared library FILE needs is found, with no LD_LIBRARY_PATH.
assert_libs_resolve() {
  local out
  out=$(env -u LD_LIBRARY_PATH ldd "$1") || fail "ldd $1 failed"
  ! grep -q "not found" <<<"$out" || { echo "$out" >&2; fail "$1 has unresolved libraries"; }
}
