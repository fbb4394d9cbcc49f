#!/usr/bin/env bash
# userpkg install pip: into pythons without pip made here (venv --without-pip), by ensurepip and by
# the wheel's own pip where ensurepip is missing; the wheel from nginx with its sha256 (a wrong one
# is refused and the python stays as it was); a pip too new for a 3.6 refused before any download;
# a pip the prefix records for another python; uninstall; the realworld mirror's wheel via --wheelhouse.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/fixtures.sh"
realworld_wheels=${USERPKG_REALWORLD_MIRROR:-${XDG_CACHE_HOME:-$HOME/.cache}/userpkg-realworld}/wheels
setup_tmp
U=$USERPKG_BIN
PYENV_ROOT=$(pyenv root 2>/dev/null) || skip "pyenv is not installed"
py311=$(ls -d "$PYENV_ROOT"/versions/3.11.*/bin/python3.11 2>/dev/null | tail -1)
py36=$(ls -d "$PYENV_ROOT"/versions/3.6.*/bin/python3.6 2>/dev/null | tail -1)
# Real pip wheels, as CPython bundles them for ensurepip: 23.2.1 (3.11) and 24.2 (3.13).
whl_old=$(ls "$PYENV_ROOT"/versions/3.11.*/lib/python3.11/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl 2>/dev/null | tail -1)
whl_new=$(ls "$PYENV_ROOT"/versions/3.13.*/lib/python3.13/ensurepip/_bundled/pip-24.2-py3-none-any.whl 2>/dev/null | tail -1)
[ -n "$py311" ] && [ -n "$py36" ] && [ -n "$whl_old" ] && [ -n "$whl_new" ] ||
  skip "needs pyenv's 3.6 and 3.11 (with pip 23.2.1 bundled) and 3.13 (pip 24.2 bundled)"

# pip_of PYTHON: the version `PYTHON -m pip` runs, or "none".
pip_of() { "$1" -c 'import pip; print(pip.__version__)' 2>/dev/null || echo none; }

# A recipe "pip" on USERPKG_RECIPE_PATH (it shadows the built-in one) whose wheels nginx serves.
MIRROR_ROOT="$TEST_TMP/mirror"
mkdir -p "$MIRROR_ROOT/pip"
cp "$whl_old" "$whl_new" "$MIRROR_ROOT/pip/"
pip_recipe() {  # DIR SHA_OF_23.2.1
  mkdir -p "$1/recipes"
  cat >"$1/recipes/pip.toml" <<TOML
name = "pip"
summary = "pip, a test recipe"
homepage = "https://pip.pypa.io"

[source]
url = "https://upstream.invalid/pip-{version}-py3-none-any.whl"

[versions]
"24.2" = { sha256 = "$(sha256_of "$whl_new")" }
"23.2.1" = { sha256 = "$2" }

[build]
system = "pip"

[env]
PATH = []
TOML
}
pip_recipe "$TEST_TMP/repo" "$(sha256_of "$whl_old")"
start_nginx "$MIRROR_ROOT"
export USERPKG_RECIPE_PATH="$TEST_TMP/repo" USERPKG_MIRRORS="$HTTP_URL" USERPKG_PREFIX="$TEST_TMP/prefix"

# 1. A pyenv python (it has ensurepip): ensurepip gives its bundled 23.2.1, then the wheel makes it
#    24.2, the newest the recipe has for 3.11.
"$py311" -m venv --without-pip "$TEST_TMP/a" || fail "cannot make a venv"
A="$TEST_TMP/a/bin/python3"
[ "$(pip_of "$A")" = none ] || fail "the venv has pip already"
assert_exit 0 "$U" install pip --python "$A"
assert_contains "$TEST_TMP/out" "build   pip 24.2"
assert_contains "$TEST_TMP/out" "ensurepip"
[ "$(pip_of "$A")" = 24.2 ] || fail "A runs pip $(pip_of "$A"), not 24.2"
"$A" -m pip --version | grep -q "^pip 24.2 " || fail "python -m pip --version is not 24.2"
rec="$USERPKG_PREFIX/pkgs/pip/24.2/.userpkg/install.json"
python3 - "$rec" "$A" <<'PY' || fail "the install record is wrong"
import json, sys
d = json.load(open(sys.argv[1]))["details"]
assert d["target_python"] == sys.argv[2], d
assert d["bootstrap"] == "ensurepip (its pip 23.2.1), then the wheel", d
assert d["scope"] == "environment" and d["wheel"] == "verified against its published sha256", d
assert d["python_version"].startswith("3.11."), d
PY
grep -q "Successfully installed pip-24.2" "$USERPKG_PREFIX/var/log/pip-24.2.log" || fail "pip's output is not in the log"
[ "$(nginx_requests "GET /pip/pip-24.2-py3-none-any.whl 200")" = 1 ] || fail "the wheel did not come from nginx"

# 2. No ensurepip (as in Debian's pythons; here a venv whose ensurepip is masked by a .pth file
#    when the system python has one): the wheel installs itself.
/usr/bin/python3 -m venv --without-pip "$TEST_TMP/b" || fail "cannot make a venv of /usr/bin/python3"
B="$TEST_TMP/b/bin/python3"
if "$B" -c 'import ensurepip' 2>/dev/null; then
  echo "import sys; sys.modules['ensurepip'] = None" >"$("$B" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/no_ensurepip.pth"
fi
"$B" -c 'import ensurepip' 2>/dev/null && fail "ensurepip is still there"
assert_exit 0 "$U" install pip@23.2.1 --python "$B"
assert_contains "$TEST_TMP/out" "wheel bootstrap (no ensurepip)"
[ "$(pip_of "$B")" = 23.2.1 ] || fail "B runs pip $(pip_of "$B"), not 23.2.1"

# 3. pip 24.2 is recorded (for A); B still needs it: installed, not "already installed".
assert_exit 0 "$U" install pip@24.2 --python "$B"
assert_contains "$TEST_TMP/out" "upgrade from the wheel"
assert_not_contains "$TEST_TMP/out" "already installed"
[ "$(pip_of "$B")" = 24.2 ] || fail "B was not upgraded to 24.2"
assert_exit 0 "$U" install pip@24.2 --python "$B"
assert_contains "$TEST_TMP/out" "already installed"

# 4. A wrong sha256: refused, the python keeps no pip.
pip_recipe "$TEST_TMP/badrepo" "$(printf '0%.0s' {1..64})"
"$py311" -m venv --without-pip "$TEST_TMP/c"
C="$TEST_TMP/c/bin/python3"
assert_exit 1 env USERPKG_RECIPE_PATH="$TEST_TMP/badrepo" USERPKG_PREFIX="$TEST_TMP/prefix2" "$U" install pip@23.2.1 --python "$C"
assert_contains "$TEST_TMP/out" "sha256"
[ "$(pip_of "$C")" = none ] || fail "a refused wheel changed C"
[ ! -e "$TEST_TMP/prefix2/pkgs/pip" ] || fail "a refused pip left a package directory"

# 5. pip@24 for a 3.6 (built-in recipe): refused before any download, naming 21.3.1 and the command.
before=$(nginx_requests "GET ")
assert_exit 1 env -u USERPKG_RECIPE_PATH "$U" install pip@24 --python "$py36"
assert_contains "$TEST_TMP/out" "pip@24 does not run on Python 3.6"
assert_contains "$TEST_TMP/out" "userpkg install pip@21.3.1 --python $py36"
[ "$(nginx_requests "GET ")" = "$before" ] || fail "a refused pip was downloaded"
assert_exit 0 env -u USERPKG_RECIPE_PATH "$U" --dry-run install pip --python "$py36"
assert_contains "$TEST_TMP/out" "build   pip 21.3.1"

# 5b. A wheelhouse that is a symlink loop (or missing) is an error naming it, not silently skipped.
ln -s loop-b "$TEST_TMP/loop-a"
ln -s loop-a "$TEST_TMP/loop-b"
assert_exit 1 env -u USERPKG_RECIPE_PATH "$U" install pip --python "$py36" --wheelhouse "$TEST_TMP/loop-a"
assert_contains "$TEST_TMP/out" "cannot use the wheelhouse $TEST_TMP/loop-a"
assert_contains "$TEST_TMP/out" "symlink loop"
assert_exit 1 env -u USERPKG_RECIPE_PATH "$U" install pip --python "$py36" --wheelhouse "$TEST_TMP/no-such-wheels"
assert_contains "$TEST_TMP/out" "does not exist"

# 6. uninstall: the record leaves the profile, pip stays in the python, and userpkg says so.
assert_exit 0 "$U" uninstall pip
assert_contains "$TEST_TMP/out" "stays in $B"
[ "$(pip_of "$B")" = 24.2 ] || fail "uninstall broke B's pip"

# 7. The realworld mirror's pip wheel (Debian's rebuild of 23.0.1) through --wheelhouse, offline.
wheels=$realworld_wheels
if [ -f "$wheels/pip-23.0.1-py3-none-any.whl" ]; then
  "$py311" -m venv --without-pip "$TEST_TMP/d"
  D="$TEST_TMP/d/bin/python3"
  assert_exit 0 env -u USERPKG_RECIPE_PATH -u USERPKG_MIRRORS "$U" --offline install pip --python "$D" --wheelhouse "$wheels"
  assert_contains "$TEST_TMP/out" "the wheel comes from --wheelhouse $wheels/pip-23.0.1-py3-none-any.whl"
  [ "$(pip_of "$D")" = 23.0.1 ] || fail "D runs pip $(pip_of "$D"), not the wheelhouse's 23.0.1"
else
  echo "part 7 skipped: no realworld mirror wheels at $wheels"
fi
echo ok
