#!/usr/bin/env bash
# Fault injection: kill -9 of userpkg and all it runs (its session) at seeded random moments of a real
# install of xz 5.4.1, offline from the realworld mirror (served by nginx on 127.0.0.1 at 1 MB/s, so
# that the download lasts about a second; the download cache is emptied before each run aimed at
# it), spread over the phases: resolve, fetch (the download), extract, configure, build, install
# (make install, the move into pkgs/), test (the recipe's test, then the install record) and
# generation (the new generation, its env files, the switch).
# After each kill: no process of the run is left and the prefix lock is free; `doctor` finds nothing
# inconsistent (leftovers in var/staging and record-less package dirs are what a kill may leave, and
# the next run removes them); `list` works and agrees with the current generation, which is
# readable, whose links resolve and every package of which has its record. Then the next attempt
# starts (xz is uninstalled and collected first where the killed run had got as far as its install
# record). At the end one more install must succeed and leave a clean, consistent prefix. The
# figures go to the output.
#   USERPKG_KILL9_RUNS (default 20): kills wanted;  USERPKG_KILL9_SEED (default 12): the moments.
set -u
source "$(dirname "$0")/lib.sh"
command -v setsid >/dev/null || skip "setsid is needed to kill a run with all its children"
command -v flock >/dev/null || skip "flock(1) is needed to check that the prefix lock is free"
RUNS=${USERPKG_KILL9_RUNS:-20}
RANDOM=${USERPKG_KILL9_SEED:-12}
P=$USERPKG_PREFIX
started=$SECONDS
# A run still going when the test ends (it failed midway) goes with it.
RUNNING=
trap 'status=$?; [ -z "$RUNNING" ] || kill -9 -- "-$RUNNING" 2>/dev/null; (exit $status); _cleanup_tmp' EXIT

# The built-in xz recipe, built without the static library and NLS (about half the compile time;
# configure, build, install and test are the same steps), with a [test] that lasts about a second
# (50 MB through the new xz and back) so that kills land in it too.
lab="$TEST_TMP/lab"
mkdir -p "$lab/recipes"
sed '/^\[build\]/,$d' "$(dirname "$0")/../../recipes/xz.toml" >"$lab/recipes/xz.toml"
cat >>"$lab/recipes/xz.toml" <<'TOML'
[build]
system = "autotools"
configure = ["--disable-doc", "--disable-static", "--disable-nls"]

[test]
commands = ["{prefix}/bin/xz --version", "head -c 50000000 /dev/zero | {prefix}/bin/xz -3 -T1 | {prefix}/bin/xz -t"]

[env]
PATH = ["{prefix}/bin"]
TOML
"$U" repo add lab "$lab" >/dev/null || fail "repo add"
start_nginx "$REALWORLD_MIRROR"

INSTALL=("$U" -v -j 2 --offline --mirror "$HTTP_URL/rate1m" install xz@5.4.1)
# Phases, each named by the line that starts it (resolve starts with the run, fetch with the plan's
# line; done: after the generation's line, the run is only exiting).
PHASES=(resolve fetch extract configure build install test generation)
# Which phase each kill aims at: mostly early ones; each late one costs a whole build.
SCHEDULE=(resolve fetch extract configure build generation fetch extract configure build install
  configure test resolve extract build fetch configure generation generation)
# phase_of_line LINE: PH, the phase LINE starts (empty for other lines); no subshell, as the wait
# loop below calls it often.
phase_of_line() {
  case $1 in
  *"==> Generation "*) PH=done ;;
  *"==> Installed xz"*) PH=generation ;;
  *"xz 5.4.1: test"*) PH=test ;;
  *"xz 5.4.1: install"*) PH=install ;;
  *"xz 5.4.1: build"*) PH=build ;;
  *"xz 5.4.1: configure"*) PH=configure ;;
  *"==> Building xz"* | *"extracting "*) PH=extract ;;
  "Plan:"*) PH=fetch ;;
  *) PH= ;;
  esac
}

# stamp T0: each input line prefixed with the seconds since T0 (microseconds since the epoch).
stamp() {
  local t0=$1 line us
  while IFS= read -r line; do
    us=$((${EPOCHREALTIME/./} - t0))
    printf '%d.%03d %s\n' $((us / 1000000)) $((us % 1000000 / 1000)) "$line"
  done
}

# start_run LOG: a backgrounded install in its own session (RUN_PID, its process group), its
# output stamped into LOG.
start_run() {
  local log=$1 fifo="$TEST_TMP/run.fifo"
  rm -f "$fifo" && mkfifo "$fifo" && : >"$log"
  setsid "${INSTALL[@]}" >"$fifo" 2>&1 &
  RUN_PID=$!
  RUNNING=$RUN_PID
  RUN_T0=${EPOCHREALTIME/./}
  stamp "$RUN_T0" <"$fifo" >"$log" &
  STAMP_PID=$!
}

# last_phase LOG: the phase of the last phase line in LOG (resolve before any).
last_phase() {
  local t line last=resolve
  while read -r t line; do
    phase_of_line "$line"
    [ -n "$PH" ] && last=$PH
  done <"$1"
  echo "$last"
}

# phase_start LOG PHASE: START, when PHASE began in LOG (seconds; empty if it did not).
phase_start() {
  local t line
  START=
  [ "$2" = resolve ] && { START=0; return; }
  while read -r t line; do
    phase_of_line "$line"
    [ "$PH" = "$2" ] && { START=$t; return; }
  done <"$1"
}

# --- A reference install: how long each phase takes here (then xz is removed again).
start_run "$TEST_TMP/ref.log"
ref_status=0
wait "$RUN_PID" || ref_status=$?
wait "$STAMP_PID"
RUNNING=
[ "$ref_status" = 0 ] || { cat "$TEST_TMP/ref.log" >&2; fail "the reference install of xz failed ($ref_status)"; }
us=$((${EPOCHREALTIME/./} - RUN_T0))
total=$(printf '%d.%03d' $((us / 1000000)) $((us % 1000000 / 1000)))
declare -A BEGAN DURATION
for ph in "${PHASES[@]}"; do
  phase_start "$TEST_TMP/ref.log" "$ph"
  [ -n "$START" ] || { cat "$TEST_TMP/ref.log" >&2; fail "the reference install shows no $ph phase"; }
  BEGAN[$ph]=$START
done
for i in "${!PHASES[@]}"; do
  ph=${PHASES[i]}
  next=${PHASES[i + 1]:-}
  end=$total
  [ -z "$next" ] || end=${BEGAN[$next]}
  DURATION[$ph]=$(awk -v a="$end" -v b="${BEGAN[$ph]}" 'BEGIN { d = a - b; printf "%.3f", d < 0.05 ? 0.05 : d }')
done
echo "reference install: ${total}s; phase starts:$(for ph in "${PHASES[@]}"; do printf ' %s=%s' "$ph" "${BEGAN[$ph]}"; done)"

# session_left SID: the processes of session SID still running (zombies aside: here nothing may
# reap the orphans of a killed run).
session_left() {
  ps -e -o pid=,sid=,stat=,args= | awk -v s="$1" '$2 == s && $3 !~ /^Z/'
}

# xz_state: XZ, what list --json (of check_prefix) says of xz: in-profile, built (a record, but not
# in the current generation) or absent.
xz_state() {
  XZ=$(python3 -c 'import json, sys
xs = [p for p in json.load(open(sys.argv[1])) if p["name"] == "xz"]
print("absent" if not xs else "in-profile" if xs[0]["in_profile"] else "built")' "$TEST_TMP/list.json")
}

# reset_xz: xz out of the profile and off the disk, so that the next run installs it from scratch.
reset_xz() {
  if [ "$XZ" = in-profile ]; then
    "$U" uninstall xz >"$TEST_TMP/reset.out" 2>&1 || { cat "$TEST_TMP/reset.out" >&2; fail "cannot uninstall xz"; }
  fi
  "$U" gc --keep 0 >>"$TEST_TMP/reset.out" 2>&1 || { cat "$TEST_TMP/reset.out" >&2; fail "cannot collect xz"; }
  [ ! -e "$P/pkgs/xz" ] || fail "gc --keep 0 left $P/pkgs/xz"
}
XZ=in-profile
reset_xz

# check_prefix WHEN: the prefix is consistent (the checks of the header).
check_prefix() {
  local when=$1
  flock -n "$P/var/lock" true || fail "$when: the prefix lock is still held"
  "$U" doctor --json >"$TEST_TMP/doctor.json" 2>"$TEST_TMP/doctor.err"
  python3 - "$TEST_TMP/doctor.json" "$when" <<'PY' || fail "$when: doctor reports an inconsistent prefix"
import json, sys
report = json.load(open(sys.argv[1]))
# What a kill may leave and the next run removes; anything else in the prefix family is a defect.
allowed = {"prefix.consistent", "prefix.staging-leftovers", "prefix.dir-without-record", "prefix.lock-stale"}
bad = [f for c in report["checks"] if c["family"] == "prefix" for f in c["findings"] if f["id"] not in allowed]
for f in bad:
    print(f"{sys.argv[2]}: doctor: {f['id']} ({f['severity']}): {f['title']} {f['detail']}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
  "$U" list --json >"$TEST_TMP/list.json" 2>"$TEST_TMP/list.err" || { cat "$TEST_TMP/list.err" >&2; fail "$when: list failed"; }
  python3 - "$P" "$TEST_TMP/list.json" "$when" <<'PY' || fail "$when: the prefix is not consistent"
import json, os, sys
prefix, when = sys.argv[1], sys.argv[3]
listing = json.load(open(sys.argv[2]))
listed = {(p["name"], p["version"]) for p in listing}
in_profile = {(p["name"], p["version"]) for p in listing if p["in_profile"]}
for p in listing:
    if not os.path.isfile(os.path.join(p["prefix"], ".userpkg", "install.json")):
        problems.append(f"list shows {p['name']} {p['version']}, whose install record is not there")
problems = []
current = os.path.join(prefix, "profiles", "current")
if os.path.lexists(current):
    gen = os.path.realpath(current)
    try:
        manifest = json.load(open(os.path.join(gen, "manifest.json")))
    except (OSError, ValueError) as e:
        problems.append(f"current generation {gen}: manifest unreadable: {e}")
        manifest = {}
    for pkg in manifest.get("packages", []):
        d = os.path.join(prefix, "pkgs", pkg["name"], pkg["version"])
        if not os.path.isfile(os.path.join(d, ".userpkg", "install.json")):
            problems.append(f"the current generation names {pkg['name']} {pkg['version']}, which has no install record")
        if (pkg["name"], pkg["version"]) not in in_profile:
            problems.append(f"list does not show {pkg['name']} {pkg['version']} of the current generation in the profile")
    named = {(p["name"], p["version"]) for p in manifest.get("packages", [])}
    if in_profile - named:
        problems.append(f"list shows {sorted(in_profile - named)} in the profile, the current generation does not")
    bindir = os.path.join(prefix, "bin")
    for entry in (os.listdir(bindir) if os.path.isdir(bindir) else []):
        if not os.path.exists(os.path.join(bindir, entry)):
            problems.append(f"broken link {bindir}/{entry}")
elif in_profile:
    problems.append(f"list shows {sorted(in_profile)} in the profile but there is no current generation")
for p in problems:
    print(f"{when}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  xz_state
  if [ "$XZ" = in-profile ]; then
    env -i "$P/bin/xz" --version | grep -q "xz (XZ Utils) 5.4.1" || fail "$when: xz is in the profile but $P/bin/xz does not run"
  fi
}

# --- The kills: phases in turn (most runs end early; the late phases cost a whole build each), the
# moment within the phase drawn from its length in the reference run.
declare -A KILLED STATES
SCRATCH=0
# scratch_left: how many userpkg scratch directories there are in TMPDIR (a [test] step makes one).
scratch_left() { find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'userpkg-*' 2>/dev/null | wc -l; }
kills=0 attempts=0 survived=0
printf '%-4s %-10s %-7s %-10s %s\n' run target "delay" "killed in" outcome
while [ "$kills" -lt "$RUNS" ]; do
  attempts=$((attempts + 1))
  [ "$attempts" -le $((RUNS * 2)) ] || fail "only $kills kills in $((attempts - 1)) runs"
  target=${SCHEDULE[(attempts - 1) % ${#SCHEDULE[@]}]}
  # Drawn from the first half of the phase's length in the reference run (this run may be faster);
  # the generation phase takes anything from a tenth of a second (idle) to seconds (loaded): its
  # first 0.2 s.
  span=${DURATION[$target]}
  [ "$target" != generation ] || span=0.4
  offset=$(awk -v d="$span" -v r="$RANDOM" 'BEGIN { printf "%.3f", d / 2 * r / 32768 }')
  log="$TEST_TMP/run$attempts.log"
  [ "$target" != fetch ] || rm -rf "$P/var/cache/downloads"
  scratch_before=$(scratch_left)
  start_run "$log"
  # Wait for the target phase to begin (or the run to end), then for the offset.
  while kill -0 "$RUN_PID" 2>/dev/null; do
    [ "$target" = resolve ] && break
    phase_start "$log" "$target"
    [ -n "$START" ] && break
    sleep 0.02
  done
  # The offset, cut short when the run leaves the target phase (then it dies at the next one's start).
  deadline=$((${EPOCHREALTIME/./} + 10#${offset/./} * 1000))
  while [ "${EPOCHREALTIME/./}" -lt "$deadline" ]; do
    [ "$(last_phase "$log")" = "$target" ] || [ "$target" = resolve ] || break
    sleep 0.02
  done
  # (setsid makes the run its own process group within a moment of the start.)
  for i in $(seq 1 100); do
    pgid=$(ps -o pgid= -p "$RUN_PID" 2>/dev/null | tr -d ' ')
    [ "$pgid" != "$RUN_PID" ] && [ -n "$pgid" ] || break
    sleep 0.01
  done
  outcome=
  if [ "$pgid" = "$RUN_PID" ]; then
    kill -9 -- "-$pgid" 2>/dev/null && outcome=killed
    # userpkg runs each child in a process group of its own; what kills a job as a whole (a batch
    # system's SIGKILL, the OOM killer of its cgroup) kills them too: every process of the session.
    for i in 1 2 3; do pkill -KILL -s "$RUN_PID" 2>/dev/null || break; sleep 0.05; done
  fi
  status=0
  wait "$RUN_PID" 2>/dev/null || status=$?
  wait "$STAMP_PID"
  RUNNING=
  phase=$(last_phase "$log")
  if [ "$outcome" = killed ] && [ "$status" = 137 ]; then
    kills=$((kills + 1))
    KILLED[$phase]=$((${KILLED[$phase]:-0} + 1))
    for i in $(seq 1 50); do
      left=$(session_left "$RUN_PID")
      [ -n "$left" ] || break
      sleep 0.1
    done
    [ -z "$left" ] || fail "run $attempts: processes of the killed run are still running: $left"
  else
    [ "$status" = 0 ] || { cat "$log" >&2; fail "run $attempts failed on its own (exit $status)"; }
    outcome="finished (exit 0) before the kill"
    survived=$((survived + 1))
  fi
  check_prefix "run $attempts ($outcome in $phase)"
  [ "$(scratch_left)" = "$scratch_before" ] || SCRATCH=$((SCRATCH + 1))
  printf '%-4s %-10s %-7s %-10s %s, xz %s\n' "$attempts" "$target" "$offset" "$phase" "$outcome" "$XZ"
  STATES[$XZ]=$((${STATES[$XZ]:-0} + 1))
  [ "$XZ" = absent ] || reset_xz
done

# --- The last install: succeeds from whatever the kills left, and leaves nothing behind.
start_run "$TEST_TMP/final.log"
final=0
wait "$RUN_PID" || final=$?
wait "$STAMP_PID"
RUNNING=
[ "$final" = 0 ] || { cat "$TEST_TMP/final.log" >&2; fail "the install after the kills failed ($final)"; }
check_prefix "after the last install"
[ "$XZ" = in-profile ] || fail "xz is not in the profile after the last install"
grep -q '"prefix.consistent"' "$TEST_TMP/doctor.json" || fail "doctor does not call the prefix consistent after the last install"
[ -z "$(ls -A "$P/var/staging" 2>/dev/null)" ] || fail "var/staging is not empty after the last install: $(ls -A "$P/var/staging")"
head -c 100000 /dev/urandom >"$TEST_TMP/data"
env -i "$P/bin/xz" -c "$TEST_TMP/data" | env -i "$P/bin/xz" -dc | cmp -s - "$TEST_TMP/data" || fail "xz round trip"

echo "kill -9 figures: $kills kills in $attempts runs ($survived finished before their kill), seed ${USERPKG_KILL9_SEED:-12};" \
  "killed in:$(for ph in "${PHASES[@]}" done; do printf ' %s=%s' "$ph" "${KILLED[$ph]:-0}"; done);" \
  "afterwards xz was: absent ${STATES[absent]:-0}, built but not in the profile ${STATES[built]:-0}, in the profile ${STATES[in-profile]:-0};" \
  "every check passed after each; the last install succeeded; $((SECONDS - started))s in all;" \
  "runs that left a scratch directory in ${TMPDIR:-/tmp}: $SCRATCH"
# Every temporary file of a run lives under <prefix>/var/staging (defect 8), where doctor sees it
# and the next run cleans it: a kill leaves nothing in TMPDIR.
[ "$SCRATCH" = 0 ] || fail "$SCRATCH killed runs left a userpkg scratch directory in ${TMPDIR:-/tmp}"
echo ok
