#!/usr/bin/env bash
# The broken-PATH story end to end, typed into a real terminal (tmux): ~/.bashrc and
# ~/.bash_profile set `export PATH=/opt/foo/bin`; in a new login shell `ls` fails; the user runs
# userpkg rescue by absolute path, pastes the export line it printed, and `ls` works; after
# `rescue --fix` the next login shell is healthy.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
command -v tmux >/dev/null || skip "tmux is not installed"
command -v bash >/dev/null || skip "bash is not installed"
setup_tmp
U=$(cd "$(dirname "$USERPKG_BIN")" && pwd)/$(basename "$USERPKG_BIN")
H=$HOME
SOCKET="userpkg-rescue-$$-$RANDOM"
TMUX_CMD=(tmux -L "$SOCKET" -f /dev/null)
trap 'st=$?; "${TMUX_CMD[@]}" kill-server >/dev/null 2>&1; (exit $st); _cleanup_tmp' EXIT

echo 'export PATH=/opt/foo/bin' >"$H/.bashrc"
printf '[ -f ~/.bashrc ] && . ~/.bashrc\nexport PATH=/opt/foo/bin\n' >"$H/.bash_profile"

PANE=$TEST_TMP/pane
capture() { "${TMUX_CMD[@]}" capture-pane -p -J -S -2000 -t rescue >"$PANE"; }
# wait_for REGEX: polls the pane until REGEX shows (10 s at most).
wait_for() {
  local i
  for i in $(seq 1 100); do
    capture
    grep -q -- "$1" "$PANE" && return 0
    sleep 0.1
  done
  echo "--- pane:" >&2
  cat "$PANE" >&2
  fail "timed out waiting for '$1' in the terminal"
}
type_line() { "${TMUX_CMD[@]}" send-keys -t rescue -l -- "$1" && "${TMUX_CMD[@]}" send-keys -t rescue Enter; }

# A terminal with a plain shell in it; markers are printed as M-$((n+1)) so the typed command
# itself never matches what we wait for.
env -i HOME="$H" TERM=xterm PATH=/usr/bin:/bin "${TMUX_CMD[@]}" new-session -d -s rescue -x 250 -y 50 \
  "PS1='outer\$ ' bash --norc --noprofile" || fail "cannot start tmux"
type_line 'echo M-$((0+1))'
wait_for "M-1"

# A new login shell: ls is gone.
type_line 'bash -l'
type_line 'ls /; echo LS1-STATUS-$?'
wait_for "LS1-STATUS-[0-9]"
grep -qF "LS1-STATUS-127" "$PANE" || { cat "$PANE" >&2; fail "ls did not fail in the broken login shell"; }
grep -q "ls: command not found" "$PANE" || { cat "$PANE" >&2; fail "no 'command not found' in the terminal"; }

# Rescue by absolute path; take the export line from what it printed in the terminal.
type_line "$U rescue; echo RESCUE-STATUS-\$?"
wait_for "RESCUE-STATUS-[0-9]"
grep -qF "RESCUE-STATUS-0" "$PANE" || { cat "$PANE" >&2; fail "rescue failed in the terminal"; }
grep -qF "$H/.bashrc:1: export PATH=/opt/foo/bin" "$PANE" || { cat "$PANE" >&2; fail "rescue did not name .bashrc:1"; }
grep -qF "$H/.bash_profile:2: export PATH=/opt/foo/bin" "$PANE" || { cat "$PANE" >&2; fail "rescue did not name .bash_profile:2"; }
line=$(grep '^export PATH=' "$PANE" | tail -n 1)
[ -n "$line" ] || { cat "$PANE" >&2; fail "no export line in the terminal"; }
type_line "$line"
type_line 'ls -d /usr; echo LS2-STATUS-$?'
wait_for "LS2-STATUS-[0-9]"
grep -qF "LS2-STATUS-0" "$PANE" || { cat "$PANE" >&2; fail "ls still fails after pasting: $line"; }

# --fix, then a new login shell is healthy.
type_line "$U rescue --fix; echo FIX-STATUS-\$?"
wait_for "FIX-STATUS-[0-9]"
grep -qF "FIX-STATUS-0" "$PANE" || { cat "$PANE" >&2; fail "rescue --fix failed"; }
grep -qF "New login shells are healthy" "$PANE" || { cat "$PANE" >&2; fail "--fix did not say the shells are healthy"; }
type_line 'exit'
type_line 'echo M-$((1+1))'
wait_for "M-2"
type_line 'bash -l'
type_line 'ls -d /usr; echo LS3-STATUS-$?'
wait_for "LS3-STATUS-[0-9]"
grep -qF "LS3-STATUS-0" "$PANE" || { cat "$PANE" >&2; fail "the login shell after --fix cannot run ls"; }
grep -qF "# userpkg rescue: export PATH=/opt/foo/bin" "$H/.bashrc" || fail ".bashrc was not fixed"
echo "rescue in tmux: ok"
