#!/usr/bin/env bash
# The release file as a cluster user meets it: `make dist`'s dist/userpkg-<version>-x86_64-linux.tar.gz
# and its .sha256, and the two commands of README's "On a cluster or an old system" section, run
# word for word by an unprivileged uid (no passwd entry, env -i) in a fresh HOME: verify, unpack and
# install the binary into ~/.local/bin, then `userpkg install python@3.11 && userpkg shell init`
# (offline from a copy of the realworld mirror, named in the user's config.toml). The tarball holds
# the static binary (the same bytes as build-static/userpkg), the README and the licences of what is
# linked into it; a login shell then finds python3 from the prefix.
set -u
source "$(dirname "$0")/lib.sh"
SRC=${USERPKG_SOURCE_DIR:-$here_static/../..}
MIRROR=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}
need_root "the release-file test"
version=$("$STATIC_BIN" --version | awk '{print $2}')
name=userpkg-$version-x86_64-linux
tarball=$SRC/dist/$name.tar.gz
[ -f "$tarball" ] && [ -f "$tarball.sha256" ] || skip "no $tarball and .sha256: run make dist first"
[ -f "$MIRROR/index.tsv" ] || skip "no realworld mirror at $MIRROR (set USERPKG_REALWORLD_MIRROR)"
static_setup

# The README's two commands, as written there (the indented lines of its cluster section).
readme=$SRC/README.md
step1=$(grep -m1 -E "^    sha256sum -c $name\.tar\.gz\.sha256 && " "$readme") ||
  fail "README does not tell how to verify and unpack $name.tar.gz (its cluster section names another version?)"
step2=$(grep -m1 -E '^    ~/\.local/bin/userpkg install python@' "$readme") || fail "README has no install command for the cluster"

# What the tarball holds.
tar -tzf "$tarball" | sort >"$TEST_TMP/listing"
for f in "$name/userpkg" "$name/README.md" "$name/licenses/openssl/LICENSE.txt" "$name/licenses/curl/COPYING" \
  "$name/licenses/libarchive/COPYING" "$name/licenses/c-ares/LICENSE.md" "$name/licenses/debian-libc6/copyright"; do
  grep -qxF "$f" "$TEST_TMP/listing" || { cat "$TEST_TMP/listing" >&2; fail "$name.tar.gz has no $f"; }
done
tar -xzOf "$tarball" "$name/userpkg" | cmp - "$STATIC_BIN" ||
  fail "the userpkg in $name.tar.gz is not build-static/userpkg (run make dist again)"

H=$TEST_TMP/home
M=$TEST_TMP/mirror
give_to_user "$H" "$H/download"
cp "$tarball" "$tarball.sha256" "$H/download/"
chown "$TEST_UID:$TEST_GID" "$H/download"/*
mkdir -p "$M"
for d in python libffi bzip2 readline ncurses openssl xz; do
  [ -d "$MIRROR/$d" ] && cp -r "$MIRROR/$d" "$M/"
done
chmod -R a+rX "$M"
# No network on this "compute node": the user's config names the lab's mirror.
give_to_user "$H/.config" "$H/.config/userpkg"
printf 'offline = true\nmirrors = ["%s"]\njobs = %s\n' "$M" "$(nproc)" >"$H/.config/userpkg/config.toml"
chown "$TEST_UID:$TEST_GID" "$H/.config/userpkg/config.toml"
printf '# my bashrc\n' >"$H/.bashrc"
chown "$TEST_UID:$TEST_GID" "$H/.bashrc"
me() { as_user HOME="$H" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 -- /bin/bash -c "cd '$H/download' && $1"; }

expect_ok readme_step1 me "$step1"
assert_contains "$TEST_TMP/readme_step1.out" "$name.tar.gz: OK"
[ -x "$H/.local/bin/userpkg" ] || fail "the README's first command left no ~/.local/bin/userpkg"
cmp "$H/.local/bin/userpkg" "$STATIC_BIN" || fail "~/.local/bin/userpkg is not the static binary"

# A damaged download is refused by the same command, and nothing is unpacked from it.
as_user HOME="$H" -- /bin/sh -c "mkdir '$H/bad' && cp '$H/download/$name.tar.gz.sha256' '$H/bad/' && head -c 1000 '$H/download/$name.tar.gz' >'$H/bad/$name.tar.gz'"
expect_fail readme_step1_damaged as_user HOME="$H" PATH=/usr/bin:/bin -- /bin/bash -c "cd '$H/bad' && $step1"
[ ! -e "$H/bad/$name" ] || fail "a damaged tarball was unpacked"

t=$(date +%s)
expect_ok readme_step2 me "$step2"
assert_contains "$TEST_TMP/readme_step2.out" "Installed python 3."
# A login shell of this user now finds the prefix's python3 first.
as_user HOME="$H" PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb -- /bin/bash -lic 'command -v python3; python3 -c "import ssl, sqlite3, zlib; print(\"py-ok\")"' \
  >"$TEST_TMP/login.out" 2>&1 || { show login; fail "a login shell cannot run python3"; }
grep -qx "$H/prefix/bin/python3" "$TEST_TMP/login.out" || { show login; fail "a login shell does not find the prefix's python3 first"; }
assert_contains "$TEST_TMP/login.out" "py-ok"
echo "ok: $name.tar.gz verified, unpacked and installed as in the README; python installed and on PATH in $(($(date +%s) - t)) s"
