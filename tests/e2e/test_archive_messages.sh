#!/usr/bin/env bash
# Archive entries that are refused or extracted, and what userpkg says about them (issue 12):
# a 300-character name is "too long" with the limit (not "unsafe"); a GNU hard link that carries
# data names the entry before the damage (not `entry ""`); zip entries with the UTF-8 flag and
# non-ASCII names extract under the C locale.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to write the archives"
setup_tmp
U=$USERPKG_BIN
A=$TEST_TMP/a
mkdir -p "$A"
python3 - "$A" <<'PY' || fail "cannot write the archives"
import io, sys, tarfile, zipfile
a = sys.argv[1]
def add(tar, name, data=b"x\n", kind=tarfile.REGTYPE, link=""):
    i = tarfile.TarInfo(name); i.type = kind; i.linkname = link; i.size = len(data); i.mode = 0o644
    tar.addfile(i, io.BytesIO(data))
with tarfile.open(a + "/long.tar.gz", "w:gz", format=tarfile.GNU_FORMAT) as t:
    add(t, "top/ok")
    add(t, "top/" + "n" * 300)
with tarfile.open(a + "/hardlink.tar", "w", format=tarfile.GNU_FORMAT) as t:
    add(t, "top/a", b"hello\n")
    add(t, "top/b", b"data that a hard link cannot carry\n", tarfile.LNKTYPE, "top/a")
with zipfile.ZipFile(a + "/utf8.zip", "w") as z:
    z.writestr("top/caf\u00e9.txt", "x\n")
    z.writestr("top/\u65e5\u672c/\u00fc.txt", "y\n")
PY

mkdir "$TEST_TMP/d1" "$TEST_TMP/d2" "$TEST_TMP/d3"
LC_ALL=C assert_exit 1 "$U" debug-extract "$A/long.tar.gz" "$TEST_TMP/d1"
assert_contains "$TEST_TMP/out" "too long"
assert_contains "$TEST_TMP/out" "255"
assert_not_contains "$TEST_TMP/out" "unsafe"

LC_ALL=C assert_exit 1 "$U" debug-extract "$A/hardlink.tar" "$TEST_TMP/d2"
assert_contains "$TEST_TMP/out" '"top/b"'
assert_contains "$TEST_TMP/out" "damaged"
assert_not_contains "$TEST_TMP/out" 'entry ""'
assert_not_contains "$TEST_TMP/out" "destination directory itself"

LC_ALL=C assert_exit 0 "$U" debug-extract "$A/utf8.zip" "$TEST_TMP/d3"
[ "$(cat "$TEST_TMP/d3/top/caf$(printf '\303\251').txt")" = x ] || fail "café.txt not extracted: $(ls -R "$TEST_TMP/d3")"
[ -f "$TEST_TMP/d3/top/$(printf '\346\227\245\346\234\254')/$(printf '\303\274').txt" ] || fail "日本/ü.txt not extracted"
echo ok
