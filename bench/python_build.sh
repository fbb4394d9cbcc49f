#!/usr/bin/env bash
# `userpkg install python@3.11` vs pyenv's `python-build 3.11.2`, one run each, same machine, same
# -j, same source (Python-3.11.2.tgz from the realworld mirror, served by a local nginx: to userpkg
# as a mirror, to pyenv through PYTHON_BUILD_MIRROR_URL, which looks files up by sha256), both with
# --enable-shared and ensurepip. Prints both wall times, the ratio (target <= 1.05) and checks that
# the same modules import in both.
#   REALWORLD_MIRROR (default ${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld), JOBS (default nproc)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REALWORLD_MIRROR=${REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
source "$here/../tests/e2e/lib.sh"
USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}
JOBS=${JOBS:-$(nproc)}
python_build=$(command -v python-build || echo "$(pyenv root 2>/dev/null)/plugins/python-build/bin/python-build")
[ -x "$python_build" ] || skip "pyenv's python-build not found"
tgz="$REALWORLD_MIRROR/python/Python-3.11.2.tgz"
sha=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
[ -f "$tgz" ] || skip "$tgz not found (run ../shared/realworld/fetch-sources)"

setup_tmp
mkdir -p "$TEST_TMP/www/python"
ln -s "$tgz" "$TEST_TMP/www/python/Python-3.11.2.tgz"  # userpkg's mirror layout
ln -s "$tgz" "$TEST_TMP/www/$sha"                       # pyenv's mirror layout
start_nginx "$TEST_TMP/www"
# pyenv's own 3.11.2 definition, with the .tgz (the file the mirror has) instead of the .tar.xz.
cat >"$TEST_TMP/3.11.2" <<DEF
prefer_openssl3
export PYTHON_BUILD_CONFIGURE_WITH_OPENSSL=1
install_package "Python-3.11.2" "https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz#$sha" standard verify_py311 copy_python_gdb ensurepip
DEF
check='import ssl, sqlite3, ctypes, zlib, bz2, lzma, readline, sys; print(sys.version.split()[0])'
seconds() { date +%s.%N; }

t0=$(seconds)
"$USERPKG_BIN" -q -j "$JOBS" --prefix "$TEST_TMP/userpkg" --mirror "$HTTP_URL" install python@3.11.2 >"$TEST_TMP/userpkg.log" 2>&1 ||
  { tail -30 "$TEST_TMP/userpkg.log"; fail "userpkg failed"; }
t1=$(seconds)
PYTHON_BUILD_MIRROR_URL="$HTTP_URL" PYTHON_CONFIGURE_OPTS="--enable-shared" MAKE_OPTS="-j $JOBS" TMPDIR="$TEST_TMP" \
  "$python_build" "$TEST_TMP/3.11.2" "$TEST_TMP/pyenv" >"$TEST_TMP/pyenv.log" 2>&1 ||
  { tail -30 "$TEST_TMP/pyenv.log"; fail "python-build failed"; }
t2=$(seconds)

u=$(echo "$t1 - $t0" | bc -l)
p=$(echo "$t2 - $t1" | bc -l)
echo "userpkg modules: $("$TEST_TMP/userpkg/bin/python3" -c "$check")"
echo "pyenv   modules: $("$TEST_TMP/pyenv/bin/python3" -c "$check")"
printf 'userpkg install python@3.11.2: %7.1f s\npyenv python-build 3.11.2:     %7.1f s\nratio (userpkg / pyenv, target <= 1.05): %.3f  (-j %s)\n' \
  "$u" "$p" "$(echo "$u / $p" | bc -l)" "$JOBS"
