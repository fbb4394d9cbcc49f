# shellcheck shell=bash
# Static tier: the fully static build-static/userpkg (made by `make static`) on its own. Source at the
# top of a test_*.sh, after `set -u`. Builds on ../e2e/lib.sh (setup_tmp, start_nginx with a test CA,
# fail, assert_*) and ../e2e/fixtures.sh (sha256_of, make_tarball, write_recipe).
#
# Every reason to skip (no static binary, not root, no debootstrap, …) is a skip (exit 77) with the
# reason, except under USERPKG_REQUIRE_STATIC=1 (CI sets it after `make static`): there it fails.
#
# Root only sets things up (mounts, device nodes, chroot); userpkg itself always runs as TEST_UID:
# a numeric uid with no entry in /etc/passwd (default 4711, the first free one from there), no
# supplementary groups, and a clean environment with HOME set explicitly, so each test also shows
# that userpkg needs no password database lookup.
here_static=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here_static/../e2e/lib.sh"
source "$here_static/../e2e/fixtures.sh"

skip() {
  if [ "${USERPKG_REQUIRE_STATIC:-0}" = 1 ]; then
    echo "FAIL: $* (USERPKG_REQUIRE_STATIC=1: the static tier may not skip)" >&2
    exit 1
  fi
  echo "SKIP: $*" >&2
  exit 77
}

# The binary under test, as an absolute path.
STATIC_BIN=${USERPKG_BIN:-$here_static/../../build-static/userpkg}
[ -f "$STATIC_BIN" ] || skip "no static binary at $STATIC_BIN: run make static first"
STATIC_BIN=$(readlink -f "$STATIC_BIN")
[ -x "$STATIC_BIN" ] || fail "$STATIC_BIN is not executable"

# need_root WHAT: skip unless root (the chroot tests mount and mknod).
need_root() {
  [ "$(id -u)" = 0 ] || skip "$1 needs root (to chroot, mount and run userpkg as an unprivileged uid); run it as root"
}

# pick_test_uid: TEST_UID/TEST_GID, a uid and gid that no passwd/group entry names (USERPKG_TEST_UID
# to choose; else 4711 or the next free one).
pick_test_uid() {
  local uid=${USERPKG_TEST_UID:-4711}
  if [ -n "${USERPKG_TEST_UID:-}" ]; then
    ! getent passwd "$uid" >/dev/null || fail "USERPKG_TEST_UID=$uid has a passwd entry; the test needs a uid without one"
  else
    while getent passwd "$uid" >/dev/null || getent group "$uid" >/dev/null; do uid=$((uid + 1)); done
  fi
  TEST_UID=$uid
  TEST_GID=$uid
}

STATIC_MOUNTS=()

# static_setup: setup_tmp (TEST_TMP, HOME inside it, nginx stopped at exit), made traversable for
# TEST_UID, with the mounts of track_mount undone at exit (also on failure, and on INT/TERM/HUP).
static_setup() {
  setup_tmp
  chmod 755 "$TEST_TMP"
  trap _static_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  pick_test_uid
}

# mount_tracked ARGS... TARGET: mount, and unmount TARGET at exit (last mounted, first unmounted).
mount_tracked() {
  mount "$@" || fail "mount $* failed"
  STATIC_MOUNTS+=("${!#}")
}

# bind_ro SRC TARGET: a read-only bind mount (tracked).
bind_ro() {
  mount_tracked --bind "$1" "$2"
  mount -o remount,bind,ro "$2" || fail "cannot make the bind mount $2 read-only"
}

# mounts_under DIR: mount points at or below DIR (deepest first).
mounts_under() {
  awk -v d="$1" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/mounts | sort -r
}

unmount_all() {
  local i m
  for ((i = ${#STATIC_MOUNTS[@]} - 1; i >= 0; i--)); do
    m=${STATIC_MOUNTS[i]}
    if grep -qF " $m " /proc/mounts; then
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "warning: cannot unmount $m" >&2
    fi
  done
  STATIC_MOUNTS=()
}

STATIC_ROOTS=()

# kill_leftovers: kills what this test started as TEST_UID and left running (after an interrupt or
# a failure midway): processes of that uid whose root is one of STATIC_ROOTS (the chroot tests
# register theirs) or whose HOME lies under TEST_TMP. Nothing else of the uid is touched.
kill_leftovers() {
  local p pid root home r hit killed=
  [ -n "${TEST_UID:-}" ] && [ -n "${TEST_TMP:-}" ] || return 0
  for p in /proc/[0-9]*; do
    [ "$(stat -c %u "$p" 2>/dev/null)" = "$TEST_UID" ] || continue
    pid=${p#/proc/}
    hit=
    root=$(readlink "$p/root" 2>/dev/null) || continue
    for r in "${STATIC_ROOTS[@]}"; do [ "$root" = "$r" ] && hit=1; done
    home=$(tr '\0' '\n' <"$p/environ" 2>/dev/null | sed -n 's/^HOME=//p')
    case $home in "$TEST_TMP"/*) hit=1 ;; esac
    [ -n "$hit" ] && kill -KILL "$pid" 2>/dev/null && killed=1
  done
  [ -z "$killed" ] || sleep 0.5   # let them go before the unmounts
  return 0
}

_static_cleanup() {
  local status=$? left
  trap - INT TERM HUP
  kill_leftovers
  unmount_all
  if [ -n "${TEST_TMP:-}" ]; then
    left=$(mounts_under "$TEST_TMP")
    if [ -n "$left" ]; then
      # Never rm -rf through a mount (it would delete the mirror or the chroot's files).
      echo "warning: still mounted, so $TEST_TMP is kept: $left" >&2
      stop_nginx
      exit "$status"
    fi
  fi
  (exit "$status")
  _cleanup_tmp
}

# give_to_user PATH...: the paths (made if missing) owned by TEST_UID:TEST_GID.
give_to_user() {
  mkdir -p "$@" && chown "$TEST_UID:$TEST_GID" "$@" || fail "cannot give $* to uid $TEST_UID"
}

# as_user [VAR=VALUE...] -- CMD ARGS...: CMD as TEST_UID:TEST_GID without supplementary groups, in an
# environment holding only the VARs (no HOME unless given).
as_user() {
  local -a vars=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    vars+=("$1")
    shift
  done
  [ $# -gt 1 ] || fail "as_user: no command after --"
  shift
  setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --clear-groups -- /usr/bin/env -i "${vars[@]}" "$@"
}

# in_root ROOT [VAR=VALUE...] -- CMD ARGS...: CMD (a path inside ROOT) run by chroot ROOT as
# TEST_UID:TEST_GID, in an environment holding only the VARs.
in_root() {
  local root=$1
  shift
  local -a vars=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    vars+=("$1")
    shift
  done
  [ $# -gt 1 ] || fail "in_root: no command after --"
  shift
  /usr/bin/env -i "${vars[@]}" /usr/sbin/chroot --userspec="$TEST_UID:$TEST_GID" "$root" "$@"
}

# run_logged NAME CMD...: CMD with stdout+stderr to $TEST_TMP/NAME.out; prints its exit status
# (never fails by itself). Output goes to a file named for the step, so a failure can show it.
run_logged() {
  local name=$1 rc=0
  shift
  "$@" >"$TEST_TMP/$name.out" 2>&1 || rc=$?
  echo "$rc"
}

# show NAME: the output of run_logged NAME, on stderr.
show() {
  echo "--- $1:" >&2
  cat "$TEST_TMP/$1.out" >&2
}

# expect_ok NAME CMD...: CMD succeeds (output in $TEST_TMP/NAME.out), else fail showing it.
expect_ok() {
  local name=$1 rc
  shift
  rc=$(run_logged "$name" "$@")
  [ "$rc" = 0 ] || {
    show "$name"
    fail "$name: exit $rc: $*"
  }
}

# expect_fail NAME CMD...: CMD exits non-zero but not by a signal (a crash is no clean refusal).
expect_fail() {
  local name=$1 rc
  shift
  rc=$(run_logged "$name" "$@")
  if [ "$rc" = 0 ] || [ "$rc" -ge 126 ]; then
    show "$name"
    fail "$name: expected a clean failure (exit 1-125), got exit $rc: $*"
  fi
}

# elapsed: seconds since the test started.
STATIC_T0=$(date +%s)
elapsed() { echo "$(($(date +%s) - STATIC_T0))s"; }
