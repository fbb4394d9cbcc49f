# Shell harness for end-to-end tests: `source "$(dirname "$0")/lib.sh"` at the top of a test_*.sh.
# Gives a throw-away HOME, a local nginx (HTTP + HTTPS with a CA made at test time) and assertions.
# Works as root and as a normal user: no privileged ports, no /var paths.
# The Catch2 helper (tests/unit/support/nginx_server.cpp) calls nginx_launch from here too, so there
# is one nginx configuration for both kinds of tests.

NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

skip() {
  echo "SKIP: $*" >&2
  exit 77
}

# setup_tmp: a fresh TEST_TMP with HOME inside it; everything (nginx included) is cleaned up on exit.
setup_tmp() {
  TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/userpkg-e2e.XXXXXX") || fail "cannot create a temp dir"
  export HOME="$TEST_TMP/home"
  mkdir -p "$HOME"
  trap _cleanup_tmp EXIT
}

_cleanup_tmp() {
  local status=$?
  stop_nginx
  if [ "$status" -ne 0 ] && [ -n "${KEEP_TMP:-}" ]; then
    echo "kept $TEST_TMP" >&2
  else
    rm -rf "$TEST_TMP"
  fi
}

# A script with a line "# test-user: root" runs as root under ctest (tests/run-as-user) to set things
# up (a tmpfs, a network namespace), and runs userpkg through as_test_user on paths given_to_test_user.
# Where there is no such user (not root, or none made), both leave the caller as it is.
_test_user() {
  [ "$(id -u)" = 0 ] && [ -n "${USERPKG_TEST_USER:-}" ] && id -u "$USERPKG_TEST_USER" >/dev/null 2>&1
}

# as_test_user CMD ARGS...: CMD as the ordinary test user, in this environment.
as_test_user() {
  if _test_user; then
    setpriv --reuid="$USERPKG_TEST_USER" --regid="$(id -g "$USERPKG_TEST_USER")" --init-groups -- "$@"
  else
    "$@"
  fi
}

# give_to_test_user PATH...: PATH (recursively) owned by the test user, and its parents enterable.
give_to_test_user() {
  _test_user || return 0
  chown -R "$USERPKG_TEST_USER:$(id -g "$USERPKG_TEST_USER")" "$@" || fail "cannot give $* to $USERPKG_TEST_USER"
  [ -z "${TEST_TMP:-}" ] || chmod 755 "$TEST_TMP"
}

# assert_contains FILE TEXT: FILE holds TEXT (fixed string).
assert_contains() {
  grep -qF -- "$2" "$1" || {
    echo "--- $1:" >&2
    cat "$1" >&2
    fail "expected '$2' in $1"
  }
}

assert_not_contains() {
  ! grep -qF -- "$2" "$1" || fail "did not expect '$2' in $1"
}

# assert_exit CODE cmd...: runs cmd (output to $TEST_TMP/out) and checks its exit status.
assert_exit() {
  local want=$1 got=0
  shift
  "$@" >"${TEST_TMP:-/tmp}/out" 2>&1 || got=$?
  if [ "$got" -ne "$want" ]; then
    cat "${TEST_TMP:-/tmp}/out" >&2
    fail "expected exit $want, got $got: $*"
  fi
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now (nginx_launch retries
# on the rare race where someone takes it before nginx binds).
free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# make_test_ca DIR: DIR/ca.pem (a CA made now) and DIR/server.{pem,key} for 127.0.0.1 and localhost.
make_test_ca() {
  local dir=$1
  (
    cd "$dir" || exit 1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -keyout ca.key -out ca.pem -subj "/CN=userpkg test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout server.key -out server.csr -subj "/CN=localhost" &&
      printf '%s\n' "basicConstraints=CA:FALSE" "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        "extendedKeyUsage=serverAuth" >server.ext &&
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile server.ext -out server.pem
  ) >"$dir/openssl.log" 2>&1 || {
    cat "$dir/openssl.log" >&2
    return 1
  }
}

# write_nginx_conf DIR ROOT HTTP_PORT HTTPS_PORT
# Locations besides ROOT itself (all serve ROOT's files unless they fail on purpose):
#   /fail503/...  always 503 (retry tests)      /fail404/...  always 404
#   /norange/...  ignores Range (answers 200)   /slow/...     4 KB/s (to cut a transfer midway)
#   /rate1m/...   1 MB/s (a real download that lasts a few seconds)
# access.log lines: "<method> <uri> <status> range=<Range header or ->".
write_nginx_conf() {
  local dir=$1 root=$2 http_port=$3 https_port=$4 user_line=""
  # As root, workers would drop to "nobody" and could not read a 0700 temp dir.
  [ "$(id -u)" = 0 ] && user_line="user root;"
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events { worker_connections 256; }
http {
  default_type application/octet-stream;
  log_format probe '\$request_method \$uri \$status range=\$http_range';
  access_log $dir/access.log probe;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  sendfile on;
  server {
    listen 127.0.0.1:$http_port;
    listen 127.0.0.1:$https_port ssl;
    server_name localhost;
    ssl_certificate $dir/server.pem;
    ssl_certificate_key $dir/server.key;
    root $root;
    location /fail503/ { return 503; }
    location /fail404/ { return 404; }
    location /norange/ { alias $root/; max_ranges 0; }
    location /slow/ { alias $root/; limit_rate 4k; }
    location /rate1m/ { alias $root/; limit_rate 1m; }
  }
}
EOF
}

# nginx_launch DIR ROOT: certificates, config and a running nginx in DIR (which must exist).
# Sets HTTP_PORT HTTPS_PORT HTTP_URL HTTPS_URL CA_FILE NGINX_DIR.
nginx_launch() {
  local dir=$1 root=$2 try
  [ -x "$NGINX_BIN" ] || {
    echo "nginx not found at $NGINX_BIN (apt-get install nginx-light)" >&2
    return 1
  }
  [ -f "$dir/ca.pem" ] || make_test_ca "$dir" || return 1
  for try in 1 2 3 4 5; do
    HTTP_PORT=$(free_port) && HTTPS_PORT=$(free_port) || return 1
    [ "$HTTP_PORT" != "$HTTPS_PORT" ] || continue
    write_nginx_conf "$dir" "$root" "$HTTP_PORT" "$HTTPS_PORT"
    if "$NGINX_BIN" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" 2>>"$dir/error.log"; then
      NGINX_DIR=$dir
      export HTTP_PORT HTTPS_PORT NGINX_DIR
      export HTTP_URL="http://127.0.0.1:$HTTP_PORT"
      export HTTPS_URL="https://127.0.0.1:$HTTPS_PORT"
      export CA_FILE="$dir/ca.pem"
      return 0
    fi
  done
  cat "$dir/error.log" >&2
  return 1
}

# nginx_stop_dir DIR: stops the nginx whose pid file is in DIR and waits until it is gone.
nginx_stop_dir() {
  local pid i
  pid=$(cat "$1/nginx.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  # nginx removes its pid file as it exits (the process itself may linger as a zombie when
  # nothing reaps orphans, so kill -0 is no test).
  for i in $(seq 1 100); do
    [ -e "$1/nginx.pid" ] || return 0
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null
  return 0
}

# start_nginx ROOT: serves ROOT (needs setup_tmp first); stopped automatically at exit.
start_nginx() {
  [ -n "${TEST_TMP:-}" ] || fail "start_nginx needs setup_tmp first"
  mkdir -p "$TEST_TMP/nginx"
  nginx_launch "$TEST_TMP/nginx" "$1" || fail "cannot start nginx"
}

stop_nginx() {
  [ -n "${NGINX_DIR:-}" ] || return 0
  nginx_stop_dir "$NGINX_DIR"
  NGINX_DIR=
}

# nginx_requests PATTERN: how many access-log lines contain PATTERN.
nginx_requests() {
  grep -cF -- "$1" "$NGINX_DIR/access.log" 2>/dev/null || true
}
