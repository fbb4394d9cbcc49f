#!/usr/bin/env bash
# A full file system (issue 12, defect 1), on a 20 MB tmpfs prefix owned by an ordinary uid that
# runs userpkg (root only mounts and fills): the disk fills during extraction, during the build
# (make install writes a big file), at the commit (the install record), and while the generation is
# written. Each time: exit 1, one message "no space left on the filesystem of <prefix>: … free;
# `userpkg gc` would free …" (with "N MB needed" where the archive says), no package dir, no new
# generation, staging empty, `list` and `doctor` as before; after freeing space the install succeeds.
# test-user: root (it mounts the tmpfs; userpkg itself runs as uid 4711)
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root (CI runs this test as root)"
command -v setpriv >/dev/null 2>&1 || skip "setpriv (util-linux) is needed to run userpkg as an ordinary uid"
UID_=4711
MNT=$TEST_TMP/fs
mkdir -p "$MNT"
mount -t tmpfs -o size=20m,mode=0755 tmpfs "$MNT" 2>/dev/null || skip "cannot mount a tmpfs here (no CAP_SYS_ADMIN)"
trap 'st=$?; umount -l "$MNT" 2>/dev/null; (exit $st); _cleanup_tmp' EXIT
chmod 755 "$TEST_TMP"
chown "$UID_:$UID_" "$MNT"
P=$MNT/prefix
UH=$TEST_TMP/uhome
mkdir -p "$UH" "$TEST_TMP/ulog"
chown "$UID_:$UID_" "$UH" "$TEST_TMP/ulog"
as_user() { setpriv --reuid=$UID_ --regid=$UID_ --clear-groups env HOME="$UH" USERPKG_PREFIX="$P" "$@"; }
# Build logs live off the tmpfs, so what fills it is only what the step under test writes.
as_user mkdir -p "$P/var"
as_user ln -s "$TEST_TMP/ulog" "$P/var/log"

W=$TEST_TMP/dwork
# disk_project NAME [MAKE_INSTALL_EXTRA]: a project whose install puts share/NAME.txt and
# share/fill.sh (the [test] command of the fill scenarios) in place.
disk_project() {
  local name=$1 extra=${2:-}
  mkdir -p "$W/$name-1.0" "$MIRROR_ROOT/$name"
  write_configure_stub "$W/$name-1.0"
  cat >"$W/$name-1.0/Makefile" <<MK
include config.mk
all:
	@echo nothing to build
install:
	mkdir -p \$(DESTDIR)\$(PREFIX)/share
	echo $name >\$(DESTDIR)\$(PREFIX)/share/$name.txt
	cp fill.sh \$(DESTDIR)\$(PREFIX)/share/fill.sh
$extra
MK
}
# fill_script NAME PAGES: fill.sh, run as the [test] step, fills the file system of the installed
# package but PAGES pages (4 KiB) while $TEST_TMP/fill-NAME exists.
fill_script() {
  cat >"$W/$1-1.0/fill.sh" <<SH
#!/bin/sh
[ -e "$TEST_TMP/fill-$1" ] || exit 0
here=\$(dirname "\$0")
# The staged sources are done with (the package is in place): freed now, not when the install
# removes its staging after the record, so what stays free is exactly PAGES until the generation.
rm -rf "\$here"/../../../../var/staging/$1-1.0-*/src/*
avail=\$(df -B4096 --output=avail "\$here" | tail -1)
dd if=/dev/zero of="\$here/fill" bs=4096 count=\$((avail - $2)) 2>/dev/null
SH
  chmod +x "$W/$1-1.0/fill.sh"
}
pack() {  # pack NAME [RECIPE_EXTRA]
  make_tarball "$W" "$1-1.0" "$MIRROR_ROOT/$1/$1-1.0.tar.gz"
  write_recipe "$REPO" "$1" 1.0 "$(sha256_of "$MIRROR_ROOT/$1/$1-1.0.tar.gz")" "${2:-}"
}

disk_project bigx; fill_script bigx 0
head -c $((8 * 1024 * 1024)) /dev/zero >"$W/bigx-1.0/blob"   # 8 MB unpacked, a few KB packed
pack bigx
disk_project fatb '	dd if=/dev/zero of=$(DESTDIR)$(PREFIX)/share/big bs=1048576 count=6'
fill_script fatb 0; pack fatb
disk_project rec
disk_project gen
fill_script rec 0   # no page left for the install record
fill_script gen 1   # one page: the record fits, the generation does not
pack rec '[test]
commands = ["{prefix}/share/fill.sh"]'
pack gen '[test]
commands = ["{prefix}/share/fill.sh"]'

assert_exit 0 as_user "$U" install greet
doctor_status() { local s=0; as_user "$U" doctor >"$TEST_TMP/doctor" 2>&1 || s=$?; echo $s; }
doctor_before=$(doctor_status)

# ballast FREE_KB: root fills the tmpfs so that about FREE_KB stay free.
ballast() {
  rm -f "$MNT/ballast"
  local avail
  avail=$(df -B1024 --output=avail "$MNT" | tail -1)
  head -c $(((avail - $1) * 1024)) /dev/zero >"$MNT/ballast"
}

# full NAME WHAT [TEXT…]: installing NAME fails for want of space, and the prefix is as it was.
full() {
  local name=$1 what=$2
  shift 2
  local gens_before
  gens_before=$(ls "$P/profiles")
  assert_exit 1 as_user "$U" install "$name"
  assert_contains "$TEST_TMP/out" "no space left on the filesystem of $P:"
  assert_contains "$TEST_TMP/out" " free; \`userpkg gc\` would free "
  local t
  for t in "$@"; do assert_contains "$TEST_TMP/out" "$t"; done
  sed -n "s/^userpkg: error: /$what: /p" "$TEST_TMP/out" >&2
  assert_not_contains "$TEST_TMP/out" "internal error"
  assert_not_contains "$TEST_TMP/out" "Exec format error"
  [ ! -e "$P/pkgs/$name" ] || fail "$what: pkgs/$name is left: $(ls -la "$P/pkgs/$name")"
  [ "$(ls "$P/profiles")" = "$gens_before" ] || fail "$what: the generations changed: $(ls "$P/profiles")"
  [ -z "$(ls -A "$P/var/staging")" ] || fail "$what: staging is not empty: $(ls -A "$P/var/staging")"
  assert_exit 0 as_user "$U" list
  assert_not_contains "$TEST_TMP/out" "$name"
  [ "$(doctor_status)" = "$doctor_before" ] || { cat "$TEST_TMP/doctor" >&2; fail "$what: doctor's verdict changed"; }
  if grep -qiE "leftover|incomplete|staging" "$TEST_TMP/doctor"; then cat "$TEST_TMP/doctor" >&2; fail "$what: doctor finds leftovers"; fi
}

# 1. Extraction: 8 MB to unpack, 4 MB free.
ballast 4096
full bigx extraction "MB needed" "bigx-1.0.tar.gz"
rm -f "$MNT/ballast"
assert_exit 0 as_user "$U" install bigx

# 2. The build: make install writes 6 MB, 3 MB free.
ballast 3072
full fatb build "install of fatb"
rm -f "$MNT/ballast"
assert_exit 0 as_user "$U" install fatb

# 3. The commit: the [test] step leaves no page for the install record.
touch "$TEST_TMP/fill-rec"
full rec commit "install.json"
rm "$TEST_TMP/fill-rec"
assert_exit 0 as_user "$U" install rec

# 4. The generation: one page left, taken by the record; env.sh or the manifest finds none.
touch "$TEST_TMP/fill-gen"
full gen generation "/profiles/"
rm "$TEST_TMP/fill-gen"
assert_exit 0 as_user "$U" install gen
assert_exit 0 as_user "$U" list
for n in greet bigx fatb rec gen; do assert_contains "$TEST_TMP/out" "$n"; done

# 5. An rc file on a full file system: `shell init` is the same one error, the file is as it was and
# no backup copy is left to take more room; with room again it works.
as_user mkdir -p "$MNT/rchome"
as_user sh -c "printf 'alias ll=\"ls -l\"\n' >'$MNT/rchome/.bashrc'"
cp "$MNT/rchome/.bashrc" "$TEST_TMP/bashrc.before"
backups_before=$(ls -A "$P/var/backups" 2>/dev/null | wc -l)
ballast 0
head -c 1048576 /dev/zero >>"$MNT/ballast" 2>/dev/null
assert_exit 1 as_user "$U" shell init --shell bash --rc "$MNT/rchome/.bashrc"
assert_contains "$TEST_TMP/out" "no space left on the filesystem of $MNT"
assert_contains "$TEST_TMP/out" "free; \`userpkg gc\` would free "
assert_not_contains "$TEST_TMP/out" "internal error"
cmp -s "$MNT/rchome/.bashrc" "$TEST_TMP/bashrc.before" || fail "shell init on a full disk changed the rc file"
[ "$(ls -A "$P/var/backups" 2>/dev/null | wc -l)" = "$backups_before" ] || fail "shell init on a full disk left a backup"
rm -f "$MNT/ballast"
assert_exit 0 as_user "$U" shell init --shell bash --rc "$MNT/rchome/.bashrc"
assert_contains "$MNT/rchome/.bashrc" "userpkg"
echo ok
