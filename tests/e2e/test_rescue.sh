#!/usr/bin/env bash
# `userpkg rescue` for a shell broken by its startup files: started by absolute path with PATH
# unset, empty or garbage (and HOME unset, and a broken config file), it prints an export line that
# gives a working `ls` and names the offending file:line; --fix comments those lines out (backup
# first, even when the prefix does not exist yet) and the next login shell is healthy and quiet;
# --restore-rc puts the original bytes back.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
setup_tmp
U=$(cd "$(dirname "$USERPKG_BIN")" && pwd)/$(basename "$USERPKG_BIN")
H=$HOME
O=$TEST_TMP/out
command -v bash >/dev/null || skip "bash is not installed"

mkdir -p "$H/prefix/bin"
cat >"$H/.bash_profile" <<'EOF'
# login shells read this
[ -f ~/.bashrc ] && . ~/.bashrc
EOF
cat >"$H/.bashrc" <<'EOF'
. ~/.bash_aliases
export PATH=/opt/foo/bin
if [ -d /opt ]; then
  PATH=/opt/bar/bin
fi
export PATH="$HOME/bin:$PATH"
EOF
printf "alias ll='ls -l'\nalias x='it's'\nalias la='ls -A'\n" >"$H/.bash_aliases"
printf 'export EDITOR=vi\r\nexport PATH=/usr/bin\r\n' >"$H/.zshrc"
for f in .bash_profile .bashrc .bash_aliases .zshrc; do cp "$H/$f" "$TEST_TMP/orig$f"; done

# The story starts broken: a login shell cannot run ls.
env -i HOME="$H" bash -l -c ls >/dev/null 2>&1 && fail "the broken login shell could run ls"

# check_report: the export line works in a shell whose PATH is garbage, and the findings are named.
check_report() {
  local line
  line=$(grep '^export PATH=' "$O") || { cat "$O" >&2; fail "no export line printed"; }
  env -i PATH=/garbage /bin/sh -c 'ls / >/dev/null' 2>/dev/null && fail "ls ran with PATH=/garbage (test is broken)"
  env -i PATH=/garbage /bin/sh -c "$line && ls / >/dev/null" || fail "the printed line does not give a working ls: $line"
  case "$line" in *"$H/prefix/bin:"*) ;; *) fail "userpkg's bin is not in the printed line: $line" ;; esac
  assert_contains "$O" "$H/.bashrc:2: export PATH=/opt/foo/bin"
  assert_contains "$O" "$H/.bashrc:4:   PATH=/opt/bar/bin"
  assert_contains "$O" "$H/.bash_aliases:2: alias x='it's'"
  assert_contains "$O" "$H/.zshrc:1:"
  assert_contains "$O" "$H/.zshrc:2:"
  assert_contains "$O" "breaks:"
  assert_contains "$O" "rescue --fix"
}

assert_exit 0 env -i HOME="$H" "$U" rescue
check_report
assert_contains "$O" "Your current PATH is not set"
assert_exit 0 env -i HOME="$H" PATH= "$U" rescue
check_report
assert_contains "$O" "Your current PATH: (empty)"
assert_exit 0 env -i HOME="$H" PATH=/garbage:relative "$U" rescue
check_report
assert_contains "$O" "'/garbage' does not exist"
assert_contains "$O" "'relative' is relative"
assert_contains "$O" "neither /usr/bin nor /bin"
# fish users also get a line for fish.
assert_exit 0 env -i HOME="$H" SHELL=/usr/bin/fish "$U" rescue
assert_contains "$O" "set -gx PATH $H/prefix/bin /usr"
# A config file that does not parse does not stop it.
mkdir -p "$H/.config/userpkg"
echo 'prefix = = broken' >"$H/.config/userpkg/config.toml"
assert_exit 0 env -i HOME="$H" "$U" rescue
check_report
assert_contains "$O" "could not read the settings"
rm -r "$H/.config/userpkg"
# HOME unset: the password database gives the home directory; the line is still printed.
assert_exit 0 env -i "$U" rescue
grep -q '^export PATH=' "$O" || fail "no export line without HOME"

# No external program is started, in report mode or with --fix (where strace can watch).
if STRACE=$(command -v strace) && "$STRACE" -qq -o /dev/null true 2>/dev/null; then
  cp -a "$H" "$TEST_TMP/traced-home"
  for args in "" "--fix"; do
    env -i HOME="$TEST_TMP/traced-home" USERPKG_PREFIX="$TEST_TMP/traced-prefix" \
      "$STRACE" -f -qq -e trace=execve,execveat -o "$TEST_TMP/trace" "$U" rescue $args >"$O" 2>&1 ||
      { cat "$O" >&2; fail "rescue $args failed under strace"; }
    [ "$(grep -c "exec" "$TEST_TMP/trace")" = 1 ] || { cat "$TEST_TMP/trace" >&2; fail "rescue $args started other programs"; }
  done
  grep -q '^# userpkg rescue: export PATH=/opt/foo/bin' "$TEST_TMP/traced-home/.bashrc" || fail "traced --fix did nothing"
fi

# --fix, with a prefix that does not exist yet: only var/backups is created in it.
NP=$TEST_TMP/new-prefix
assert_exit 0 env -i HOME="$H" USERPKG_PREFIX="$NP" "$U" rescue --fix
assert_contains "$O" "line 2: # userpkg rescue: export PATH=/opt/foo/bin"
assert_contains "$O" "line 4: : # userpkg rescue:   PATH=/opt/bar/bin"
assert_contains "$O" "line 2: # userpkg rescue: alias x='it's'"
assert_contains "$O" "converted 2 Windows line ending(s)"
assert_contains "$O" "New login shells are healthy"
[ "$(ls "$NP")" = var ] && [ "$(ls "$NP/var")" = backups ] || fail "--fix made more than var/backups in the prefix"
[ "$(ls -A "$NP/var/backups" | grep -vc '\.json$')" = 3 ] || fail "expected 3 backups in $NP/var/backups"
grep -q $'\r' "$H/.zshrc" && fail "--fix left CRs in .zshrc"
bash -n "$H/.bashrc" || fail "--fix left .bashrc with a syntax error"
env -i HOME="$H" bash -l -c 'ls / >/dev/null' 2>"$TEST_TMP/err" || fail "a login shell still cannot run ls after --fix"
[ -s "$TEST_TMP/err" ] && { cat "$TEST_TMP/err" >&2; fail "the login shell prints errors after --fix"; }
env -i HOME="$H" zsh -i -c 'ls / >/dev/null' 2>/dev/null || fail "zsh cannot run ls after --fix"
assert_exit 0 env -i HOME="$H" USERPKG_PREFIX="$NP" "$U" rescue --fix
assert_contains "$O" "Nothing to fix"
assert_exit 0 env -i HOME="$H" USERPKG_PREFIX="$NP" "$U" rescue
assert_not_contains "$O" "breaks:"

# --restore-rc puts every file back byte for byte, after saving what it replaces.
assert_exit 0 env -i HOME="$H" USERPKG_PREFIX="$NP" "$U" rescue --restore-rc
assert_contains "$O" "restored from"
for f in .bashrc .bash_aliases .zshrc .bash_profile; do
  cmp -s "$H/$f" "$TEST_TMP/orig$f" || fail "--restore-rc did not restore $f"
done
[ "$(ls -A "$NP/var/backups" | grep -vc '\.json$')" = 6 ] || fail "--restore-rc did not back up what it replaced"

# Nothing to restore, nothing found: both say so and succeed.
assert_exit 0 env -i HOME="$H" USERPKG_PREFIX="$TEST_TMP/empty" "$U" rescue --restore-rc
assert_contains "$O" "nothing to restore"
H2=$TEST_TMP/clean-home
mkdir -p "$H2/bin"
echo 'export PATH="$HOME/bin:$PATH"' >"$H2/.bashrc"
assert_exit 0 env -i HOME="$H2" "$U" rescue
assert_contains "$O" "No problems found in your startup files"
assert_exit 0 env -i HOME="$H2" "$U" rescue --fix
assert_contains "$O" "Nothing to fix"
echo "rescue: ok"
