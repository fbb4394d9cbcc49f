#!/usr/bin/env bash
# Time limits on what userpkg runs (README, "Time limits"), with small limits set through the
# environment: a --python that hangs is stopped and the prefix lock released; a probe whose child
# leaves a daemon holding the pipe returns at once and the daemon is named and ended; an installer
# that hangs in silence is stopped and leaves nothing; a kill -9 during a [test] step leaves its
# files in var/staging (not $TMPDIR), where doctor sees them and the next run removes them.
# Each userpkg runs under `timeout`: before these limits existed, each of them hung.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"

# still_running PIDFILE: the process named in PIDFILE is alive (not a zombie).
still_running() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -e "/proc/$pid" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$pid/stat" 2>/dev/null
}

# gone_soon PIDFILE: the process ends within a few seconds (signals take a moment).
gone_soon() {
  for i in $(seq 1 100); do
    still_running "$1" || return 0
    sleep 0.1
  done
  return 1
}

# 1. A --python that never answers: stopped after USERPKG_PROBE_TIMEOUT, the lock released.
mkdir -p "$TEST_TMP/hang"
printf '#!/bin/sh\necho $$ > "%s"\nexec sleep 300\n' "$TEST_TMP/python.pid" >"$TEST_TMP/hang/python3"
chmod +x "$TEST_TMP/hang/python3"
USERPKG_PROBE_TIMEOUT=2 assert_exit 1 timeout 120 "$U" install pip --python "$TEST_TMP/hang/python3"
assert_contains "$TEST_TMP/out" "was stopped: still running after 2 s (USERPKG_PROBE_TIMEOUT)"
gone_soon "$TEST_TMP/python.pid" || fail "the hanging python is still running"
assert_exit 0 timeout 120 "$U" install greet  # the lock is free again
assert_contains "$TEST_TMP/out" "Installed greet 1.0"

# 2 and 3: an installer recipe with two installers: one whose conda leaves a daemon behind, one
# that hangs in silence.
conda_dir="$MIRROR_ROOT/miniconda"
mkdir -p "$conda_dir"
daemon=Miniconda3-py310_23.5.2-0-Linux-x86_64.sh
hang=Miniconda3-py311_23.11.0-2-Linux-x86_64.sh
cat >"$conda_dir/$daemon" <<SH
#!/bin/bash
while getopts "bp:" opt; do case \$opt in p) PREFIX=\$OPTARG ;; *) ;; esac; done
mkdir -p "\$PREFIX/condabin" "\$PREFIX/etc/profile.d"
echo "Unpacking payload ..."
# A conda whose --version starts a daemon that keeps stdout (the probe's pipe) open.
cat >"\$PREFIX/condabin/conda" <<'CONDA'
#!/bin/sh
sleep 300 &
echo \$! > "$TEST_TMP/daemon.pid"
echo "conda 23.5.2"
CONDA
chmod +x "\$PREFIX/condabin/conda"
echo 'conda() { :; }' >"\$PREFIX/etc/profile.d/conda.sh"
echo "installation finished."
SH
printf '#!/bin/bash\necho "Unpacking payload ..."\necho $$ > "%s"\nexec sleep 300\n' "$TEST_TMP/installer.pid" >"$conda_dir/$hang"
cat >"$REPO/recipes/miniconda.toml" <<TOML
name = "miniconda"
summary = "installer fixture"
homepage = "https://example.invalid/miniconda"

[source]
url = "https://repo.anaconda.com/miniconda/Miniconda3-{version}-Linux-x86_64.sh"

[versions]
"py311_23.11.0-2" = { sha256 = "$(sha256_of "$conda_dir/$hang")" }
"py310_23.5.2-0" = { sha256 = "$(sha256_of "$conda_dir/$daemon")" }

[build]
system = "installer"

[env]
PATH = ["{prefix}/condabin"]
TOML
[ "$(uname -m)" = x86_64 ] || skip "the installer fixtures are x86_64 installers"

# 2. The probe's daemon does not hold up the install; it is named and ended.
assert_exit 0 timeout 120 "$U" install miniconda@py310_23.5.2-0
assert_contains "$TEST_TMP/out" "Installed miniconda py310_23.5.2-0"
assert_contains "$TEST_TMP/out" "left sleep (pid $(cat "$TEST_TMP/daemon.pid")) running after it exited; userpkg ended it"
gone_soon "$TEST_TMP/daemon.pid" || fail "the daemon conda left is still running"

# 3. An installer that hangs in silence: stopped after USERPKG_BUILD_IDLE_TIMEOUT, nothing left.
before=$(prefix_snapshot)
USERPKG_BUILD_IDLE_TIMEOUT=2 assert_exit 1 timeout 120 "$U" install miniconda@py311_23.11.0-2
assert_contains "$TEST_TMP/out" "printed nothing for 2 s (USERPKG_BUILD_IDLE_TIMEOUT)"
gone_soon "$TEST_TMP/installer.pid" || fail "the hanging installer is still running"
[ ! -e "$USERPKG_PREFIX/pkgs/miniconda/py311_23.11.0-2" ] || fail "the stopped installer left its directory"
[ "$(prefix_snapshot)" = "$before" ] || fail "the stopped installer changed the prefix"
# 3b. SIGTERM to userpkg while the installer runs: the installer's group goes with it.
rm -f "$TEST_TMP/installer.pid"
"$U" install miniconda@py311_23.11.0-2 >"$TEST_TMP/term.out" 2>&1 &
pid=$!
for i in $(seq 1 600); do
  still_running "$TEST_TMP/installer.pid" && break
  sleep 0.1
done
still_running "$TEST_TMP/installer.pid" || { cat "$TEST_TMP/term.out" >&2; fail "the installer did not start"; }
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" = 143 ] || { cat "$TEST_TMP/term.out" >&2; fail "userpkg ended with $status after SIGTERM, not 143"; }
gone_soon "$TEST_TMP/installer.pid" || fail "the installer outlived userpkg's SIGTERM"
assert_exit 0 timeout 120 "$U" install hello  # the lock is free again
assert_contains "$TEST_TMP/out" "Installed hello 2.0"

# 4. kill -9 during a [test] step: its files are in var/staging, not in $TMPDIR.
# (a recipe of its own, "tested", building hello's source)
mkdir -p "$MIRROR_ROOT/tested"
cp "$MIRROR_ROOT/hello/hello-2.0.tar.gz" "$MIRROR_ROOT/tested/tested-2.0.tar.gz"
write_recipe "$REPO" tested 2.0 "$(sha256_of "$MIRROR_ROOT/tested/tested-2.0.tar.gz")" "[test]
commands = [\"echo \$\$ > '$TEST_TMP/test.pid'; touch \\\"\$TMPDIR/test-scratch\\\"; exec sleep 300\"]

[depends]
greet = {}"
grep -qF 'touch \"$TMPDIR/test-scratch\"' "$REPO/recipes/tested.toml" || fail "cannot write the test command"
mkdir -p "$TEST_TMP/tmp"
TMPDIR="$TEST_TMP/tmp" "$U" install tested >"$TEST_TMP/killed.out" 2>&1 &
pid=$!
for i in $(seq 1 600); do
  still_running "$TEST_TMP/test.pid" && break
  sleep 0.1
done
still_running "$TEST_TMP/test.pid" || { cat "$TEST_TMP/killed.out" >&2; fail "the [test] step did not start"; }
kill -9 "$pid"
wait "$pid" 2>/dev/null
kill "$(cat "$TEST_TMP/test.pid")"  # the test's own process outlives a kill -9 of userpkg, as any child does
[ -z "$(ls -A "$TEST_TMP/tmp")" ] || { ls -la "$TEST_TMP/tmp" >&2; fail "the [test] step left files in TMPDIR"; }
[ -n "$(find "$USERPKG_PREFIX/var/staging" -name test-scratch)" ] || fail "the [test] step's TMPDIR was not in var/staging"
"$U" doctor >"$TEST_TMP/out" 2>&1
assert_contains "$TEST_TMP/out" "leftover(s) of an interrupted run in $USERPKG_PREFIX/var/staging"
sed -i 's|^commands = .*|commands = ["{prefix}/bin/hello"]|' "$REPO/recipes/tested.toml"
assert_exit 0 timeout 120 "$U" install tested
assert_contains "$TEST_TMP/out" "cleaned up after an interrupted run"
assert_contains "$TEST_TMP/out" "Installed tested 2.0"
[ -z "$(ls -A "$USERPKG_PREFIX/var/staging")" ] || fail "staging is not clean after the next run"
echo "ok"
