#!/usr/bin/env bash
# `userpkg env` and the environment of a generation, in real shells: a fixture package whose recipe
# declares LD_LIBRARY_PATH and a set variable gets a launcher entry in the profile (a symlink to
# <prefix>/libexec/userpkg/launch and a .launch/ sidecar); `eval "$(userpkg env)"` in bash, zsh and
# fish (those installed) finds its program, which sees LD_LIBRARY_PATH while the shell does not
# export it, also when run through a symlink from another directory or with LD_LIBRARY_PATH already
# set; evaluating twice changes nothing; it works with PATH unset; an empty prefix gives valid code
# and a note.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

# ldshow: a program that prints the LD_LIBRARY_PATH it was started with; the package has lib64/
# (its declared library dir) and share/man (MANPATH by default).
work="$TEST_TMP/work-env"
src="$work/ldshow-1.0"
mkdir -p "$src" "$MIRROR_ROOT/ldshow"
write_configure_stub "$src"
cat >"$src/Makefile" <<'MK'
include config.mk
all:
install:
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib64 $(DESTDIR)$(PREFIX)/share/man/man1
	printf '#!/bin/sh\necho "ldshow sees LD_LIBRARY_PATH=$${LD_LIBRARY_PATH-unset} args=$$*"\n' >$(DESTDIR)$(PREFIX)/bin/ldshow
	chmod 755 $(DESTDIR)$(PREFIX)/bin/ldshow
MK
make_tarball "$work" ldshow-1.0 "$MIRROR_ROOT/ldshow/ldshow-1.0.tar.gz"
write_recipe "$REPO" ldshow 1.0 "$(sha256_of "$MIRROR_ROOT/ldshow/ldshow-1.0.tar.gz")" \
  '[env]
LD_LIBRARY_PATH = ["{prefix}/lib64", "{prefix}/lib-that-is-not-made"]
allow = ["LDSHOW_HOME"]

[env.set]
LDSHOW_HOME = "{prefix}"'

# A typo in a recipe's [env] is refused with file:line and a suggestion.
mkdir -p "$TEST_TMP/typo/recipes"
sed 's/^LD_LIBRARY_PATH/LD_LIBARY_PATH/' "$REPO/recipes/ldshow.toml" >"$TEST_TMP/typo/recipes/ldshow.toml"
assert_exit 1 env USERPKG_RECIPE_PATH="$TEST_TMP/typo" "$U" info ldshow
assert_contains "$TEST_TMP/out" "ldshow.toml:14: [env] LD_LIBARY_PATH: unknown variable; did you mean LD_LIBRARY_PATH?"

# An empty prefix: a note on stderr, valid code that changes nothing.
empty="$TEST_TMP/empty-prefix"
USERPKG_PREFIX=$empty "$U" env >"$TEST_TMP/empty.out" 2>"$TEST_TMP/empty.err" || fail "env in an empty prefix failed"
assert_contains "$TEST_TMP/empty.err" "nothing is installed in $empty"
USERPKG_PREFIX=$empty bash -c 'before=$(env | sort); eval "$("$0" env 2>/dev/null)" || exit 1; [ "$before" = "$(env | sort)" ]' "$U" ||
  fail "the empty prefix's code fails or changes the environment"
[ ! -e "$empty" ] || fail "userpkg env created the prefix"

assert_exit 0 "$U" install ldshow hello
pkg="$USERPKG_PREFIX/pkgs/ldshow/1.0"
gen=$(readlink "$USERPKG_PREFIX/profiles/current")
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["env"]; assert e["lists"]["LD_LIBRARY_PATH"][0] == sys.argv[2] + "/lib64", e; assert e["set"]["LDSHOW_HOME"] == sys.argv[2], e' \
  "$pkg/.userpkg/install.json" "$pkg" || fail "the install record does not hold the resolved env"

# The profile: a launcher entry for ldshow (it declares LD_LIBRARY_PATH), a link for hello.
launcher="$USERPKG_PREFIX/libexec/userpkg/launch"
entry="$USERPKG_PREFIX/profiles/$gen/bin/ldshow"
sidecar="$USERPKG_PREFIX/profiles/$gen/bin/.launch/ldshow"
[ "$(readlink "$entry")" = "$launcher" ] || fail "profiles/$gen/bin/ldshow does not link to the launcher: $(ls -l "$entry")"
[ -f "$launcher" ] && [ -x "$launcher" ] || fail "the launcher $launcher is missing or not executable"
head -c 4 "$launcher" | grep -q ELF || fail "the launcher is not an ELF program"
[ "$(cat "$sidecar")" = "userpkg-launch 1
program=$pkg/bin/ldshow
library_dir=$pkg/lib64" ] || { cat "$sidecar" >&2; fail "the sidecar $sidecar is not as expected"; }
[ -L "$USERPKG_PREFIX/profiles/$gen/bin/hello" ] && [ ! -e "$USERPKG_PREFIX/profiles/$gen/bin/.launch/hello" ] ||
  fail "hello (no LD_LIBRARY_PATH) is not a plain link"
[ -f "$USERPKG_PREFIX/profiles/$gen/env.sh" ] && [ -f "$USERPKG_PREFIX/profiles/$gen/env.fish" ] ||
  fail "generation $gen has no env.sh / env.fish"
! grep -q LD_LIBRARY_PATH "$USERPKG_PREFIX/profiles/$gen/env.sh" || fail "env.sh exports LD_LIBRARY_PATH"
out=$(env -u LD_LIBRARY_PATH "$USERPKG_PREFIX/bin/ldshow" 'a b') || fail "the launcher entry does not run"
[ "$out" = "ldshow sees LD_LIBRARY_PATH=$pkg/lib64 args=a b" ] || fail "launcher: unexpected output: $out"
# Already set: the caller's value comes after; launched again from a launched program, no growth.
out=$(LD_LIBRARY_PATH=/old "$USERPKG_PREFIX/bin/ldshow") || fail "the launcher entry does not run"
[ "$out" = "ldshow sees LD_LIBRARY_PATH=$pkg/lib64:/old args=" ] || fail "launcher drops the caller's LD_LIBRARY_PATH: $out"
out=$(LD_LIBRARY_PATH="$pkg/lib64:/old" "$USERPKG_PREFIX/bin/ldshow") || fail "the launcher entry does not run"
[ "$out" = "ldshow sees LD_LIBRARY_PATH=$pkg/lib64:/old args=" ] || fail "launcher grows a list it already heads: $out"
# Through a user's symlink in another directory, under another name, found on PATH by bash (which
# passes the bare name as argv[0]), and from a relative symlink.
mkdir -p "$HOME/bin" "$HOME/tools"
ln -s "$USERPKG_PREFIX/bin/ldshow" "$HOME/bin/lds"
ln -s ../bin/lds "$HOME/tools/lds2"
out=$(env -u LD_LIBRARY_PATH PATH="$HOME/bin:$PATH" bash -c 'lds q; echo "shell LD_LIBRARY_PATH=${LD_LIBRARY_PATH-unset}"') ||
  fail "the launcher entry does not run through ~/bin/lds"
[ "$out" = "ldshow sees LD_LIBRARY_PATH=$pkg/lib64 args=q
shell LD_LIBRARY_PATH=unset" ] || fail "through ~/bin/lds: unexpected output: $out"
out=$(cd "$HOME" && env -u LD_LIBRARY_PATH tools/lds2 r) || fail "the launcher entry does not run through a relative symlink"
[ "$out" = "ldshow sees LD_LIBRARY_PATH=$pkg/lib64 args=r" ] || fail "through tools/lds2: unexpected output: $out"
# The launcher started by itself: one line saying why, status 127.
assert_exit 127 "$launcher"
assert_contains "$TEST_TMP/out" "userpkg: cannot start $launcher: it is not a program entry of a userpkg profile"

expected_program="$USERPKG_PREFIX/bin/ldshow"
expected_run="ldshow sees LD_LIBRARY_PATH=$pkg/lib64 args=x"
# Each shell prints: the program found, its output, the shell's own LD_LIBRARY_PATH, LDSHOW_HOME,
# MANPATH, and PATH after one and after two evaluations.
check_shell_report() {
  local shell=$1 file=$2
  local lines
  mapfile -t lines <"$file"
  [ "${lines[0]-}" = "$expected_program" ] || { cat "$file" >&2; fail "$shell: ldshow found as '${lines[0]-}'"; }
  [ "${lines[1]-}" = "$expected_run" ] || { cat "$file" >&2; fail "$shell: ldshow printed '${lines[1]-}'"; }
  [ "${lines[2]-}" = "shell LD_LIBRARY_PATH=unset" ] || { cat "$file" >&2; fail "$shell: the shell exports LD_LIBRARY_PATH"; }
  [ "${lines[3]-}" = "$pkg" ] || { cat "$file" >&2; fail "$shell: LDSHOW_HOME is '${lines[3]-}'"; }
  [ "${lines[4]-}" = "$pkg/share/man:" ] || { cat "$file" >&2; fail "$shell: MANPATH is '${lines[4]-}'"; }
  [ "${lines[5]-}" = "${lines[6]-}" ] || { cat "$file" >&2; fail "$shell: a second evaluation changed PATH"; }
  case "${lines[5]-}" in "$USERPKG_PREFIX/bin:"*) ;; *) cat "$file" >&2; fail "$shell: PATH does not start with the prefix's bin" ;; esac
}

posix_probe='eval "$("$U" env --shell "$S")"
command -v ldshow; ldshow x; echo "shell LD_LIBRARY_PATH=${LD_LIBRARY_PATH-unset}"; echo "$LDSHOW_HOME"; echo "$MANPATH"
p1=$PATH; eval "$("$U" env --shell "$S")"; echo "$p1"; echo "$PATH"'
export U
env -u LD_LIBRARY_PATH -u MANPATH S=bash bash --norc --noprofile -c "$posix_probe" >"$TEST_TMP/bash.out" 2>&1 ||
  { cat "$TEST_TMP/bash.out" >&2; fail "bash: eval failed"; }
check_shell_report bash "$TEST_TMP/bash.out"
env -u LD_LIBRARY_PATH -u MANPATH S=sh sh -c "$posix_probe" >"$TEST_TMP/sh.out" 2>&1 ||
  { cat "$TEST_TMP/sh.out" >&2; fail "sh: eval failed"; }
check_shell_report sh "$TEST_TMP/sh.out"
if command -v zsh >/dev/null; then
  env -u LD_LIBRARY_PATH -u MANPATH S=zsh zsh -f -c "$posix_probe" >"$TEST_TMP/zsh.out" 2>&1 ||
    { cat "$TEST_TMP/zsh.out" >&2; fail "zsh: eval failed"; }
  check_shell_report zsh "$TEST_TMP/zsh.out"
else
  echo "zsh is not installed: its check is skipped"
fi
if command -v fish >/dev/null; then
  env -u LD_LIBRARY_PATH -u MANPATH fish --no-config -c '
    $U env --shell fish | source
    command -v ldshow; ldshow x
    if set -q LD_LIBRARY_PATH; echo "shell LD_LIBRARY_PATH=$LD_LIBRARY_PATH"; else; echo "shell LD_LIBRARY_PATH=unset"; end
    echo $LDSHOW_HOME; echo "$MANPATH"
    set p1 (string join : $PATH); $U env --shell fish | source; echo $p1; string join : $PATH' \
    >"$TEST_TMP/fish.out" 2>&1 || { cat "$TEST_TMP/fish.out" >&2; fail "fish: eval failed"; }
  check_shell_report fish "$TEST_TMP/fish.out"
else
  echo "fish is not installed: its check is skipped"
fi

# Without --shell, the code is for the shell that runs userpkg, whatever the login shell ($SHELL) is.
out=$(SHELL=/usr/bin/fish bash -c 'eval "$("$U" env)" && command -v ldshow') || fail "bash with SHELL=fish: eval failed"
[ "$out" = "$expected_program" ] || fail "bash with SHELL=fish: ldshow found as '$out'"
if command -v fish >/dev/null; then
  out=$(SHELL=/bin/bash fish --no-config -c '$U env | source; and command -v ldshow') || fail "fish with SHELL=bash: failed"
  [ "$out" = "$expected_program" ] || fail "fish with SHELL=bash: ldshow found as '$out'"
fi

# The stable script the rc block sources reaches the same generation's env (and not LD_LIBRARY_PATH).
out=$(env -u LD_LIBRARY_PATH sh -c '. "$1/etc/userpkg/env.sh"; echo "$LDSHOW_HOME ${LD_LIBRARY_PATH-unset}"' sh "$USERPKG_PREFIX") ||
  fail "etc/userpkg/env.sh fails"
[ "$out" = "$pkg unset" ] || fail "etc/userpkg/env.sh: unexpected '$out'"

# --ld-library-path: the shell exports the packages' library path too (existing dirs only).
out=$(env -u LD_LIBRARY_PATH bash -c 'eval "$("$U" env --shell bash --ld-library-path)"; eval "$("$U" env --shell bash --ld-library-path)"; echo "$LD_LIBRARY_PATH"')
[ "$out" = "$pkg/lib64" ] || fail "--ld-library-path: LD_LIBRARY_PATH is '$out'"

# PATH unset: userpkg env still runs, and its code gives a PATH with the prefix and the system dirs.
abs_u=$(readlink -f "$U")
env -u PATH "$abs_u" env --shell sh >"$TEST_TMP/nopath.sh" 2>"$TEST_TMP/nopath.err" || { cat "$TEST_TMP/nopath.err" >&2; fail "env -u PATH userpkg env failed"; }
for shell in /bin/sh /bin/bash; do
  out=$(env -u PATH "$shell" -c '. "$1"; . "$1"; command -v ldshow; ls / >/dev/null && echo "ls works"; echo "$PATH"' sh "$TEST_TMP/nopath.sh" 2>&1) ||
    fail "$shell with PATH unset: $out"
  [ "$(echo "$out" | sed -n 1p)" = "$expected_program" ] || fail "$shell with PATH unset: ldshow not found: $out"
  [ "$(echo "$out" | sed -n 2p)" = "ls works" ] || fail "$shell with PATH unset: ls not found: $out"
  case ":$(echo "$out" | sed -n 3p):" in *::* | *:.:*) fail "$shell with PATH unset: an empty or relative entry: $out" ;; esac
done

# Uninstall: the new generation no longer sets LDSHOW_HOME; the older one is untouched.
# A modulefile carries the recorded env, LD_LIBRARY_PATH included (loading a module is explicit).
assert_exit 0 "$U" module refresh
lua="$USERPKG_PREFIX/modules/ldshow/1.0.lua"
assert_contains "$lua" "prepend_path(\"LD_LIBRARY_PATH\", \"$USERPKG_PREFIX/pkgs/ldshow/1.0/lib64\")"
assert_contains "$lua" "setenv(\"LDSHOW_HOME\", \"$USERPKG_PREFIX/pkgs/ldshow/1.0\")"
assert_not_contains "$lua" lib-that-is-not-made

assert_exit 0 "$U" uninstall ldshow
"$U" env --shell sh >"$TEST_TMP/after.sh" 2>&1 || fail "env after uninstall failed"
assert_not_contains "$TEST_TMP/after.sh" LDSHOW_HOME
assert_contains "$USERPKG_PREFIX/profiles/$gen/env.sh" LDSHOW_HOME
# gc of the generations that had ldshow keeps the launcher (every generation's entries share it).
assert_exit 0 "$U" gc --keep 0
[ -x "$launcher" ] || fail "gc removed the launcher"
echo ok
