#!/usr/bin/env bash
# Hostile and broken source archives: an entry with "..", an absolute path, a write through a
# symlink that points outside, and a truncated gzip. Each install fails naming the entry (or the
# archive), writes nothing outside the staging directory, and leaves the prefix and staging as
# they were.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
command -v python3 >/dev/null || skip "python3 is needed to write hostile tarballs"
assert_exit 0 "$U" install greet
before=$(prefix_snapshot)

# Where the hostile entries aim: a directory outside everything userpkg owns.
OUTSIDE="$TEST_TMP/outside"
mkdir -p "$OUTSIDE"
WORK="$TEST_TMP/work"

# hostile_tarball NAME MODE: $MIRROR_ROOT/NAME/NAME-1.0.tar.gz, a normal project plus MODE's entries,
# and its recipe.
hostile_tarball() {
  local name=$1 mode=$2 out="$MIRROR_ROOT/$1/$1-1.0.tar.gz"
  mkdir -p "$MIRROR_ROOT/$name"
  make_project "$WORK" "$name" 1.0 lib
  python3 - "$WORK" "$name-1.0" "$out" "$mode" "$OUTSIDE" <<'PY' || fail "cannot write the $mode tarball"
import io, os, sys, tarfile
work, top, out, mode, outside = sys.argv[1:]

def data(tar, name, text=b"pwned\n"):
    info = tarfile.TarInfo(name)
    info.size = len(text)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(text))

with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as tar:
    tar.add(os.path.join(work, top), arcname=top)
    if mode == "dotdot":
        # From <staging>/src: top/.. is src, then staging dir, staging, var, prefix, TEST_TMP.
        data(tar, top + "/.." * 6 + "/outside/x")
    elif mode == "absolute":
        data(tar, outside + "/x")
    elif mode == "symlink":
        link = tarfile.TarInfo(top + "/evil")
        link.type = tarfile.SYMTYPE
        link.linkname = outside
        tar.addfile(link)
        data(tar, top + "/evil/file")
PY
  write_recipe "$REPO" "$name" 1.0 "$(sha256_of "$out")"
}

# check_refused NAME TEXT...: install NAME fails with every TEXT in its output, and nothing changed.
check_refused() {
  local name=$1
  shift
  assert_exit 1 "$U" install "$name"
  local text
  for text in "$@"; do assert_contains "$TEST_TMP/out" "$text"; done
  assert_not_contains "$TEST_TMP/out" "internal error"
  [ -z "$(ls -A "$OUTSIDE")" ] || { ls -laR "$OUTSIDE" >&2; fail "$name: something was written outside: $(ls -A "$OUTSIDE")"; }
  [ -z "$(ls -A "$USERPKG_PREFIX/var/staging" 2>/dev/null)" ] ||
    fail "$name: var/staging has leftovers: $(ls -A "$USERPKG_PREFIX/var/staging")"
  [ ! -e "$USERPKG_PREFIX/pkgs/$name" ] || fail "$name: pkgs/$name exists after a refused extraction"
  [ "$(prefix_snapshot)" = "$before" ] || { diff <(echo "$before") <(prefix_snapshot) >&2; fail "$name changed the prefix"; }
}

# (a) "..": the entry is named, with the reason.
hostile_tarball dotdot dotdot
check_refused dotdot 'dotdot-1.0/../../../../../../outside/x' '".."' "dotdot-1.0.tar.gz"

# (b) An absolute path.
hostile_tarball absolute absolute
check_refused absolute "$OUTSIDE/x" "absolute path" "absolute-1.0.tar.gz"

# (c) A symlink to a directory outside, then a file written through it. The symlink itself may be
# made inside staging (it is harmless there and removed with it); the file must not be.
hostile_tarball symlinked symlink
check_refused symlinked 'symlinked-1.0/evil/file' 'symlink' "symlinked-1.0.tar.gz"

# (d) A truncated gzip: the archive is named and called damaged; the sha256 in the recipe matches
# the truncated file, so only extraction can notice.
mkdir -p "$MIRROR_ROOT/truncated"
make_project "$WORK" truncated 1.0 lib
head -c 3000000 /dev/urandom >"$WORK/truncated-1.0/blob"  # big enough that the cut lands inside the data
make_tarball "$WORK" truncated-1.0 "$WORK/whole.tar.gz"
head -c $(($(stat -c %s "$WORK/whole.tar.gz") / 2)) "$WORK/whole.tar.gz" >"$MIRROR_ROOT/truncated/truncated-1.0.tar.gz"
write_recipe "$REPO" truncated 1.0 "$(sha256_of "$MIRROR_ROOT/truncated/truncated-1.0.tar.gz")"
check_refused truncated "cannot extract" "truncated-1.0.tar.gz" "damaged"

# The prefix still works after all that.
assert_exit 0 "$U" install hello
assert_exit 0 "$U" list
assert_contains "$TEST_TMP/out" "hello"
echo "ok"
