#!/usr/bin/env bash
# doctor: a program in the prefix that needs a recent GLIBCXX, and a stub libstdc++.so.6 with only
# old GLIBCXX versions on LD_LIBRARY_PATH: doctor names the program, the version, the stub and the
# fix, and exits 1; without LD_LIBRARY_PATH it reports no library problem. Also: a library deleted
# from the prefix, staging leftovers, a proxy port that refuses, --json.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
command -v g++ >/dev/null && command -v gcc >/dev/null && command -v readelf >/dev/null || skip "needs g++, gcc, readelf"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY LD_LIBRARY_PATH

# A prebuilt C++ program, packaged as a source tarball whose Makefile only copies it.
work="$TEST_TMP/cxx"
src="$work/cxxtool-1.0"
mkdir -p "$src" "$MIRROR_ROOT/cxxtool"
cat >"$work/cxxtool.cpp" <<'CPP'
#include <charconv>
#include <cstdio>
int main() {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, 2.5);  // GLIBCXX_3.4.29 (GCC 11+)
  *r.ptr = '\0';
  std::printf("cxxtool says %s\n", buf);
}
CPP
g++ -std=c++17 -O2 "$work/cxxtool.cpp" -o "$src/cxxtool" || fail "cannot build the C++ fixture"
needed=$(readelf -V "$src/cxxtool" | grep -o 'GLIBCXX_3\.4\.[0-9]*' | sort -t. -k3,3n | tail -1)
[ -n "$needed" ] || fail "the fixture needs no GLIBCXX version"
[ "${needed##*.}" -ge 29 ] || skip "g++ here is too old to need GLIBCXX_3.4.29+ (needs $needed)"
write_configure_stub "$src"
printf 'include config.mk\nall:\ninstall:\n\tmkdir -p $(DESTDIR)$(PREFIX)/bin\n\tcp cxxtool $(DESTDIR)$(PREFIX)/bin/\n' >"$src/Makefile"
make_tarball "$work" cxxtool-1.0 "$MIRROR_ROOT/cxxtool/cxxtool-1.0.tar.gz"
write_recipe "$REPO" cxxtool 1.0 "$(sha256_of "$MIRROR_ROOT/cxxtool/cxxtool-1.0.tar.gz")"
assert_exit 0 "$U" install cxxtool
"$USERPKG_PREFIX/bin/cxxtool" | grep -qF "cxxtool says 2.5" || fail "the fixture does not run from the profile"

# A stub libstdc++.so.6 that defines only GLIBCXX_3.4, GLIBCXX_3.4.21 and CXXABI_1.3.
stub="$TEST_TMP/oldlib"
mkdir -p "$stub"
cat >"$stub/v.map" <<'MAP'
GLIBCXX_3.4 { global: stub_base; local: *; };
GLIBCXX_3.4.21 { global: stub_21; } GLIBCXX_3.4;
CXXABI_1.3 { global: stub_abi; };
MAP
printf 'int stub_base(void){return 0;}\nint stub_21(void){return 21;}\nint stub_abi(void){return 1;}\n' >"$stub/stub.c"
gcc -shared -fPIC -Wl,-soname,libstdc++.so.6 -Wl,--version-script="$stub/v.map" "$stub/stub.c" -o "$stub/libstdc++.so.6" ||
  fail "cannot build the stub libstdc++"
readelf -V "$stub/libstdc++.so.6" | grep -qF "GLIBCXX_3.4.21" || fail "the stub has no version definitions"
# The stub really breaks the program (what doctor must predict without running it).
if LD_LIBRARY_PATH="$stub" "$USERPKG_PREFIX/bin/cxxtool" >/dev/null 2>"$TEST_TMP/run.err"; then fail "the stub did not break cxxtool"; fi
assert_contains "$TEST_TMP/run.err" "version \`$needed' not found"

# Without LD_LIBRARY_PATH: no library finding.
assert_exit 0 "$U" doctor
assert_contains "$TEST_TMP/out" "every shared library resolves"
assert_contains "$TEST_TMP/out" "LD_LIBRARY_PATH is not set"
assert_not_contains "$TEST_TMP/out" "needs GLIBCXX"

# With the stub on LD_LIBRARY_PATH (set in ~/.bashrc too, so the fix can name the line). userpkg
# itself is a C++ program the stub would break as well: it runs through the loader with the system
# library path, while its environment still says LD_LIBRARY_PATH=stub, as in the user's shell.
printf '# my settings\nexport LD_LIBRARY_PATH=%s\n' "$stub" >"$HOME/.bashrc"
loader=$(readelf -l "$U" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
sysdir=$(dirname "$(g++ -print-file-name=libstdc++.so.6)")
sysdir=$(cd "$sysdir" && pwd -P)
run_with_stub() { LD_LIBRARY_PATH="$stub" "$loader" --library-path "$sysdir" "$U" "$@"; }
assert_exit 1 run_with_stub doctor
real=$(readlink -f "$USERPKG_PREFIX/pkgs/cxxtool/1.0/bin/cxxtool")
assert_contains "$TEST_TMP/out" "cxxtool (cxxtool 1.0) needs $needed from libstdc++.so.6, but $stub/libstdc++.so.6 (found via LD_LIBRARY_PATH) only has up to GLIBCXX_3.4.21"
assert_contains "$TEST_TMP/out" "fix: unset LD_LIBRARY_PATH, or remove $stub from it (set at ~/.bashrc:2)"
assert_contains "$TEST_TMP/out" "LD_LIBRARY_PATH is set for the whole shell and shadows 1 library"
assert_contains "$TEST_TMP/out" "$stub/libstdc++.so.6 (over "

assert_exit 1 run_with_stub doctor --json
python3 - "$TEST_TMP/out" "$needed" <<'PY' || fail "doctor --json is wrong"
import json, sys
report = json.load(open(sys.argv[1]))
findings = [f for c in report["checks"] for f in c["findings"]]
assert all(set(f) == {"id", "severity", "title", "detail", "fix"} for f in findings), findings
hits = [f for f in findings if f["id"] == "libraries.version-missing"]
assert len(hits) == 1 and hits[0]["severity"] == "error", hits
assert sys.argv[2] in hits[0]["title"] and "LD_LIBRARY_PATH" in hits[0]["fix"], hits
assert report["summary"]["error"] >= 1 and report["worst"] == "error", report["summary"]
assert {c["family"] for c in report["checks"]} >= {"path", "ld-library-path", "libraries", "prefix", "disk", "proxy", "conda"}
PY
rm "$HOME/.bashrc"

# A library deleted from the prefix, a staging leftover and a proxy nobody listens on.
assert_exit 0 "$U" install hello
rm "$USERPKG_PREFIX/pkgs/greet/1.0/lib/libgreet.so"
mkdir -p "$USERPKG_PREFIX/var/staging/hello-2.0-XXXX"
port=$(free_port) || fail "no free port"
https_proxy="http://127.0.0.1:$port" assert_exit 1 "$U" doctor
assert_contains "$TEST_TMP/out" "hello (hello 2.0): libgreet.so not found"
assert_contains "$TEST_TMP/out" "leftover(s) of an interrupted run"
assert_contains "$TEST_TMP/out" "https_proxy=http://127.0.0.1:$port: nothing listens on 127.0.0.1:$port"
assert_contains "$TEST_TMP/out" "fix: unset https_proxy"
[ -n "${SHOW_DOCTOR:-}" ] && cat "$TEST_TMP/out"
echo "ok"
