#!/usr/bin/env bash
# The static binary as a file: an x86-64 ELF executable with no program interpreter (readelf -lW: no
# INTERP), no shared libraries (readelf -dW: no NEEDED, or no dynamic section at all), stripped (no
# .symtab; `file` agrees where it is installed), at most 15 MB, and it runs: --version and --help,
# also with an empty environment.
set -u
source "$(dirname "$0")/lib.sh"
setup_tmp
B=$STATIC_BIN
O=$TEST_TMP

command -v readelf >/dev/null || skip "readelf is not installed (binutils)"

readelf -hW "$B" >"$O/header" 2>&1 || { cat "$O/header" >&2; fail "$B is not an ELF file"; }
grep -qE 'Class:[[:space:]]+ELF64' "$O/header" || fail "$B is not ELF64: $(cat "$O/header")"
grep -qE 'Machine:[[:space:]]+Advanced Micro Devices X86-64' "$O/header" || fail "$B is not x86-64: $(cat "$O/header")"
# EXEC (static) or DYN (static-pie): both run without ld.so as long as there is no INTERP.
grep -qE 'Type:[[:space:]]+(EXEC|DYN)' "$O/header" || fail "$B is not an executable: $(cat "$O/header")"

# No program interpreter: the kernel starts it without ld.so.
readelf -lW "$B" >"$O/segments" 2>&1 || { cat "$O/segments" >&2; fail "readelf -lW $B failed"; }
grep -qE '^[[:space:]]*LOAD' "$O/segments" || { cat "$O/segments" >&2; fail "readelf -lW shows no LOAD segment (test is broken?)"; }
if grep -qE '^[[:space:]]*INTERP|Requesting program interpreter' "$O/segments"; then
  grep -E 'INTERP|interpreter' "$O/segments" >&2
  fail "$B has a program interpreter: it is not static"
fi

# No shared libraries.
readelf -dW "$B" >"$O/dynamic" 2>&1 || { cat "$O/dynamic" >&2; fail "readelf -dW $B failed"; }
if grep -q '(NEEDED)' "$O/dynamic"; then
  grep '(NEEDED)' "$O/dynamic" >&2
  fail "$B needs shared libraries"
fi
grep -qE 'There is no dynamic section|Dynamic section at offset' "$O/dynamic" ||
  { cat "$O/dynamic" >&2; fail "cannot read $B's dynamic section (test is broken?)"; }
if command -v ldd >/dev/null; then
  ldd "$B" >"$O/ldd" 2>&1 || true
  grep -qE 'not a dynamic executable|statically linked' "$O/ldd" || { cat "$O/ldd" >&2; fail "ldd lists libraries for $B"; }
fi

# Stripped: no symbol table (the dynamic symbols of a static-pie are no debugging aid and may stay).
readelf -SW "$B" >"$O/sections" 2>&1 || fail "readelf -SW $B failed"
grep -qE '\] \.text ' "$O/sections" || { cat "$O/sections" >&2; fail "readelf -SW shows no .text (test is broken?)"; }
if grep -qE '\] \.(symtab|debug_info|debug_line) ' "$O/sections"; then
  grep -E '\] \.(symtab|debug_[a-z]+) ' "$O/sections" >&2
  fail "$B is not stripped"
fi
if command -v file >/dev/null; then
  file -L "$B" >"$O/file"
  grep -q ', stripped' "$O/file" || fail "file does not call $B stripped: $(cat "$O/file")"
  grep -q 'dynamically linked' "$O/file" && ! grep -q 'static-pie' "$O/file" && fail "file calls $B dynamically linked: $(cat "$O/file")"
fi

# At most 15 MB (15 * 1024 * 1024 bytes).
size=$(stat -c %s "$B")
limit=$((15 * 1024 * 1024))
[ "$size" -le "$limit" ] || fail "$B has $size bytes, more than 15 MB ($limit)"

# It runs, with an empty environment too.
assert_exit 0 env -i "$B" --version
grep -qE '^userpkg [0-9]' "$O/out" || { cat "$O/out" >&2; fail "--version does not print 'userpkg <version>'"; }
version=$(head -n1 "$O/out")
assert_exit 0 "$B" --version
[ "$(head -n1 "$O/out")" = "$version" ] || fail "--version differs with and without an environment"
assert_exit 0 env -i "$B" --help
assert_contains "$O/out" "install"
assert_contains "$O/out" "rollback"
# The dynamic build, where there is one, reports the same version.
if [ -x "${USERPKG_DYNAMIC_BIN:-}" ]; then
  [ "$("$USERPKG_DYNAMIC_BIN" --version | head -n1)" = "$version" ] ||
    fail "static '$version' and dynamic '$("$USERPKG_DYNAMIC_BIN" --version | head -n1)' differ"
fi
echo "ok: $version, $size bytes, $(grep -oE 'Type:[[:space:]]+[A-Z]+' "$O/header" | awk '{print $2}'), no INTERP, no NEEDED, stripped"
