#!/usr/bin/env bash
# `userpkg install miniconda`: a Miniconda-style installer fixture (made here, behaving like the real
# one: -b -p DIR, refuses an existing DIR without -u, bakes its prefix into files, writes
# ~/.conda/environments.txt even in batch mode and ~/.bashrc when not in batch mode) is served by
# nginx with a recipe pinning its sha256. Checks: it installs on the final path with a scratch HOME
# and a clean environment (the user's HOME and rc files stay byte-for-byte the same), only condabin
# reaches PATH (python3 is not conda's), env.sh / env.fish / `userpkg env` / the Lmod module offer `conda activate`
# through conda.sh (a deleted conda stays silent), the py310_… version syntax, a wrong sha256 and an installer
# that fails halfway leave nothing in pkgs/ and the generation unchanged.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

conda_dir="$MIRROR_ROOT/miniconda"
mkdir -p "$conda_dir"

# make_installer FILE CONDA_VERSION FAIL: writes a Miniconda-style installer; FAIL=1 makes it die
# after it has written part of the prefix (a disk filling up, a killed payload extraction).
make_installer() {
  local file=$1 conda_version=$2 fail=$3
  cat >"$file" <<'SH'
#!/bin/bash
# Miniconda3 installer fixture (test_miniconda.sh)
CONDA_VERSION=@CONDA_VERSION@
FAIL_HALFWAY=@FAIL@
BATCH=0
FORCE=0
PREFIX="$HOME/miniconda3"
while getopts "bfhp:su" opt; do
  case $opt in
    b) BATCH=1 ;;
    f | u) FORCE=1 ;;
    p) PREFIX=$OPTARG ;;
    *) ;;
  esac
done
if [ "$BATCH" = 0 ]; then
  printf 'Do you accept the license terms? [yes|no]\n>>> '
  read -r answer
fi
if [ -e "$PREFIX" ] && [ "$FORCE" = 0 ]; then
  echo "ERROR: File or directory already exists: '$PREFIX'" >&2
  echo "If you want to update an existing installation, use the -u option." >&2
  exit 1
fi
mkdir -p "$PREFIX" || exit 1
PREFIX=$(cd "$PREFIX" && pwd)
echo "PREFIX=$PREFIX"
echo "Unpacking payload ..."
mkdir -p "$PREFIX/bin" "$PREFIX/condabin" "$PREFIX/etc/profile.d" "$PREFIX/pkgs" "$PREFIX/lib"
env >"$PREFIX/etc/installer-env.txt"
readlink /proc/self/fd/0 >"$PREFIX/etc/installer-stdin.txt"
echo "payload" >"$PREFIX/pkgs/first-half.txt"
if [ "$FAIL_HALFWAY" = 1 ]; then
  echo "ERROR: could not extract the payload: No space left on device" >&2
  exit 3
fi
# conda: its prefix is baked in, as conda's entry points have it in their shebang.
cat >"$PREFIX/bin/conda" <<CONDA
#!/bin/sh
# conda fixture installed in $PREFIX
case "\$1" in
  --version) echo "conda $CONDA_VERSION" ;;
  info) echo "$PREFIX" ;;
  *) echo "conda fixture: \$*" ;;
esac
CONDA
cp "$PREFIX/bin/conda" "$PREFIX/condabin/conda"
printf '#!/bin/sh\necho "conda base python in %s"\n' "$PREFIX" >"$PREFIX/bin/python3"
cp "$PREFIX/bin/python3" "$PREFIX/bin/python"
chmod +x "$PREFIX/bin/conda" "$PREFIX/condabin/conda" "$PREFIX/bin/python3" "$PREFIX/bin/python"
# Like conda's: a `conda` shell function (so `conda activate` can change the shell), no base activated.
cat >"$PREFIX/etc/profile.d/conda.sh" <<PROFILE
export CONDA_EXE='$PREFIX/bin/conda'
conda() { "\$CONDA_EXE" "\$@"; }
PROFILE
mkdir -p "$PREFIX/etc/fish/conf.d"
cat >"$PREFIX/etc/fish/conf.d/conda.fish" <<PROFILE
set -gx CONDA_EXE '$PREFIX/bin/conda'
function conda; \$CONDA_EXE \$argv; end
PROFILE
# Like the real installer: it records the new environment under HOME even in batch mode.
mkdir -p "$HOME/.conda"
echo "$PREFIX" >>"$HOME/.conda/environments.txt"
if [ "$BATCH" = 0 ]; then
  printf '# >>> conda initialize >>>\n. "%s/etc/profile.d/conda.sh"\n# <<< conda initialize <<<\n' "$PREFIX" >>"$HOME/.bashrc"
fi
echo "installation finished."
SH
  sed -i -e "s/@CONDA_VERSION@/$conda_version/" -e "s/@FAIL@/$fail/" "$file"
}

good=Miniconda3-py310_23.5.2-0-Linux-x86_64.sh
broken=Miniconda3-py311_23.11.0-2-Linux-x86_64.sh
make_installer "$conda_dir/$good" 23.5.2 0
make_installer "$conda_dir/$broken" 23.11.0 1

# The fixture is faithful where it matters: it refuses an existing directory without -u, and
# without -b it edits ~/.bashrc.
fake_home="$TEST_TMP/fake-home"
mkdir -p "$fake_home/existing"
out=$(HOME="$fake_home" bash "$conda_dir/$good" -b -p "$fake_home/existing" 2>&1) && fail "fixture accepted an existing dir"
echo "$out" | grep -q "already exists" || fail "fixture: unexpected refusal '$out'"
echo yes | HOME="$fake_home" bash "$conda_dir/$good" -p "$fake_home/mc" >/dev/null || fail "fixture: interactive run failed"
grep -q "conda initialize" "$fake_home/.bashrc" || fail "fixture: no ~/.bashrc edit without -b"

write_miniconda_recipe() {
  cat >"$REPO/recipes/miniconda.toml" <<TOML
name = "miniconda"
summary = "Miniconda fixture"
homepage = "https://example.invalid/miniconda"

[source]
url = "https://repo.anaconda.com/miniconda/Miniconda3-{version}-Linux-x86_64.sh"

[versions]
"py311_23.11.0-2" = { sha256 = "$2" }
"py310_23.5.2-0" = { sha256 = "$1" }

[build]
system = "installer"

[env]
PATH = ["{prefix}/condabin"]
MANPATH = []
PKG_CONFIG_PATH = []

[env.source]
sh = "{prefix}/etc/profile.d/conda.sh"
fish = "{prefix}/etc/fish/conf.d/conda.fish"
TOML
}
good_sha=$(sha256_of "$conda_dir/$good")
broken_sha=$(sha256_of "$conda_dir/$broken")

# The user's HOME with rc files, and environment variables that must not reach the installer.
printf 'echo user bashrc\n' >"$HOME/.bashrc"
printf 'echo user profile\n' >"$HOME/.profile"
home_snapshot() { (cd "$HOME" && find . -printf '%p %s %T@\n' | sort && find . -type f -exec sha256sum {} + | sort); }
home_before=$(home_snapshot)
leaky_userpkg() {
  env CONDA_PREFIX=/nonexistent/conda CONDA_PKGS_DIRS=/nonexistent/pkgs PYTHONPATH=/nonexistent/py \
    PYTHONHOME=/nonexistent "$U" "$@"
}

# 1. A wrong sha256: refused before anything runs; nothing in pkgs/.
write_miniconda_recipe "$(printf '0%.0s' $(seq 64))" "$broken_sha"
assert_exit 1 "$U" install miniconda@py310_23.5.2-0
assert_contains "$TEST_TMP/out" "$good_sha"
[ -z "$(ls -A "$USERPKG_PREFIX/pkgs" 2>/dev/null)" ] || fail "a wrong sha256 left something in pkgs/"

# 2. Install with the issue's syntax (a bare flavor picks the newest of it).
write_miniconda_recipe "$good_sha" "$broken_sha"
assert_exit 0 "$U" --dry-run install miniconda@py310
assert_contains "$TEST_TMP/out" "miniconda py310_23.5.2-0"
assert_exit 0 leaky_userpkg install miniconda@py310_23.5.2-0
pkg="$USERPKG_PREFIX/pkgs/miniconda/py310_23.5.2-0"
assert_contains "$TEST_TMP/out" "Installed miniconda py310_23.5.2-0"
assert_contains "$TEST_TMP/out" "source $pkg/etc/profile.d/conda.sh"
assert_contains "$TEST_TMP/out" "conda 23.5.2"
[ -f "$pkg/.userpkg/install.json" ] || fail "no install record"
python3 - "$pkg/.userpkg/install.json" <<'PY' || fail "install record details are wrong"
import json, sys
d = json.load(open(sys.argv[1]))["details"]
assert d["conda"] == "23.5.2", d
assert d["installer"] == "Miniconda3-py310_23.5.2-0-Linux-x86_64.sh", d
PY
# It ran on the final path (conda bakes the prefix in), in batch mode, stdin from /dev/null.
grep -qF "conda fixture installed in $pkg" "$pkg/condabin/conda" || fail "the prefix baked into conda is not the final one"
[ "$("$pkg/condabin/conda" info)" = "$pkg" ] || fail "conda reports another base"
[ "$(cat "$pkg/etc/installer-stdin.txt")" = /dev/null ] || fail "the installer's stdin was not /dev/null"
# A clean environment: scratch HOME, no CONDA_* / PYTHON* of the user's shell.
grep -E '^(CONDA_|PYTHON)' "$pkg/etc/installer-env.txt" && fail "CONDA_*/PYTHON* leaked into the installer"
installer_home=$(sed -n 's/^HOME=//p' "$pkg/etc/installer-env.txt")
[ -n "$installer_home" ] && [ "$installer_home" != "$HOME" ] || fail "the installer ran with the user's HOME"
[ ! -e "$installer_home" ] || fail "the installer's scratch HOME was not removed: $installer_home"
[ "$(home_snapshot)" = "$home_before" ] || { diff <(echo "$home_before") <(home_snapshot); fail "the install changed the user's HOME"; }
[ -f "$USERPKG_PREFIX/var/log/miniconda-py310_23.5.2-0.log" ] || fail "no installer log"
assert_contains "$USERPKG_PREFIX/var/log/miniconda-py310_23.5.2-0.log" "installation finished."

# Only condabin is on PATH through the profile: conda is found, python3 is not conda's.
[ -e "$USERPKG_PREFIX/bin/conda" ] || fail "conda is not in the profile"
[ ! -e "$USERPKG_PREFIX/bin/python3" ] && [ ! -e "$USERPKG_PREFIX/bin/python" ] || fail "conda's python is in the profile"
out=$(env -i HOME="$HOME" PATH=/usr/bin:/bin sh -c '. "$1/etc/userpkg/env.sh"; unset -f conda; command -v conda; command -v python3 || echo "no python3"' sh "$USERPKG_PREFIX") ||
  fail "sourcing env.sh failed"
conda_found=$(echo "$out" | sed -n 1p)
[ "$(readlink -f "$conda_found")" = "$pkg/condabin/conda" ] || fail "command -v conda found '$conda_found', not condabin's"
python_found=$(echo "$out" | sed -n 2p)
case $(readlink -f "$python_found" 2>/dev/null || echo "$python_found") in
  "$pkg"/*) fail "python3 resolves to conda's: $python_found" ;;
esac
# conda activate the usual way, from the profile script the install printed.
out=$(env -i HOME="$HOME" PATH=/usr/bin:/bin bash -c '. "$1/etc/profile.d/conda.sh" && conda --version' bash "$pkg") ||
  fail "conda.sh does not work"
[ "$out" = "conda 23.5.2" ] || fail "conda via conda.sh says '$out'"

# The shells below get their own HOME: Lmod and fish may write caches there.
shell_home="$TEST_TMP/shell-home"
mkdir -p "$shell_home"
# conda activate from the generation's env.sh / env.fish and `userpkg env`: conda is conda.sh's
# shell function, `conda activate` runs the package's conda, python3 is still not conda's.
conda_report='type conda | head -n 1; conda activate base; command -v python3 || echo "no python3"'
out=$(env -i HOME="$shell_home" PATH=/usr/bin:/bin bash -c '. "$1/etc/userpkg/env.sh"; . "$1/etc/userpkg/env.sh"; '"$conda_report" \
  bash "$USERPKG_PREFIX" 2>"$TEST_TMP/err") || fail "bash: sourcing env.sh and conda activate failed: $out"
[ ! -s "$TEST_TMP/err" ] || fail "bash: stderr after sourcing env.sh: $(cat "$TEST_TMP/err")"
[ "$(echo "$out" | sed -n 1p)" = "conda is a function" ] || fail "bash: conda is not conda.sh's function: $out"
[ "$(echo "$out" | sed -n 2p)" = "conda fixture: activate base" ] || fail "bash: conda activate did not run conda: $out"
case $(echo "$out" | sed -n 3p) in "$pkg"/*) fail "bash: python3 is conda's after env.sh: $out" ;; esac
out=$(env -i HOME="$shell_home" USERPKG_PREFIX="$USERPKG_PREFIX" PATH=/usr/bin:/bin bash -c 'eval "$("$1" env --shell bash)"; '"$conda_report" bash "$U" 2>&1) ||
  fail "userpkg env: $out"
[ "$(echo "$out" | sed -n 1,2p)" = "conda is a function
conda fixture: activate base" ] || fail "userpkg env does not offer conda activate: $out"
if command -v fish >/dev/null; then
  out=$(env -i HOME="$shell_home" PATH=/usr/bin:/bin fish --no-config -c 'source $argv[1]/etc/userpkg/env.fish; type -t conda; conda activate base' \
    "$USERPKG_PREFIX" 2>&1) || fail "fish: sourcing env.fish failed: $out"
  [ "$out" = "function
conda fixture: activate base" ] || fail "fish: conda activate is not offered: $out"
fi
# Lmod: the modulefile sources conda.sh (source_sh), so conda is a function after `module load`.
LMOD_INIT=/usr/share/lmod/lmod/init/bash
if [ -r "$LMOD_INIT" ]; then
  assert_exit 0 "$U" module refresh
  assert_contains "$USERPKG_PREFIX/modules/miniconda/py310_23.5.2-0.lua" "source_sh(\"bash\", \"$pkg/etc/profile.d/conda.sh\")"
  out=$(env -i HOME="$shell_home" PATH=/usr/bin:/bin bash --norc --noprofile -c "source '$LMOD_INIT' && module use '$USERPKG_PREFIX/modules' &&
    module load miniconda && type conda | head -n 1 && conda activate base && module unload miniconda && (type conda >/dev/null 2>&1 && echo kept || echo gone)" 2>&1) ||
    fail "lmod: loading miniconda failed: $out"
  [ "$out" = "conda is a function
conda fixture: activate base
gone" ] || fail "lmod: conda activate is not offered by the module, or unload keeps it: $out"
fi

# A deleted conda directory must not break a shell: nothing on stderr, status 0.
mv "$pkg" "$TEST_TMP/moved-conda"
err=$(env -i HOME="$shell_home" PATH=/usr/bin:/bin bash -c '. "$1/etc/userpkg/env.sh"' bash "$USERPKG_PREFIX" 2>&1 >/dev/null) ||
  fail "sourcing env.sh failed with conda deleted"
[ -z "$err" ] || fail "stderr with conda deleted: $err"
if command -v fish >/dev/null; then
  err=$(env -i HOME="$shell_home" PATH=/usr/bin:/bin fish --no-config -c 'source $argv[1]/etc/userpkg/env.fish' "$USERPKG_PREFIX" 2>&1 >/dev/null) ||
    fail "sourcing env.fish failed with conda deleted"
  [ -z "$err" ] || fail "fish: stderr with conda deleted: $err"
fi
mv "$TEST_TMP/moved-conda" "$pkg"

# 3. An installer that fails halfway: the error shows the log's tail, nothing stays in pkgs/,
# the generation is unchanged.
gen=$(readlink "$USERPKG_PREFIX/profiles/current")
pkgs_before=$(cd "$USERPKG_PREFIX/pkgs" && find . | sort)
assert_exit 1 "$U" install miniconda@py311
assert_contains "$TEST_TMP/out" "No space left on device"
assert_contains "$TEST_TMP/out" "var/log/miniconda-py311_23.11.0-2.log"
[ ! -e "$USERPKG_PREFIX/pkgs/miniconda/py311_23.11.0-2" ] || fail "a failed installer left its directory"
[ "$(cd "$USERPKG_PREFIX/pkgs" && find . | sort)" = "$pkgs_before" ] || fail "a failed installer changed pkgs/"
[ "$(readlink "$USERPKG_PREFIX/profiles/current")" = "$gen" ] || fail "a failed installer changed the generation"
[ -z "$(ls -A "$USERPKG_PREFIX/var/staging" 2>/dev/null)" ] || fail "a failed installer left staging behind"
[ "$(home_snapshot)" = "$home_before" ] || fail "the failed install changed the user's HOME"

# A fresh prefix: the failed installer leaves pkgs/ empty (no pkgs/miniconda/ either).
(
  export USERPKG_PREFIX="$TEST_TMP/prefix2"
  assert_exit 1 "$U" install miniconda@py311_23.11.0-2
) || fail "the failing installer did not fail in a fresh prefix"
[ -z "$(ls -A "$TEST_TMP/prefix2/pkgs" 2>/dev/null)" ] || fail "a failed installer left something in a fresh pkgs/"

# 4. An installer that finds the real HOME anyway (in its parent's environment) and edits ~/.bashrc
# and ~/.condarc: the scratch HOME cannot stop it, but the install warns naming each file.
sneaky=Miniconda3-py312_24.1.2-0-Linux-x86_64.sh
make_installer "$conda_dir/$sneaky" 24.1.2 0
sed -i 's/^echo "installation finished."$//' "$conda_dir/$sneaky"
cat >>"$conda_dir/$sneaky" <<'SH'
pid=$PPID real_home=
while [ "${pid:-1}" -gt 1 ]; do
  h=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^HOME=//p')
  if [ -n "$h" ] && [ "$h" != "$HOME" ]; then real_home=$h; break; fi
  pid=$(cut -d' ' -f4 "/proc/$pid/stat")
done
[ -n "$real_home" ] && printf '# >>> conda initialize >>>\n' >>"$real_home/.bashrc" && printf 'channels: [x]\n' >"$real_home/.condarc"
echo "installation finished."
SH
cat >"$REPO/recipes/miniconda.toml" <<TOML
name = "miniconda"
summary = "Miniconda fixture"
homepage = "https://example.invalid/miniconda"

[source]
url = "https://repo.anaconda.com/miniconda/Miniconda3-{version}-Linux-x86_64.sh"

[versions]
"py312_24.1.2-0" = { sha256 = "$(sha256_of "$conda_dir/$sneaky")" }

[build]
system = "installer"
TOML
(
  export USERPKG_PREFIX="$TEST_TMP/prefix3"
  assert_exit 0 "$U" install miniconda@py312_24.1.2-0
) || fail "the installer that edits the real HOME did not install"
grep -q "conda initialize" "$HOME/.bashrc" || fail "the fixture did not find the real HOME"
assert_contains "$TEST_TMP/out" "the installer $sneaky changed $HOME/.bashrc while it ran"
assert_contains "$TEST_TMP/out" "created $HOME/.condarc"
assert_contains "$TEST_TMP/prefix3/var/log/miniconda-py312_24.1.2-0.log" "changed $HOME/.bashrc"
echo "ok"
