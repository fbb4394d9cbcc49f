#!/usr/bin/env bash
# What userpkg's shell integration costs at run time, in one run, as medians of RUNS runs:
#  1. `python3 -c pass` started directly, through <prefix>/bin (a plain link), through a launcher
#     entry (what a package declaring LD_LIBRARY_PATH gets: a link to <prefix>/libexec/userpkg/launch
#     and a .launch/ sidecar), through the 3-line /bin/sh wrapper userpkg wrote before the launcher
#     (made here by hand, same text), and through pyenv's shim (targets: link +0 ms, launcher <= 2 ms
#     over direct). The same for /bin/true, whose own start is small, so the overhead stands out of
#     the noise.
#  2. Shell start-up: `bash -i` with an rc file holding userpkg's block vs an empty rc file
#     (target: <= 5 ms).
# The python is pyenv's 3.11 (PYENV_PYTHON to choose another); two fixture packages link to it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export USERPKG_BIN=${USERPKG_BIN:-$here/../build/userpkg}
RUNS=${RUNS:-41}
PYENV_ROOT=${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}
PYENV_PYTHON=${PYENV_PYTHON:-$(ls -d "$PYENV_ROOT"/versions/3.11.* | tail -1)}
PY=$PYENV_PYTHON/bin/python3
[ -x "$PY" ] || { echo "no pyenv python at $PY" >&2; exit 1; }
source "$here/../tests/e2e/world.sh"
source "$here/lib.sh"

# pylink: bin/python3 -> the pyenv python. pywrap: bin/python3w -> the same, in a package that
# declares LD_LIBRARY_PATH, so its profile entry is a launcher entry. truewrap: bin/truew -> /bin/true,
# a launcher entry too.
make_link_package() {
  local name=$1 program=$2 extra=$3 target=${4:-$PY} src="$TEST_TMP/work-bench/$1-1.0"
  mkdir -p "$src" "$MIRROR_ROOT/$name"
  printf '#!/bin/sh\nfor a in "$@"; do case $a in --prefix=*) echo "PREFIX = ${a#--prefix=}" >config.mk;; esac; done\n' \
    >"$src/configure"
  chmod +x "$src/configure"
  printf 'include config.mk\nall:\ninstall:\n\tmkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib\n\tln -s %s $(DESTDIR)$(PREFIX)/bin/%s\n' \
    "$target" "$program" >"$src/Makefile"
  make_tarball "$TEST_TMP/work-bench" "$name-1.0" "$MIRROR_ROOT/$name/$name-1.0.tar.gz"
  write_recipe "$REPO" "$name" 1.0 "$(sha256_of "$MIRROR_ROOT/$name/$name-1.0.tar.gz")" "$extra"
}
make_link_package pylink python3 ''
make_link_package pywrap python3w '[env]
LD_LIBRARY_PATH = ["{prefix}/lib"]'
make_link_package truewrap truew '[env]
LD_LIBRARY_PATH = ["{prefix}/lib"]' /bin/true
"$USERPKG_BIN" -q install pylink pywrap truewrap >/dev/null
P=$USERPKG_PREFIX
for w in python3w truew; do
  [ "$(readlink "$P/bin/$w")" = "$P/libexec/userpkg/launch" ] && [ -f "$P/bin/.launch/$w" ] ||
    { echo "$w is not a launcher entry" >&2; exit 1; }
done
[ -L "$P/bin/python3" ] && [ ! -e "$P/bin/.launch/python3" ] || { echo "python3 is not a link" >&2; exit 1; }
# The /bin/sh wrapper of earlier userpkg versions, for the same programs and library dir.
old_wrapper() {
  printf '#!/bin/sh\n# Written by userpkg: the library path this program'"'"'s package needs, for this program only.\n'
  printf 'LD_LIBRARY_PATH=%s${LD_LIBRARY_PATH:+":$LD_LIBRARY_PATH"}\nexport LD_LIBRARY_PATH\nexec %s "$@"\n' "$1" "$2"
}
mkdir -p "$TEST_TMP/old-bin"
old_wrapper "$P/pkgs/pywrap/1.0/lib" "$PY" >"$TEST_TMP/old-bin/python3w"
old_wrapper "$P/pkgs/truewrap/1.0/lib" /bin/true >"$TEST_TMP/old-bin/truew"
chmod 755 "$TEST_TMP/old-bin/python3w" "$TEST_TMP/old-bin/truew"

# Interleaved rounds, so a burst of load hits every variant alike.
declare -A samples
variants=(direct link launcher sh_wrapper pyenv true_direct true_launcher true_sh bash_plain bash_block)
rc_plain=$TEST_TMP/rc-plain rc_block=$TEST_TMP/rc-block
: >"$rc_plain"
HOME=$TEST_TMP/bench-home
mkdir -p "$HOME"
"$USERPKG_BIN" -q shell init --shell bash --rc "$rc_block" >/dev/null
grep -q '>>> userpkg >>>' "$rc_block" || { echo "no userpkg block in $rc_block" >&2; exit 1; }
for _ in $(seq "$RUNS"); do
  samples[direct]+=" $(timed_us "$PY" -c pass)"
  samples[link]+=" $(timed_us "$P/bin/python3" -c pass)"
  samples[launcher]+=" $(timed_us "$P/bin/python3w" -c pass)"
  samples[sh_wrapper]+=" $(timed_us "$TEST_TMP/old-bin/python3w" -c pass)"
  samples[pyenv]+=" $(PYENV_VERSION=$(basename "$PYENV_PYTHON") timed_us "$PYENV_ROOT/shims/python3" -c pass)"
  samples[true_direct]+=" $(timed_us /bin/true)"
  samples[true_launcher]+=" $(timed_us "$P/bin/truew")"
  samples[true_sh]+=" $(timed_us "$TEST_TMP/old-bin/truew")"
  samples[bash_plain]+=" $(timed_us bash --noprofile --rcfile "$rc_plain" -i -c exit </dev/null)"
  samples[bash_block]+=" $(timed_us bash --noprofile --rcfile "$rc_block" -i -c exit </dev/null)"
done
declare -A med
for v in "${variants[@]}"; do med[$v]=$(tr ' ' '\n' <<<"${samples[$v]}" | grep . | median); done
printf 'python3 -c pass (medians of %d interleaved runs): direct %.2f ms; <prefix>/bin link %.2f ms (%+.2f); launcher %.2f ms (%+.2f); old sh wrapper %.2f ms (%+.2f); pyenv shim %.2f ms (%+.2f)\n' \
  "$RUNS" "$(ms "${med[direct]}")" "$(ms "${med[link]}")" "$(ms $((med[link] - med[direct])))" \
  "$(ms "${med[launcher]}")" "$(ms $((med[launcher] - med[direct])))" \
  "$(ms "${med[sh_wrapper]}")" "$(ms $((med[sh_wrapper] - med[direct])))" \
  "$(ms "${med[pyenv]}")" "$(ms $((med[pyenv] - med[direct])))"
printf '/bin/true (same runs): direct %.2f ms; launcher %.2f ms (%+.2f); old sh wrapper %.2f ms (%+.2f)\n' \
  "$(ms "${med[true_direct]}")" "$(ms "${med[true_launcher]}")" "$(ms $((med[true_launcher] - med[true_direct])))" \
  "$(ms "${med[true_sh]}")" "$(ms $((med[true_sh] - med[true_direct])))"
printf 'bash -i start-up: empty rc %.2f ms; rc with the userpkg block %.2f ms (%+.2f)\n' \
  "$(ms "${med[bash_plain]}")" "$(ms "${med[bash_block]}")" "$(ms $((med[bash_block] - med[bash_plain])))"
