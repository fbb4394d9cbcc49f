#!/usr/bin/env bash
# module refresh: Lmod (Lua) and Tcl modulefiles under <prefix>/modules, checked with Debian's Lmod:
# `module load fakepy/3.9.2` puts that package's bin first on PATH, so `command -v python3` finds it.
# Installs keep the tree current once refresh has run; gc removes the files of removed packages and
# never touches a modulefile we did not write.
set -u
LMOD_INIT=/usr/share/lmod/lmod/init/bash
[ -r "$LMOD_INIT" ] || { echo "SKIP: Lmod is not installed (apt-get install lmod)" >&2; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
source "$here/script_packages.sh"
add_script_package fakepy python3 3.9.2 3.11.2
add_script_package other othertool 1.0
P=$USERPKG_PREFIX
out=$TEST_TMP/out

# lmod 'SCRIPT': a clean bash with Lmod initialised, the prefix's bin on PATH (as `shell init`
# would leave it), the temporary HOME (Lmod keeps its cache there).
lmod() {
  env -i HOME="$HOME" PATH="$P/bin:/usr/bin:/bin" bash --norc --noprofile -c "source '$LMOD_INIT' && $1" 2>&1
}

assert_exit 0 "$U" install fakepy@3.9.2
assert_exit 0 "$U" install fakepy@3.11.2 # the profile now holds 3.11.2; 3.9.2 stays installed
[ ! -e "$P/modules" ] || fail "modulefiles appeared before \`module refresh\` was asked for"

assert_exit 0 "$U" module refresh
assert_contains "$out" "2 modulefile(s) written"
assert_contains "$out" "module use $P/modules"
lua=$P/modules/fakepy/3.9.2.lua
[ -f "$lua" ] && [ -f "$P/modules/fakepy/3.11.2.lua" ] || fail "no modulefiles for both versions: $(ls -R "$P/modules")"
assert_contains "$lua" "prepend_path(\"PATH\", \"$P/pkgs/fakepy/3.9.2/bin\")"
assert_contains "$lua" "prepend_path(\"MANPATH\", \"$P/pkgs/fakepy/3.9.2/share/man\")"
assert_contains "$lua" "prepend_path(\"PKG_CONFIG_PATH\", \"$P/pkgs/fakepy/3.9.2/lib/pkgconfig\")"
assert_contains "$lua" 'conflict("fakepy")'
assert_contains "$lua" 'whatis("Version: 3.9.2")'
assert_not_contains "$lua" "LD_LIBRARY_PATH"
[ ! -e "$P/modules/fakepy/3.9.2" ] || fail "a Tcl modulefile without --tcl"
assert_exit 0 "$U" module refresh
assert_contains "$out" "0 modulefile(s) written, 2 unchanged"

# Lmod: the loaded version comes first on PATH, before the profile's own python3 (3.11.2).
got=$(lmod "module use '$P/modules' && module load fakepy/3.9.2 && command -v python3 && python3")
[ "$got" = "$P/pkgs/fakepy/3.9.2/bin/python3
fakepy 3.9.2" ] || fail "module load fakepy/3.9.2 did not put it first on PATH: $got"
got=$(lmod "module use '$P/modules' && module load fakepy/3.9.2 && module load fakepy/3.11.2 && python3 && module -t list")
[ "$(printf '%s\n' "$got" | grep -c '^fakepy/')" = 1 ] || fail "two versions of fakepy loaded together: $got"
printf '%s\n' "$got" | grep -qx 'fakepy 3.11.2' || fail "loading 3.11.2 after 3.9.2 did not switch: $got"
got=$(lmod "module use '$P/modules' && module load fakepy/3.9.2 && module unload fakepy && command -v python3")
[ "$got" = "$P/bin/python3" ] || fail "module unload did not restore PATH: $got"
lmod "module use '$P/modules' && module -t avail" | grep -qx 'fakepy/3.9.2' || fail "module avail does not list fakepy/3.9.2"

# Tcl: the same tree, #%Module1.0 files without extension; Lmod reads them (alone, as Environment
# Modules would: when both exist Lmod prefers the .lua one).
assert_exit 0 "$U" module refresh --tcl
tcl=$P/modules/fakepy/3.9.2
[ "$(head -n1 "$tcl")" = "#%Module1.0" ] || fail "the Tcl modulefile lacks its #%Module1.0 header"
assert_contains "$tcl" "prepend-path \"PATH\" \"$P/pkgs/fakepy/3.9.2/bin\""
mkdir -p "$TEST_TMP/tcl/fakepy"
cp "$tcl" "$TEST_TMP/tcl/fakepy/3.9.2"
got=$(lmod "module use '$TEST_TMP/tcl' && module load fakepy/3.9.2 && command -v python3")
[ "$got" = "$P/pkgs/fakepy/3.9.2/bin/python3" ] || fail "Lmod did not load the Tcl modulefile: $got"

# Installs keep the tree current (Tcl remembered); a modulefile of the site's stays untouched.
printf -- '-- the site admin wrote this\nprepend_path("PATH", "/site/bin")\n' >"$P/modules/fakepy/site.lua"
assert_exit 0 "$U" install other
[ -f "$P/modules/other/1.0.lua" ] && [ -f "$P/modules/other/1.0" ] || fail "install did not write other's modulefiles"
got=$(lmod "module use '$P/modules' && module load other/1.0 && othertool")
[ "$got" = "other 1.0" ] || fail "module load other/1.0: $got"

# Removed packages lose their modulefiles: uninstall keeps them (a generation still has them),
# gc removes package and modulefiles together.
assert_exit 0 "$U" uninstall fakepy
[ -f "$lua" ] || fail "uninstall removed a modulefile of a package still installed"
assert_exit 0 "$U" gc --keep 0
[ ! -e "$lua" ] && [ ! -e "$tcl" ] && [ ! -e "$P/modules/fakepy/3.11.2.lua" ] || fail "gc left fakepy's modulefiles"
[ -f "$P/modules/fakepy/site.lua" ] || fail "a modulefile we did not write was removed"
[ -f "$P/modules/other/1.0.lua" ] || fail "gc removed the modulefile of an installed package"

# --no-tcl turns Tcl off again and removes the Tcl files (ours only).
assert_exit 0 "$U" module refresh --no-tcl
[ ! -e "$P/modules/other/1.0" ] && [ -f "$P/modules/other/1.0.lua" ] || fail "--no-tcl did not remove the Tcl file"
echo "ok"
