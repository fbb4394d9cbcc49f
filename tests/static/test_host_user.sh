#!/usr/bin/env bash
# The static binary as an unprivileged user on this host (a uid with no passwd entry, env -i, HOME
# set): it builds and installs real packages offline from the realworld mirror (copied where the uid
# can read it) — xz 5.4.1, then Python 3.11 — which run (xz round trip; python3 imports ssl, sqlite3,
# ctypes, zlib, bz2, lzma); its shell integration works as the dynamic build's does: `shell init`
# writes the same .bashrc bytes as build/userpkg, `bash -i` and `bash -l` started clean find xz and
# python3 from the prefix first on PATH, and `shell deinit` restores the startup files byte for byte.
# Slow: Python builds in about 4 minutes on 2 cores.
set -u
source "$(dirname "$0")/lib.sh"
MIRROR=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
need_root "the host-user test"
[ -f "$MIRROR/index.tsv" ] ||
  skip "no realworld mirror at $MIRROR (run ../shared/realworld/fetch-sources as root, or set USERPKG_REALWORLD_MIRROR)"
for tool in bash cc make; do command -v "$tool" >/dev/null || skip "$tool is not installed (needed to build xz and Python)"; done
static_setup

H=$TEST_TMP/home
M=$TEST_TMP/mirror
BIN=$TEST_TMP/bin/userpkg
give_to_user "$H"
mkdir -p "$M" "$TEST_TMP/bin"
install -m 755 "$STATIC_BIN" "$BIN"
# The mirror lives under /root (0700): copy what xz and python@3.11 (and its dependencies, where the
# system lacks them) may need.
for d in xz python libffi bzip2 readline ncurses openssl; do
  [ -d "$MIRROR/$d" ] && cp -r "$MIRROR/$d" "$M/"
done
cp "$MIRROR/index.tsv" "$M/"
chmod -R a+rX "$M"
JOBS=$(nproc 2>/dev/null || echo 2)
USER_ENV=(HOME="$H" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8)
me() { as_user "${USER_ENV[@]}" -- "$@"; }
PFX=$H/prefix

# The uid really has no name, and cannot read the original mirror (so the copy is what is used).
[ "$(me /usr/bin/id -u)" = "$TEST_UID" ] || fail "as_user does not run as uid $TEST_UID"
me /usr/bin/id -un >/dev/null 2>&1 && fail "uid $TEST_UID has a user name here (test is broken)"

# --- xz ------------------------------------------------------------------------------------------
t=$(date +%s)
expect_ok install_xz me "$BIN" -j "$JOBS" --offline --mirror "$M" install xz
t_xz=$(($(date +%s) - t))
assert_contains "$TEST_TMP/install_xz.out" "Installed xz 5.4.1"
[ -x "$PFX/bin/xz" ] || { show install_xz; fail "no $PFX/bin/xz"; }
[ -z "$(find "$PFX" ! -uid "$TEST_UID" -print -quit)" ] || fail "files in the prefix not owned by uid $TEST_UID"
me "$PFX/bin/xz" --version | grep -q "xz (XZ Utils) 5.4.1" || fail "the installed xz is not 5.4.1"
head -c 300000 /dev/urandom >"$TEST_TMP/data"
chmod 644 "$TEST_TMP/data"
me /bin/sh -c "'$PFX/bin/xz' -c '$TEST_TMP/data' | '$PFX/bin/xz' -dc" | cmp - "$TEST_TMP/data" || fail "xz round trip"

# --- python@3.11 ---------------------------------------------------------------------------------
t=$(date +%s)
expect_ok install_python me "$BIN" -j "$JOBS" --offline --mirror "$M" install python@3.11
t_py=$(($(date +%s) - t))
assert_contains "$TEST_TMP/install_python.out" "Installed python 3.11.2"
py=$PFX/bin/python3
me "$py" -c 'import ssl, sqlite3, ctypes, zlib, bz2, lzma; print(ssl.OPENSSL_VERSION)' >"$TEST_TMP/py.out" 2>&1 ||
  { cat "$TEST_TMP/py.out" >&2; fail "a module does not import in the installed python"; }
[ "$(me "$py" -c 'import sys; print(sys.version.split()[0])')" = 3.11.2 ] || fail "not Python 3.11.2"
expect_ok list me "$BIN" list
assert_contains "$TEST_TMP/list.out" "python"
assert_contains "$TEST_TMP/list.out" "xz"

# --- shell integration ---------------------------------------------------------------------------
printf '# my bashrc\nexport EDITOR=vi\nalias ll="ls -l"' >"$H/.bashrc"   # no final newline
printf '# my profile\nif [ -f ~/.bashrc ]; then . ~/.bashrc; fi\n' >"$H/.profile"
chown "$TEST_UID:$TEST_GID" "$H/.bashrc" "$H/.profile"
mkdir -p "$TEST_TMP/orig"
cp -p "$H/.bashrc" "$H/.profile" "$TEST_TMP/orig/"
home_files() { (cd "$H" && find . -path ./prefix -prune -o -printf '%p %y %s\n' | sort); }
before=$(home_files)

expect_ok shell_init me "$BIN" shell init --shell bash
grep -qxF '# >>> userpkg >>>' "$H/.bashrc" || { show shell_init; fail "init wrote no block into .bashrc"; }
assert_contains "$H/.bashrc" "'$PFX/etc/userpkg/env.sh'"
[ -f "$PFX/etc/userpkg/env.sh" ] || fail "init did not write $PFX/etc/userpkg/env.sh"

# The dynamic build, given the same startup files, writes the same bytes (with its own prefix, an
# empty one: the same prefix would record the other home's files for deinit too).
if [ -x "${USERPKG_DYNAMIC_BIN:-}" ]; then
  H2=$TEST_TMP/home2
  P2=$TEST_TMP/p2
  give_to_user "$H2" "$P2"
  install -m 755 "$USERPKG_DYNAMIC_BIN" "$TEST_TMP/bin/userpkg-dynamic"
  cp -p "$TEST_TMP/orig/.bashrc" "$TEST_TMP/orig/.profile" "$H2/"
  chown "$TEST_UID:$TEST_GID" "$H2/.bashrc" "$H2/.profile"
  expect_ok shell_init_dynamic as_user HOME="$H2" PATH=/usr/bin:/bin -- \
    "$TEST_TMP/bin/userpkg-dynamic" --prefix "$P2" shell init --shell bash
  for f in .bashrc .profile; do
    sed "s|$P2/|$PFX/|g" "$H2/$f" | cmp - "$H/$f" ||
      { diff <(sed "s|$P2/|$PFX/|g" "$H2/$f") "$H/$f" >&2; fail "static and dynamic init wrote different $f files"; }
  done
  sed "s|$P2|$PFX|g" "$P2/etc/userpkg/env.sh" | cmp - "$PFX/etc/userpkg/env.sh" ||
    { diff <(sed "s|$P2|$PFX|g" "$P2/etc/userpkg/env.sh") "$PFX/etc/userpkg/env.sh" >&2; fail "static and dynamic init wrote different env.sh files"; }
else
  echo "note: no dynamic build (USERPKG_DYNAMIC_BIN=${USERPKG_DYNAMIC_BIN:-}): not comparing its init" >&2
fi

# A fresh bash (interactive, and login) as the uid, with a clean environment: the prefix comes first.
shell_check() { # KIND FLAG: bash FLAG -c … finds xz and python3 in the prefix, and python3 works
  local kind=$1 flag=$2
  me TERM=dumb bash "$flag" -c 'command -v python3; command -v xz; python3 -c "import ssl, lzma; print(\"imports ok\")"' \
    </dev/null >"$TEST_TMP/$kind.out" 2>"$TEST_TMP/$kind.err" || { cat "$TEST_TMP/$kind.out" "$TEST_TMP/$kind.err" >&2; fail "bash $flag failed"; }
  sed -i -e '/cannot set terminal process group/d' -e '/no job control in this shell/d' "$TEST_TMP/$kind.err"
  [ "$(sed -n 1p "$TEST_TMP/$kind.out")" = "$PFX/bin/python3" ] || fail "bash $flag: python3 is '$(sed -n 1p "$TEST_TMP/$kind.out")', not $PFX/bin/python3"
  [ "$(sed -n 2p "$TEST_TMP/$kind.out")" = "$PFX/bin/xz" ] || fail "bash $flag: xz is '$(sed -n 2p "$TEST_TMP/$kind.out")', not $PFX/bin/xz"
  assert_contains "$TEST_TMP/$kind.out" "imports ok"
  [ ! -s "$TEST_TMP/$kind.err" ] || fail "bash $flag wrote to stderr at start-up: $(cat "$TEST_TMP/$kind.err")"
}
shell_check interactive -i
shell_check login -l

expect_ok shell_deinit me "$BIN" shell deinit
cmp "$H/.bashrc" "$TEST_TMP/orig/.bashrc" || fail "deinit did not restore .bashrc byte for byte"
cmp "$H/.profile" "$TEST_TMP/orig/.profile" || fail "deinit did not restore .profile byte for byte"
[ "$(home_files)" = "$before" ] || { diff <(echo "$before") <(home_files) >&2; fail "deinit left the home directory different"; }
me TERM=dumb bash -l -c 'command -v python3 || true' </dev/null >"$TEST_TMP/after.out" 2>/dev/null
assert_not_contains "$TEST_TMP/after.out" "$PFX/bin/python3"

echo "ok (xz ${t_xz}s, python ${t_py}s, total $(elapsed))"
