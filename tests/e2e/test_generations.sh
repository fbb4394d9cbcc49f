#!/usr/bin/env bash
# generations, rollback, switch and gc on a prefix with two versions of one package and an app with
# a dependency: listing (text and JSON), rollback/switch change what <prefix>/bin/<prog> runs (also
# in a shell that is already running), gc keeps everything a kept generation needs and frees the rest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
source "$here/script_packages.sh"
add_script_package tool tool 1.0 2.0
P=$USERPKG_PREFIX
out=$TEST_TMP/out
current() { readlink "$P/profiles/current"; }

assert_exit 0 "$U" generations
assert_contains "$out" "no generations yet"
assert_exit 1 "$U" rollback
assert_contains "$out" "no generation in"

assert_exit 0 "$U" install tool@1.0 # generation 1
assert_exit 0 "$U" install tool@2.0 # generation 2
assert_exit 0 "$U" install hello    # generation 3; greet comes in as a dependency, in no generation
[ "$("$P/bin/tool")" = "tool 2.0" ] || fail "bin/tool is not 2.0 after installing it"
[ "$(current)" = 3 ] || fail "expected generation 3, have $(current)"

# Listing: each generation with its command and changes, the current one marked.
assert_exit 0 "$U" generations
assert_contains "$out" "userpkg install tool@1.0"
assert_contains "$out" "+tool 2.0, -tool 1.0"
assert_contains "$out" "+hello 2.0"
grep -qE '^\* +3 ' "$out" || fail "generation 3 is not marked current: $(cat "$out")"
grep -qE '^\* +[12] ' "$out" && fail "more than one generation marked current"
assert_exit 0 "$U" generations --json
python3 - "$out" <<'PY' || fail "generations --json is wrong: $(cat "$out")"
import json, sys
gens = json.load(open(sys.argv[1]))
assert [g["number"] for g in gens] == [1, 2, 3], gens
assert [g["current"] for g in gens] == [False, False, True], gens
assert gens[1]["added"] == [{"name": "tool", "version": "2.0"}], gens[1]
assert gens[1]["removed"] == [{"name": "tool", "version": "1.0"}], gens[1]
assert {p["name"] for p in gens[2]["packages"]} == {"tool", "hello"}, gens[2]
assert gens[0]["command"] == "userpkg install tool@1.0" and gens[0]["created"], gens[0]
PY

# rollback: to the previous generation, saying what disappears.
assert_exit 0 "$U" rollback
assert_contains "$out" "- hello 2.0"
assert_contains "$out" "from generation 3 to 2"
[ "$(current)" = 2 ] || fail "rollback did not go to generation 2"
[ ! -e "$P/bin/hello" ] || fail "bin/hello is still there after the rollback"
assert_exit 0 "$U" rollback
assert_contains "$out" "+ tool 1.0"
assert_contains "$out" "- tool 2.0"
[ "$("$P/bin/tool")" = "tool 1.0" ] || fail "rollback did not bring tool 1.0 back"
assert_exit 1 "$U" rollback
assert_contains "$out" "generation 1 is the oldest"
[ "$(current)" = 1 ] || fail "a failed rollback changed current"

# switch N: a shell that is already running sees it on its next command (PATH holds <prefix>/bin).
seen=$(PATH="$P/bin:$PATH" bash -c 'tool; "$0" switch 3 >/dev/null 2>&1 || exit 1; tool' "$U") ||
  fail "switch inside a running shell failed"
[ "$seen" = "tool 1.0
tool 2.0" ] || fail "the running shell did not see the switch: $seen"
[ "$(current)" = 3 ] || fail "switch 3 did not make generation 3 current"
"$P/bin/hello" >/dev/null || fail "bin/hello does not run after switching back"
assert_exit 0 "$U" switch 3
assert_contains "$out" "current one already"
assert_exit 1 "$U" switch 9
assert_contains "$out" "no such generation"
assert_exit 0 "$U" --dry-run switch 1
assert_contains "$out" "Would switch from generation 3 to 1"
[ "$(current)" = 3 ] || fail "--dry-run switch changed current"

# gc without --keep: every generation stays, so every package does.
assert_exit 0 "$U" gc
assert_contains "$out" "nothing to collect"
for d in tool/1.0 tool/2.0 hello/2.0 greet/1.0; do
  [ -f "$P/pkgs/$d/.userpkg/install.json" ] || fail "gc removed $d, which a generation needs"
done

# --dry-run gc --keep 0 says what it would free and changes nothing.
before=$(prefix_snapshot)
assert_exit 0 "$U" --dry-run gc --keep 0
assert_contains "$out" "would remove generation 1"
assert_contains "$out" "would remove package tool 1.0"
assert_contains "$out" "Would free"
[ "$before" = "$(prefix_snapshot)" ] || fail "--dry-run gc changed the prefix"

# Back at generation 2, keep 1: generations 2 (current) and 3 (newest) stay, 1 goes, and with it
# tool 1.0, its download and its build log. greet is in no generation but hello (generation 3)
# links against it: it stays.
assert_exit 0 "$U" switch 2
tool1_cache=$(dirname "$(find "$P/var/cache/downloads" -name tool-1.0.tar.gz)")
[ -d "$tool1_cache" ] || fail "no cached download of tool 1.0 to collect"
assert_exit 0 "$U" gc --keep 1
assert_contains "$out" "removed generation 1"
assert_contains "$out" "removed package tool 1.0"
assert_contains "$out" "removed download tool-1.0.tar.gz"
assert_contains "$out" "removed log tool-1.0.log"
grep -qE '==> Freed [0-9.]+ [kKMG]?i?B' "$out" || fail "gc did not report what it freed: $(cat "$out")"
grep -qE 'removed package tool 1.0 \([0-9.]+ [kKMG]?i?B\)' "$out" || fail "gc did not report per-item sizes"
grep -q '==> Freed 0 B' "$out" && fail "gc freed nothing"
[ ! -e "$P/pkgs/tool/1.0" ] || fail "gc left tool 1.0"
[ ! -e "$P/profiles/1" ] || fail "gc left generation 1"
[ ! -e "$tool1_cache" ] || fail "gc left tool 1.0's download"
[ ! -e "$P/var/log/tool-1.0.log" ] || fail "gc left tool 1.0's build log"
for d in tool/2.0 hello/2.0 greet/1.0; do
  [ -f "$P/pkgs/$d/.userpkg/install.json" ] || fail "gc --keep 1 removed $d, which a kept generation needs"
done
[ -n "$(find "$P/var/cache/downloads" -name greet-1.0.tar.gz)" ] || fail "gc removed greet's download"
[ -e "$P/var/log/tool-2.0.log" ] || fail "gc removed the log of a kept package"
[ -z "$(ls -A "$P/var/staging" 2>/dev/null)" ] || fail "gc left something in var/staging"
[ "$(current)" = 2 ] || fail "gc changed current"
assert_exit 0 "$U" switch 3
"$P/bin/hello" >/dev/null || fail "hello does not run after gc (greet gone?)"
assert_exit 0 "$U" generations
assert_not_contains "$out" "install tool@1.0"

# uninstall + gc: hello and its dependency greet are referenced by no kept generation any more.
assert_exit 0 "$U" uninstall hello # generation 4
assert_exit 0 "$U" gc --keep 0
assert_contains "$out" "removed generation 2"
assert_contains "$out" "removed generation 3"
assert_contains "$out" "removed package hello 2.0"
assert_contains "$out" "removed package greet 1.0"
[ ! -e "$P/pkgs/hello" ] && [ ! -e "$P/pkgs/greet" ] || fail "gc left hello or greet"
[ -z "$(find "$P/var/cache/downloads" -name 'hello-*' -o -name 'greet-*')" ] || fail "gc left hello's or greet's download"
[ "$("$P/bin/tool")" = "tool 2.0" ] || fail "tool 2.0 broke after gc"
assert_exit 0 "$U" gc --keep 0
assert_contains "$out" "nothing to collect"
assert_exit 1 "$U" rollback
assert_contains "$out" "oldest"
echo "ok"
