#!/usr/bin/env bash
# shell init / deinit in real shells with a throw-away HOME: after init, bash -l, bash -i, sh -l,
# zsh -i and fish (those installed) find the prefix's python3; with the prefix gone they start
# without a word on stderr; init twice changes nothing; deinit leaves every startup file
# byte-identical (a CRLF .bashrc without a final newline and with a conda block, a symlinked
# .profile that stays a link, files init created are removed again).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
unset ZDOTDIR XDG_CONFIG_HOME

# A package providing `python3`: a shell script, so the test needs no real Python build.
work="$TEST_TMP/work"
src="$work/fakepy-1.0"
mkdir -p "$src" "$MIRROR_ROOT/fakepy"
write_configure_stub "$src"
printf '#!/bin/sh\necho "fake python from userpkg"\n' >"$src/python3"
cat >"$src/Makefile" <<'MK'
include config.mk
all:
install:
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	cp python3 $(DESTDIR)$(PREFIX)/bin/python3
	chmod 755 $(DESTDIR)$(PREFIX)/bin/python3
MK
make_tarball "$work" fakepy-1.0 "$MIRROR_ROOT/fakepy/fakepy-1.0.tar.gz"
write_recipe "$REPO" fakepy 1.0 "$(sha256_of "$MIRROR_ROOT/fakepy/fakepy-1.0.tar.gz")"
assert_exit 0 "$U" install fakepy
want="$USERPKG_PREFIX/bin/python3"
[ -x "$want" ] || fail "fakepy did not install bin/python3"

# The user's startup files before init. The CRLF lines are ones bash runs without complaint
# (a stray '\r' in a value or an argument of ':'), so any stderr output below is ours.
printf '# my bashrc\r\nexport EDITOR=vi\r\n# >>> conda initialize >>>\r\n: conda setup\r\n# <<< conda initialize <<<\r\nexport LAST=1' >"$HOME/.bashrc"
mkdir -p "$HOME/dotfiles"
printf 'export FROM_PROFILE=1\n' >"$HOME/dotfiles/profile"
ln -s dotfiles/profile "$HOME/.profile"
orig="$TEST_TMP/orig"
mkdir -p "$orig"
cp "$HOME/.bashrc" "$orig/bashrc"
cp "$HOME/dotfiles/profile" "$orig/profile"

have() { command -v "$1" >/dev/null 2>&1; }
shells=(bash sh)
have zsh && shells+=(zsh) || echo "zsh is not installed: skipping its part" >&2
have fish && shells+=(fish) || echo "fish is not installed: skipping its part" >&2

# run_shell KIND CMD: a fresh shell of that kind in a clean environment (only HOME, PATH, TERM),
# as a user would start it; stdout to $TEST_TMP/sh.out, stderr to $TEST_TMP/sh.err.
run_shell() {
  local kind=$1 cmd=$2
  local -a clean=(env -i HOME="$HOME" PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb)
  case $kind in
  bash-login) "${clean[@]}" bash -l -c "$cmd" ;;
  bash-interactive) "${clean[@]}" bash -i -c "$cmd" ;;
  sh) "${clean[@]}" sh -l -c "$cmd" ;;
  zsh) "${clean[@]}" zsh -i -c "$cmd" ;;
  fish) "${clean[@]}" fish -c "$cmd" ;;
  esac </dev/null >"$TEST_TMP/sh.out" 2>"$TEST_TMP/sh.err"
  # bash -i without a terminal always says this; it is not about the startup files.
  sed -i -e '/cannot set terminal process group/d' -e '/no job control in this shell/d' "$TEST_TMP/sh.err"
}
kinds() {
  echo bash-login bash-interactive sh
  have zsh && echo zsh
  have fish && echo fish
}

# rc_state: the startup files and what they are (link or file), to compare before and after.
rc_state() {
  (cd "$HOME" && for f in .bashrc .bash_profile .bash_login .profile .zshrc .config/fish/conf.d/userpkg.fish dotfiles/profile; do
    if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; elif [ -e "$f" ]; then echo "$f $(sha256sum <"$f" | cut -c1-16)"; fi
  done)
}

for s in "${shells[@]}"; do
  assert_exit 0 "$U" shell init --shell "$s"
  assert_contains "$TEST_TMP/out" "open a new shell or run:"
done
# bash: .bashrc plus the login file that exists (.profile): never a new .bash_profile next to it.
[ ! -e "$HOME/.bash_profile" ] || fail "init created ~/.bash_profile although ~/.profile exists"
[ -L "$HOME/.profile" ] || fail "~/.profile is no longer a symlink"
grep -qF '# >>> userpkg >>>' "$HOME/dotfiles/profile" || fail "the block did not go through the ~/.profile link"
grep -qF "# >>> conda initialize >>>" "$HOME/.bashrc" || fail "the conda block is gone"
[ "$(grep -n '# >>> userpkg >>>' "$HOME/.bashrc" | cut -d: -f1)" -gt "$(grep -n '# <<< conda initialize <<<' "$HOME/.bashrc" | cut -d: -f1)" ] ||
  fail "the userpkg block is not after the conda block"
[ -r "$USERPKG_PREFIX/etc/userpkg/env.sh" ] || fail "init did not write etc/userpkg/env.sh"
ls -A "$USERPKG_PREFIX/var/backups/" | grep -q '^\.bashrc\.' || fail "no backup of .bashrc under var/backups"

# Init twice changes nothing, byte for byte.
before=$(rc_state)
for s in "${shells[@]}"; do
  assert_exit 0 "$U" shell init --shell "$s"
  assert_contains "$TEST_TMP/out" "unchanged"
done
[ "$(rc_state)" = "$before" ] || fail "a second init changed a startup file"

# Every shell finds the prefix's python3, and says nothing on stderr.
for k in $(kinds); do
  run_shell "$k" 'command -v python3; python3'
  [ "$(head -n1 "$TEST_TMP/sh.out")" = "$want" ] || fail "$k: command -v python3 gave '$(cat "$TEST_TMP/sh.out")', not $want"
  assert_contains "$TEST_TMP/sh.out" "fake python from userpkg"
  [ ! -s "$TEST_TMP/sh.err" ] || fail "$k wrote to stderr at start-up: $(cat "$TEST_TMP/sh.err")"
done

# With the prefix gone, every shell still starts, silently, and python3 is no longer the prefix's.
mv "$USERPKG_PREFIX" "$TEST_TMP/prefix.away"
for k in $(kinds); do
  run_shell "$k" 'command -v python3; echo started'
  assert_contains "$TEST_TMP/sh.out" "started"
  assert_not_contains "$TEST_TMP/sh.out" "$want"
  [ ! -s "$TEST_TMP/sh.err" ] || fail "$k with the prefix deleted wrote to stderr: $(cat "$TEST_TMP/sh.err")"
done
mv "$TEST_TMP/prefix.away" "$USERPKG_PREFIX"

# deinit removes every block init recorded: the files are as they were, created ones gone.
assert_exit 0 "$U" shell deinit
assert_contains "$TEST_TMP/out" "removed the userpkg block from $HOME/.bashrc"
cmp "$HOME/.bashrc" "$orig/bashrc" || fail "deinit did not restore .bashrc byte for byte"
[ -L "$HOME/.profile" ] || fail "~/.profile is no longer a symlink after deinit"
cmp "$HOME/dotfiles/profile" "$orig/profile" || fail "deinit did not restore the ~/.profile link's target"
[ ! -e "$HOME/.zshrc" ] || fail "deinit left the ~/.zshrc that init created"
[ ! -e "$HOME/.config/fish/conf.d/userpkg.fish" ] || fail "deinit left the fish file that init created"
[ ! -e "$HOME/.bash_profile" ] || fail "a ~/.bash_profile appeared"
[ ! -e "$USERPKG_PREFIX/etc/userpkg/shell-init.json" ] || fail "deinit left its record"
assert_exit 0 "$U" shell deinit
assert_contains "$TEST_TMP/out" "nothing to do"

# No login file at all: bash gets a new ~/.bash_profile, and deinit removes it again.
rm "$HOME/.profile"
assert_exit 0 "$U" shell init --shell bash
[ -f "$HOME/.bash_profile" ] || fail "no ~/.bash_profile for login shells"
run_shell bash-login 'command -v python3'
[ "$(cat "$TEST_TMP/sh.out")" = "$want" ] || fail "bash -l via the new ~/.bash_profile: $(cat "$TEST_TMP/sh.out")"
assert_exit 0 "$U" shell deinit --shell bash
[ ! -e "$HOME/.bash_profile" ] || fail "deinit left the ~/.bash_profile that init created"
cmp "$HOME/.bashrc" "$orig/bashrc" || fail ".bashrc differs after the second round"

# --rc names the file; a read-only one is refused with a way out, and left alone.
printf 'x=1\n' >"$TEST_TMP/custom.rc"
assert_exit 0 "$U" shell init --shell zsh --rc "$TEST_TMP/custom.rc"
grep -qF "etc/userpkg/env.sh" "$TEST_TMP/custom.rc" || fail "--rc: no block in the named file"
assert_exit 0 "$U" shell deinit --rc "$TEST_TMP/custom.rc"
[ "$(cat "$TEST_TMP/custom.rc")" = "x=1" ] || fail "--rc: deinit did not restore the file"
chmod 444 "$TEST_TMP/custom.rc"
assert_exit 1 "$U" shell init --rc "$TEST_TMP/custom.rc"
assert_contains "$TEST_TMP/out" "not writable"
assert_contains "$TEST_TMP/out" "--rc FILE"
[ "$(cat "$TEST_TMP/custom.rc")" = "x=1" ] || fail "a read-only file was changed"
echo "ok"
