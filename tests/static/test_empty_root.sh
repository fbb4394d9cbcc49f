#!/usr/bin/env bash
# The static binary in an empty root: a directory holding only /userpkg, /etc/hosts, /etc/resolv.conf,
# an /etc/nsswitch.conf naming NSS modules that are absent there (sss, mdns4_minimal, myhostname),
# /dev/null and /dev/urandom, /proc, /tmp, and a CA bundle in RHEL's place only
# (/etc/pki/tls/certs/ca-bundle.crt): no libc, no ld.so, no shell, no /etc/passwd. Entered with
# chroot --userspec as a uid that has no passwd entry, with env -i and only HOME (and the variables
# a step needs). In it:
#   --version, --help;
#   fetch over HTTPS from nginx on 127.0.0.1 by the name localhost, and by a name only /etc/hosts
#     knows (curl answers "localhost" itself, so the second name is what proves the resolver reads
#     /etc/hosts past the nsswitch.conf modules it cannot load);
#   a refused certificate (wrong CA in the RHEL path, no bundle at all) fails with a clear message,
#     and the CA search order: SSL_CERT_FILE, SSL_CERT_DIR (hashed directory), config ca_file, then
#     the distribution's paths;
#   install of an unpack-only package (a cuda-redist recipe with its manifest in the recipe: it runs
#     no shell and no tool), twice, for two generations; list, generations (text and JSON), rollback;
#   env; shell init / deinit byte-exact; rescue with an empty PATH (and with HOME unset).
set -u
source "$(dirname "$0")/lib.sh"
need_root "the empty-root test"
command -v openssl >/dev/null || skip "openssl is not installed (it makes the test CA)"
static_setup

R=$TEST_TMP/root         # the empty root
S=$TEST_TMP/served       # what nginx serves
H=/home/u                # HOME inside the root
HR=$R$H                  # the same directory seen from outside
NAME=mirror.userpkg.test # a host name that only the root's /etc/hosts knows

# --- the root -----------------------------------------------------------------------------------
mkdir -p "$R" "$R/etc/pki/tls/certs" "$R/dev" "$R/proc" "$R/repo/recipes" "$R/home"
chmod 755 "$R"
STATIC_ROOTS+=("$R")
install -m 755 "$STATIC_BIN" "$R/userpkg"
printf '127.0.0.1 localhost %s\n' "$NAME" >"$R/etc/hosts"
# A name server on loopback: the names the test uses come from /etc/hosts (or, for localhost, from
# curl itself), and the one unknown name is looked up in a network namespace of its own, so no query
# leaves this machine.
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$R/etc/resolv.conf"
cat >"$R/etc/nsswitch.conf" <<'EOF'
passwd:    sss files
group:     sss files
shadow:    files
hosts:     files mdns4_minimal dns myhostname
EOF
install -d -m 1777 "$R/tmp"
for dev in null:3 urandom:9; do
  mknod -m 666 "$R/dev/${dev%:*}" c 1 "${dev#*:}" 2>/dev/null || {
    # No mknod here (e.g. a nodev filesystem): bind the host's node onto an empty file.
    : >"$R/dev/${dev%:*}"
    mount_tracked --bind "/dev/${dev%:*}" "$R/dev/${dev%:*}"
  }
done
mount_tracked -t proc proc "$R/proc"
give_to_user "$HR"
[ ! -e "$R/etc/passwd" ] && [ ! -e "$R/bin/sh" ] && [ ! -e "$R/lib" ] && [ ! -e "$R/lib64" ] ||
  fail "the root is not empty (test is broken)"

# --- the server: a CA whose server certificate also names $NAME ---------------------------------
mkdir -p "$TEST_TMP/nginx" "$TEST_TMP/wrongca" "$S/hello" "$S/greet" "$S/demo"
make_test_ca "$TEST_TMP/nginx" || fail "cannot make the test CA"
(
  cd "$TEST_TMP/nginx" &&
    printf '%s\n' "basicConstraints=CA:FALSE" "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:$NAME" \
      "extendedKeyUsage=serverAuth" >server.ext &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
      -out server.pem
) >"$TEST_TMP/nginx/openssl2.log" 2>&1 || { cat "$TEST_TMP/nginx/openssl2.log" >&2; fail "cannot issue the server certificate"; }
make_test_ca "$TEST_TMP/wrongca" || fail "cannot make a second CA"

work=$TEST_TMP/work
make_project "$work" hello 1.0 app
make_project "$work" greet 1.0 lib
make_tarball "$work" hello-1.0 "$S/hello/hello-1.0.tar.gz"
make_tarball "$work" greet-1.0 "$S/greet/greet-1.0.tar.gz"
# demo: an unpack-only package in NVIDIA's redist layout (one top folder per archive).
for v in 1.0 2.0; do
  top=demo-linux-x86_64-$v-archive
  mkdir -p "$work/$top/bin"
  echo "demo $v" >"$work/$top/bin/demo"
  chmod 755 "$work/$top/bin/demo"
  echo "license of demo (test fixture)" >"$work/$top/LICENSE"
  tar -C "$work" -czf "$S/demo/demo-$v.tar.gz" "$top"
done
start_nginx "$S"
[ "$CA_FILE" = "$TEST_TMP/nginx/ca.pem" ] || fail "nginx did not use the prepared CA (test is broken)"
P=$HTTPS_PORT

write_recipe "$R/repo" hello 1.0 "$(sha256_of "$S/hello/hello-1.0.tar.gz")"
recipe_url "$R/repo" hello "https://localhost:$P/hello/hello-{version}.tar.gz"
write_recipe "$R/repo" greet 1.0 "$(sha256_of "$S/greet/greet-1.0.tar.gz")"
recipe_url "$R/repo" greet "https://$NAME:$P/greet/greet-{version}.tar.gz"
{
  cat <<TOML
name = "demo"
summary = "an unpack-only package: archives merged into the prefix, nothing run (test fixture)"

[build]
system = "cuda-redist"

[redist]
product = "demo"
components = ["demo"]

[versions]
"1.0" = {}
"2.0" = {}

[env]
PATH = ["{prefix}/bin"]
TOML
  for v in 1.0 2.0; do
    cat <<TOML

[redist.manifests."$v"]
release_label = "$v"
release_product = "demo"

[redist.manifests."$v".demo]
name = "demo"
version = "$v"
linux-x86_64 = { url = "https://localhost:$P/demo/demo-$v.tar.gz", sha256 = "$(sha256_of "$S/demo/demo-$v.tar.gz")" }
TOML
  done
} >"$R/repo/recipes/demo.toml"
chmod -R a+rX "$R/repo"

# CA material inside the root: the RHEL bundle (switched per step), the right CA elsewhere, a hashed
# directory of it, the wrong CA.
BUNDLE=$R/etc/pki/tls/certs/ca-bundle.crt
install -m 644 "$CA_FILE" "$R/etc/test-ca.pem"
install -m 644 "$TEST_TMP/wrongca/ca.pem" "$R/etc/wrong-ca.pem"
mkdir -p "$R/etc/test-certs"
install -m 644 "$CA_FILE" "$R/etc/test-certs/test-ca.pem"
openssl rehash "$R/etc/test-certs" 2>/dev/null || {
  h=$(openssl x509 -hash -noout -in "$CA_FILE") && ln -s test-ca.pem "$R/etc/test-certs/$h.0"
} || fail "cannot hash the CA directory"
bundle() { # right | wrong | none
  rm -f "$BUNDLE"
  case $1 in
  right) install -m 644 "$CA_FILE" "$BUNDLE" ;;
  wrong) install -m 644 "$TEST_TMP/wrongca/ca.pem" "$BUNDLE" ;;
  esac
}

# up [VAR=VALUE...] -- ARGS...: /userpkg ARGS in the root as the unprivileged uid.
up() {
  local -a vars=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    vars+=("$1")
    shift
  done
  shift
  in_root "$R" HOME=$H USERPKG_RECIPE_PATH=/repo "${vars[@]}" -- /userpkg "$@"
}

# root_path PATH: PATH inside the root resolved from outside (absolute links taken inside the root).
root_path() {
  local rest=${1#/} cur="" comp target n=0
  while [ -n "$rest" ]; do
    comp=${rest%%/*}
    if [ "$comp" = "$rest" ]; then rest=""; else rest=${rest#*/}; fi
    case $comp in "" | .) continue ;; ..) cur=${cur%/*}; continue ;; esac
    if [ -L "$R$cur/$comp" ]; then
      n=$((n + 1))
      [ "$n" -lt 40 ] || return 1
      target=$(readlink "$R$cur/$comp")
      case $target in
      /*) cur="" rest="${target#/}${rest:+/$rest}" ;;
      *) rest="$target${rest:+/$rest}" ;;
      esac
    else
      cur="$cur/$comp"
    fi
  done
  echo "$R$cur"
}

# --- 1. it starts -------------------------------------------------------------------------------
expect_ok version up -- --version
grep -qE '^userpkg [0-9]' "$TEST_TMP/version.out" || { show version; fail "--version in the empty root"; }
expect_ok help up -- --help
assert_contains "$TEST_TMP/help.out" "install"
expect_ok install_help up -- install --help
assert_contains "$TEST_TMP/install_help.out" "--build-deps"

# --- 2. fetch over HTTPS: by "localhost" and by a name from /etc/hosts, CA from RHEL's path only --
bundle right
cached() { # PREFIX FILE: the download of FILE is in PREFIX's cache (inside the root), same bytes
  local f
  f=$(ls "$HR/$1"/var/cache/downloads/*/"$2" 2>/dev/null | head -n1)
  [ -n "$f" ] && cmp -s "$f" "$S/${2%%-*}/$2"
}
expect_ok fetch_localhost up -- --prefix "$H/prefix" fetch hello@1.0
cached prefix hello-1.0.tar.gz || { show fetch_localhost; fail "fetch by localhost put no verified hello-1.0.tar.gz in the cache"; }
[ "$(nginx_requests "GET /hello/hello-1.0.tar.gz 200")" -ge 1 ] || fail "nginx saw no GET of hello-1.0.tar.gz"
expect_ok fetch_hosts up -- --prefix "$H/prefix" fetch greet@1.0
cached prefix greet-1.0.tar.gz || { show fetch_hosts; fail "fetch by $NAME put no greet-1.0.tar.gz in the cache"; }
[ "$(nginx_requests "GET /greet/greet-1.0.tar.gz 200")" -ge 1 ] || fail "nginx saw no GET of greet-1.0.tar.gz"
# A name that nothing resolves: a clean, quick failure naming the host (no crash, no hang). Run in a
# network namespace of its own (no interface up: the name server in resolv.conf cannot be reached at
# all, whatever listens on this machine), so the answer is the same everywhere and no query leaves.
cat >"$R/repo/recipes/nowhere.toml" <<TOML
name = "nowhere"
summary = "a host no resolver knows (test fixture)"
[source]
url = "https://nowhere.userpkg.test:$P/nowhere-{version}.tar.gz"
[versions]
"1.0" = { sha256 = "$(printf '1%.0s' $(seq 64))" }
[build]
system = "autotools"
TOML
chmod 644 "$R/repo/recipes/nowhere.toml"
if unshare --net true 2>/dev/null; then
  t=$(date +%s)
  expect_fail fetch_unknown_host timeout 120 unshare --net -- /usr/bin/env -i HOME=$H USERPKG_RECIPE_PATH=/repo \
    /usr/sbin/chroot --userspec="$TEST_UID:$TEST_GID" "$R" /userpkg --prefix "$H/p-nowhere" fetch nowhere@1.0
  t=$(($(date +%s) - t))
  assert_contains "$TEST_TMP/fetch_unknown_host.out" "nowhere.userpkg.test"
  [ "$t" -lt 60 ] || fail "an unresolvable name took ${t}s to fail"
else
  echo "note: unshare --net does not work here: not checking an unresolvable name" >&2
fi
rm -f "$R/repo/recipes/nowhere.toml"

# --- 3. certificates: refused when wrong or absent; the order of the CA settings ---------------
# Each step uses a fresh prefix, so no cached download hides a failure.
n=0
tls_try() { # NAME [VAR=VALUE...]: fetch hello into a fresh prefix ($H/tls$n) with those variables; sets rc
  local name=$1
  shift
  n=$((n + 1))
  rc=0
  up "$@" -- --prefix "$H/tls$n" fetch hello@1.0 >"$TEST_TMP/$name.out" 2>&1 || rc=$?
}
bundle wrong
tls_try tls_wrong
[ "$rc" != 0 ] && [ "$rc" -lt 126 ] || { show tls_wrong; fail "a server certificate from another CA was not refused cleanly (exit $rc)"; }
assert_contains "$TEST_TMP/tls_wrong.out" "TLS certificate verification failed"
assert_contains "$TEST_TMP/tls_wrong.out" "/etc/pki/tls/certs/ca-bundle.crt"
cached tls$n hello-1.0.tar.gz && fail "a refused download is in the cache"
bundle none
tls_try tls_none
[ "$rc" != 0 ] && [ "$rc" -lt 126 ] || { show tls_none; fail "a fetch with no CA bundle anywhere did not fail cleanly (exit $rc)"; }
assert_contains "$TEST_TMP/tls_none.out" "CA bundle"
assert_contains "$TEST_TMP/tls_none.out" "/etc/pki/tls/certs/ca-bundle.crt"
assert_contains "$TEST_TMP/tls_none.out" "SSL_CERT_FILE"
# SSL_CERT_FILE beats the distribution's bundle (wrong here).
bundle wrong
tls_try tls_file SSL_CERT_FILE=/etc/test-ca.pem
[ "$rc" = 0 ] || { show tls_file; fail "SSL_CERT_FILE did not take precedence over the RHEL bundle"; }
# SSL_CERT_DIR (a hashed directory), with no bundle anywhere.
bundle none
tls_try tls_dir SSL_CERT_DIR=/etc/test-certs
[ "$rc" = 0 ] || { show tls_dir; fail "SSL_CERT_DIR with the CA's hash link was not used"; }
# SSL_CERT_FILE beats SSL_CERT_DIR.
tls_try tls_file_dir SSL_CERT_FILE=/etc/wrong-ca.pem SSL_CERT_DIR=/etc/test-certs
[ "$rc" != 0 ] || { show tls_file_dir; fail "SSL_CERT_DIR was used although SSL_CERT_FILE is set"; }
assert_contains "$TEST_TMP/tls_file_dir.out" "/etc/wrong-ca.pem"
# ca_file in the config beats the distribution's bundle; SSL_CERT_FILE beats ca_file.
bundle wrong
mkdir -p "$HR/.config/userpkg"
printf 'ca_file = "/etc/test-ca.pem"\n' >"$HR/.config/userpkg/config.toml"
chown -R "$TEST_UID:$TEST_GID" "$HR/.config"
tls_try tls_config
[ "$rc" = 0 ] || { show tls_config; fail "ca_file in the config did not take precedence over the RHEL bundle"; }
tls_try tls_env_config SSL_CERT_FILE=/etc/wrong-ca.pem
[ "$rc" != 0 ] || { show tls_env_config; fail "ca_file was used although SSL_CERT_FILE is set"; }
assert_contains "$TEST_TMP/tls_env_config.out" "/etc/wrong-ca.pem"
rm -rf "$HR/.config"
bundle right

# --- 4. two generations without a shell; list, generations, rollback ---------------------------
PFX=$H/prefix
expect_ok generations_none up -- generations
assert_contains "$TEST_TMP/generations_none.out" "no generations yet"
expect_ok install1 up -- install demo@1.0
expect_ok install2 up -- install demo@2.0
[ "$(readlink "$HR/prefix/profiles/current")" = 2 ] ||
  { show install2; fail "expected generation 2 after two installs, have '$(readlink "$HR/prefix/profiles/current")'"; }
demo=$(root_path "$PFX/bin/demo") || fail "cannot resolve $PFX/bin/demo"
[ "$(cat "$demo" 2>/dev/null)" = "demo 2.0" ] || fail "bin/demo is not demo 2.0 ($demo: $(cat "$demo" 2>&1))"
expect_ok list up -- list
assert_contains "$TEST_TMP/list.out" "demo"
expect_ok generations up -- generations
assert_contains "$TEST_TMP/generations.out" "userpkg install demo@1.0"
assert_contains "$TEST_TMP/generations.out" "+demo 2.0, -demo 1.0"
grep -qE '^\* +2 ' "$TEST_TMP/generations.out" || { show generations; fail "generation 2 is not marked current"; }
expect_ok generations_json up -- generations --json
python3 - "$TEST_TMP/generations_json.out" <<'PY' || { show generations_json; fail "generations --json is wrong"; }
import json, sys
gens = json.load(open(sys.argv[1]))
assert [g["number"] for g in gens] == [1, 2], gens
assert [g["current"] for g in gens] == [False, True], gens
assert gens[1]["added"] == [{"name": "demo", "version": "2.0"}], gens[1]
PY
expect_ok rollback up -- rollback
assert_contains "$TEST_TMP/rollback.out" "from generation 2 to 1"
[ "$(readlink "$HR/prefix/profiles/current")" = 1 ] || { show rollback; fail "rollback did not make generation 1 current"; }
demo=$(root_path "$PFX/bin/demo") || fail "cannot resolve $PFX/bin/demo"
[ "$(cat "$demo" 2>/dev/null)" = "demo 1.0" ] || fail "after the rollback bin/demo is not demo 1.0 ($(cat "$demo" 2>&1))"
expect_fail rollback_oldest up -- rollback
assert_contains "$TEST_TMP/rollback_oldest.out" "oldest"
# Everything userpkg wrote belongs to the uid (and it could write nowhere else).
[ -z "$(find "$HR" ! -uid "$TEST_UID" -print -quit)" ] || fail "files not owned by uid $TEST_UID under $H: $(find "$HR" ! -uid "$TEST_UID" | head)"

# --- 5. env -------------------------------------------------------------------------------------
expect_ok env up -- env
assert_contains "$TEST_TMP/env.out" "$PFX/bin"
expect_ok env_fish up -- env --shell fish
assert_contains "$TEST_TMP/env_fish.out" "$PFX/bin"

# --- 6. shell init / deinit, byte for byte -------------------------------------------------------
# A .bashrc with a line rescue will name, and no final newline; a .profile; nothing else.
printf '# my bashrc\nexport EDITOR=vi\nexport PATH=/opt/nowhere/bin\nalias ll="ls -l"' >"$HR/.bashrc"
printf '# my profile\n[ -f ~/.bashrc ] && . ~/.bashrc\n' >"$HR/.profile"
chown "$TEST_UID:$TEST_GID" "$HR/.bashrc" "$HR/.profile"
mkdir -p "$TEST_TMP/orig"
cp "$HR/.bashrc" "$TEST_TMP/orig/bashrc"
cp "$HR/.profile" "$TEST_TMP/orig/profile"
home_files() { (cd "$HR" && find . -path ./prefix -prune -o -printf '%p %y %s\n' | sort); }
before=$(home_files)
expect_ok shell_init up -- shell init --shell bash
grep -qxF '# >>> userpkg >>>' "$HR/.bashrc" || { show shell_init; fail "init wrote no userpkg block into .bashrc: $(cat "$HR/.bashrc")"; }
grep -qxF '# <<< userpkg <<<' "$HR/.bashrc" || fail "the block in .bashrc has no end marker"
assert_contains "$HR/.bashrc" "'$PFX/etc/userpkg/env.sh'"
[ "$(head -c "$(stat -c %s "$TEST_TMP/orig/bashrc")" "$HR/.bashrc")" = "$(cat "$TEST_TMP/orig/bashrc")" ] ||
  fail "init changed the lines of .bashrc before its block"
envsh=$(root_path "$PFX/etc/userpkg/env.sh")
[ -f "$envsh" ] || fail "init did not write $PFX/etc/userpkg/env.sh"
assert_contains "$envsh" "$PFX/bin"
changed=$(home_files)
expect_ok shell_init_again up -- shell init --shell bash
assert_contains "$TEST_TMP/shell_init_again.out" "unchanged"
[ "$(home_files)" = "$changed" ] || fail "a second init changed the home directory"
expect_ok shell_deinit up -- shell deinit
cmp "$HR/.bashrc" "$TEST_TMP/orig/bashrc" || fail "deinit did not restore .bashrc byte for byte"
cmp "$HR/.profile" "$TEST_TMP/orig/profile" || fail "deinit did not restore .profile byte for byte"
[ "$(home_files)" = "$before" ] || {
  diff <(echo "$before") <(home_files) >&2
  fail "deinit left the home directory different from before init"
}

# --- 7. rescue with an empty PATH (and with HOME unset) ------------------------------------------
expect_ok rescue up PATH= -- rescue
assert_contains "$TEST_TMP/rescue.out" "Your current PATH: (empty)"
grep -q '^export PATH=' "$TEST_TMP/rescue.out" || { show rescue; fail "rescue printed no export line"; }
grep '^export PATH=' "$TEST_TMP/rescue.out" | grep -qF "$PFX/bin" || { show rescue; fail "rescue's export line lacks $PFX/bin"; }
assert_contains "$TEST_TMP/rescue.out" "$H/.bashrc:3: export PATH=/opt/nowhere/bin"
# No HOME and no passwd entry: a clear refusal naming HOME (nsswitch.conf names sss, absent here).
rc=$(run_logged rescue_nohome in_root "$R" PATH= -- /userpkg rescue)
if [ "$rc" != 0 ]; then
  [ "$rc" -lt 126 ] || { show rescue_nohome; fail "rescue without HOME crashed (exit $rc)"; }
  assert_contains "$TEST_TMP/rescue_nohome.out" "HOME"
fi
cmp "$HR/.bashrc" "$TEST_TMP/orig/bashrc" || fail "rescue (without --fix) changed .bashrc"

echo "ok ($(elapsed))"
