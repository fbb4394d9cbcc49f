#!/usr/bin/env bash
# The static binary on an older distribution: Debian 11 bullseye (glibc 2.31, GCC 10, OpenSSL
# 1.1.1), a debootstrap'ed root made once by ./make-bullseye-root and reused
# (USERPKG_BULLSEYE_ROOT, default /var/cache/userpkg-test/bullseye). Entered with chroot as a uid
# that has no passwd entry there, with /proc, /dev, a fresh /home and /tmp, the realworld mirror
# (read-only, at /mnt) and the binary (read-only, at /opt) bound in; everything is unmounted at exit
# and the cached root is left as it was. In it: glibc is 2.31; userpkg builds and installs xz 5.4.1
# from the mirror with bullseye's compiler; the installed xz (not bullseye's 5.2.5) runs, its
# liblzma from the prefix; `shell init` into Debian's own skeleton .bashrc/.profile makes a login
# bash and an interactive bash find xz in the prefix first; `shell deinit` restores both files byte
# for byte.
set -u
source "$(dirname "$0")/lib.sh"
MIRROR=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
ROOT=${USERPKG_BULLSEYE_ROOT:-/var/cache/userpkg-test/bullseye}
ROOT=${ROOT%/}
need_root "the bullseye test"
[ -f "$MIRROR/index.tsv" ] ||
  skip "no realworld mirror at $MIRROR (run ../shared/realworld/fetch-sources as root, or set USERPKG_REALWORLD_MIRROR)"
[ -d "$MIRROR/xz" ] || skip "the realworld mirror at $MIRROR has no xz/"
static_setup
R=$ROOT

# The root: made now (a few minutes, ~100 MB from the Debian archive) unless it is there already.
t=$(date +%s)
rc=0
"$here_static/make-bullseye-root" "$R" >"$TEST_TMP/make-root.log" 2>&1 || rc=$?
t_root=$(($(date +%s) - t))
case $rc in
0) ;;
2) skip "cannot make the bullseye root: $(tail -n1 "$TEST_TMP/make-root.log")" ;;
*)
  cat "$TEST_TMP/make-root.log" >&2
  skip "cannot make the bullseye root at $R (debootstrap failed: is the Debian archive reachable?)"
  ;;
esac
[ -f "$R/.userpkg-bullseye-root" ] || fail "make-bullseye-root succeeded but $R has no marker"
for d in proc dev home tmp mnt opt; do [ -d "$R/$d" ] || fail "$R has no /$d"; done

# One user of the cached root at a time; mounts a killed earlier run left behind are undone first.
exec 8>"$R.inuse"
flock 8
for m in $(mounts_under "$R"); do
  echo "note: unmounting $m, left by an earlier run" >&2
  umount "$m" 2>/dev/null || umount -l "$m" || fail "cannot unmount the stale $m"
done

STATIC_ROOTS+=("$(readlink -f "$R")")
B=$TEST_TMP/bin
mkdir -p "$B" "$TEST_TMP/home" "$TEST_TMP/tmp"
install -m 755 "$STATIC_BIN" "$B/userpkg"
chmod 1777 "$TEST_TMP/tmp"
give_to_user "$TEST_TMP/home/u"
mount_tracked -t proc proc "$R/proc"
mount_tracked --bind /dev "$R/dev"
mount_tracked --bind "$TEST_TMP/home" "$R/home"
mount_tracked --bind "$TEST_TMP/tmp" "$R/tmp"
bind_ro "$MIRROR" "$R/mnt"
bind_ro "$B" "$R/opt"

H=/home/u
HR=$TEST_TMP/home/u
PFX=$H/prefix
JOBS=$(nproc 2>/dev/null || echo 2)
# bu CMD ARGS...: CMD in the bullseye root as the unprivileged uid, clean environment.
bu() { in_root "$R" HOME=$H PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TERM=dumb -- "$@"; }

# It is bullseye, with glibc 2.31, and the uid has no name there.
grep -q '^VERSION_ID="11"' "$R/etc/os-release" || fail "$R is not Debian 11: $(cat "$R/etc/os-release")"
expect_ok ldd_version bu ldd --version
head -n1 "$TEST_TMP/ldd_version.out" | grep -qE ' 2\.31$' || fail "glibc in the root is not 2.31: $(head -n1 "$TEST_TMP/ldd_version.out")"
[ "$(bu id -u)" = "$TEST_UID" ] || fail "not running as uid $TEST_UID in the root"
bu id -un >/dev/null 2>&1 && fail "uid $TEST_UID has a name in the root (test is broken)"

expect_ok version bu /opt/userpkg --version
grep -qE '^userpkg [0-9]' "$TEST_TMP/version.out" || { show version; fail "--version in bullseye"; }

# The glibc that wheels are chosen for is bullseye's 2.31, not the 2.36 linked into the binary.
expect_ok doctor_glibc bu /opt/userpkg doctor
grep -qE 'glibc 2\.31, x86_64' "$TEST_TMP/doctor_glibc.out" || { show doctor_glibc; fail "doctor does not name bullseye's glibc 2.31"; }

# xz from the mirror, built with bullseye's gcc 10 against glibc 2.31.
t=$(date +%s)
expect_ok install_xz bu /opt/userpkg -j "$JOBS" --offline --mirror /mnt install xz
t_xz=$(($(date +%s) - t))
assert_contains "$TEST_TMP/install_xz.out" "Installed xz 5.4.1"
expect_ok xz_version bu "$PFX/bin/xz" --version
assert_contains "$TEST_TMP/xz_version.out" "xz (XZ Utils) 5.4.1"
expect_ok xz_ldd bu ldd "$PFX/pkgs/xz/5.4.1/bin/xz"
grep 'liblzma' "$TEST_TMP/xz_ldd.out" | grep -qF "$PFX/pkgs/xz/5.4.1/lib/" || { show xz_ldd; fail "the installed xz does not load the prefix's liblzma"; }
! grep -q "not found" "$TEST_TMP/xz_ldd.out" || { show xz_ldd; fail "the installed xz has unresolved libraries"; }
expect_ok xz_roundtrip bu /bin/bash -c "head -c 300000 /dev/urandom >/tmp/data && '$PFX/bin/xz' -c /tmp/data | '$PFX/bin/xz' -dc | cmp - /tmp/data && echo roundtrip-ok"
assert_contains "$TEST_TMP/xz_roundtrip.out" "roundtrip-ok"
[ -z "$(find "$HR" ! -uid "$TEST_UID" -print -quit)" ] || fail "files under $H not owned by uid $TEST_UID"

# Shell integration with Debian's own skeleton files (its .bashrc returns early when not interactive,
# so a login shell depends on the block in .profile).
cp "$R/etc/skel/.bashrc" "$R/etc/skel/.profile" "$HR/" || fail "bullseye has no /etc/skel/.bashrc or .profile"
chown "$TEST_UID:$TEST_GID" "$HR/.bashrc" "$HR/.profile"
mkdir -p "$TEST_TMP/orig"
cp "$HR/.bashrc" "$HR/.profile" "$TEST_TMP/orig/"
home_files() { (cd "$HR" && find . -path ./prefix -prune -o -printf '%p %y %s\n' | sort); }
before=$(home_files)
expect_ok shell_init bu /opt/userpkg shell init --shell bash
grep -qxF '# >>> userpkg >>>' "$HR/.bashrc" || { show shell_init; fail "init wrote no block into .bashrc"; }
grep -qxF '# >>> userpkg >>>' "$HR/.profile" || { show shell_init; fail "init wrote no block into .profile"; }

shell_check() { # FLAG: bash FLAG -c in the root finds the prefix's xz first, quietly
  local flag=$1 name=bash$1
  bu /bin/bash "$flag" -c 'command -v xz; xz --version | head -n1' </dev/null >"$TEST_TMP/$name.out" 2>"$TEST_TMP/$name.err" ||
    { cat "$TEST_TMP/$name.out" "$TEST_TMP/$name.err" >&2; fail "bash $flag in bullseye failed"; }
  sed -i -e '/cannot set terminal process group/d' -e '/no job control in this shell/d' "$TEST_TMP/$name.err"
  [ "$(head -n1 "$TEST_TMP/$name.out")" = "$PFX/bin/xz" ] ||
    fail "bash $flag in bullseye: xz is '$(head -n1 "$TEST_TMP/$name.out")', not $PFX/bin/xz"
  assert_contains "$TEST_TMP/$name.out" "xz (XZ Utils) 5.4.1"
  [ ! -s "$TEST_TMP/$name.err" ] || fail "bash $flag in bullseye wrote to stderr: $(cat "$TEST_TMP/$name.err")"
}
shell_check -l
shell_check -i

expect_ok shell_deinit bu /opt/userpkg shell deinit
cmp "$HR/.bashrc" "$TEST_TMP/orig/.bashrc" || fail "deinit did not restore .bashrc byte for byte"
cmp "$HR/.profile" "$TEST_TMP/orig/.profile" || fail "deinit did not restore .profile byte for byte"
[ "$(home_files)" = "$before" ] || { diff <(echo "$before") <(home_files) >&2; fail "deinit left the home directory different"; }
bu /bin/bash -l -c 'command -v xz' </dev/null >"$TEST_TMP/after.out" 2>/dev/null
[ "$(cat "$TEST_TMP/after.out")" = /usr/bin/xz ] || fail "after deinit a login bash finds xz at '$(cat "$TEST_TMP/after.out")', not bullseye's /usr/bin/xz"

unmount_all
[ -z "$(mounts_under "$R")" ] || fail "still mounted under $R: $(mounts_under "$R")"
left=$(find "$R/home" "$R/tmp" "$R/mnt" "$R/opt" -mindepth 1 -print)
[ -z "$left" ] || fail "the cached root kept files of this run: $left"
echo "ok (root ${t_root}s, xz ${t_xz}s, total $(elapsed))"
