# Fixture projects and recipes made at test time, for the e2e tests (source after lib.sh).
#   make_project DIR NAME VERSION [KIND]  a small autotools-style project (hand-written configure,
#                                         honours --prefix, DESTDIR, CC/CFLAGS/CPPFLAGS/LDFLAGS)
#       KIND=lib      builds lib<NAME>.so and installs include/<NAME>.h
#       KIND=app      builds bin/<NAME>, linking -lgreet (needs the greet library)
#       KIND=fail     make fails
#       KIND=slow     configure sleeps 3 s (lock and interrupt tests)
#   make_tarball SRC_PARENT NAME-VERSION OUT.tar.gz
#   write_recipe REPO NAME VERSION SHA256 [EXTRA_TOML]   REPO/recipes/NAME.toml
#   sha256_of FILE

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# write_configure_stub DIR: DIR/configure standing in for an autoconf configure script: it records
# --prefix in config.mk for the Makefile (SLOW_CONFIGURE=N makes it take N seconds).
write_configure_stub() {
  cat >"$1/configure" <<'CONF'
#!/bin/sh
prefix=/usr/local
for arg in "$@"; do
  case $arg in
    --prefix=*) prefix=${arg#--prefix=} ;;
  esac
done
[ -n "$SLOW_CONFIGURE" ] && sleep "$SLOW_CONFIGURE"
echo "PREFIX = $prefix" >config.mk
echo "configured for $prefix"
CONF
  chmod +x "$1/configure"
}

make_project() {
  local dir=$1 name=$2 version=$3 kind=${4:-app}
  local src="$dir/$name-$version"
  mkdir -p "$src"
  write_configure_stub "$src"
  case $kind in
  lib)
    cat >"$src/$name.c" <<C
#include <stdio.h>
void ${name}_say(const char *who) { printf("hello, %s, from $name $version\n", who); }
C
    printf 'void %s_say(const char *who);\n' "$name" >"$src/$name.h"
    cat >"$src/Makefile" <<MK
include config.mk
all: lib$name.so
lib$name.so: $name.c
	\$(CC) \$(CFLAGS) -fPIC -shared -o \$@ $name.c
install:
	mkdir -p \$(DESTDIR)\$(PREFIX)/lib \$(DESTDIR)\$(PREFIX)/include
	cp lib$name.so \$(DESTDIR)\$(PREFIX)/lib/
	cp $name.h \$(DESTDIR)\$(PREFIX)/include/
MK
    ;;
  app | fail | slow)
    cat >"$src/$name.c" <<C
#include <greet.h>
int main(void) { greet_say("$name"); return 0; }
C
    local build_rule="\$(CC) \$(CPPFLAGS) \$(CFLAGS) \$(LDFLAGS) -o $name $name.c -lgreet"
    [ "$kind" = fail ] && build_rule="@echo 'error: this build fails on purpose' >&2; exit 1"
    cat >"$src/Makefile" <<MK
include config.mk
all: $name
$name: $name.c
	$build_rule
install:
	mkdir -p \$(DESTDIR)\$(PREFIX)/bin
	cp $name \$(DESTDIR)\$(PREFIX)/bin/
MK
    ;;
  esac
}

make_tarball() {
  tar -C "$1" -czf "$3" "$2"
}

write_recipe() {
  local repo=$1 name=$2 version=$3 sha=$4 extra=${5:-}
  mkdir -p "$repo/recipes"
  cat >"$repo/recipes/$name.toml" <<TOML
name = "$name"
summary = "$name, a test fixture"
homepage = "https://example.invalid/$name"

[source]
url = "https://upstream.invalid/$name-{version}.tar.gz"

[versions]
"$version" = { sha256 = "$sha" }

[build]
system = "autotools"
$extra
TOML
}

# fixture_world: the greet library and the hello app, served by nginx as a mirror, with recipes
# in $REPO (on USERPKG_RECIPE_PATH). Sets MIRROR_ROOT, REPO, USERPKG_PREFIX.
fixture_world() {
  MIRROR_ROOT="$TEST_TMP/mirror"
  REPO="$TEST_TMP/repo"
  local work="$TEST_TMP/work"
  mkdir -p "$MIRROR_ROOT/greet" "$MIRROR_ROOT/hello" "$work"
  make_project "$work" greet 1.0 lib
  make_project "$work" hello 2.0 app
  make_tarball "$work" greet-1.0 "$MIRROR_ROOT/greet/greet-1.0.tar.gz"
  make_tarball "$work" hello-2.0 "$MIRROR_ROOT/hello/hello-2.0.tar.gz"
  write_recipe "$REPO" greet 1.0 "$(sha256_of "$MIRROR_ROOT/greet/greet-1.0.tar.gz")"
  write_recipe "$REPO" hello 2.0 "$(sha256_of "$MIRROR_ROOT/hello/hello-2.0.tar.gz")" \
    '[test]
commands = ["{prefix}/bin/hello"]

[depends]
greet = {}'
  export USERPKG_RECIPE_PATH="$REPO"
  export USERPKG_PREFIX="$TEST_TMP/prefix"
  start_nginx "$MIRROR_ROOT"
  export USERPKG_MIRRORS="$HTTP_URL"
}

# prefix_snapshot: a listing of the prefix that changes when anything in it changes (but not the
# lock file and the cache, which a failed run may legitimately touch).
prefix_snapshot() {
  (cd "$USERPKG_PREFIX" 2>/dev/null && find . -path ./var/cache -prune -o -path ./var/lock -prune -o -path ./var/log -prune -o -printf '%p %l\n' | sort)
}

# recipe_url REPO NAME URL: points NAME's recipe (written by write_recipe) at URL ({version} is
# allowed) instead of the unreachable upstream.invalid.
recipe_url() {
  local file="$1/recipes/$2.toml"
  [ -f "$file" ] || fail "recipe_url: no recipe $file"
  sed -i "s|^url = \"https://upstream.invalid/.*\"\$|url = \"$3\"|" "$file"
  grep -qF "url = \"$3\"" "$file" || fail "recipe_url: cannot set the URL in $file"
}
