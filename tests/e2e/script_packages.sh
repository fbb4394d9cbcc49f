# Fixture packages whose programs are shell scripts (no compiler involved), in several versions,
# for the generations and modules tests. Source after world.sh (needs MIRROR_ROOT and REPO).
#   add_script_package NAME PROGRAM VERSION...
#     For each VERSION: a project installing bin/PROGRAM (prints "NAME VERSION"), a man page and a
#     pkg-config file, packed into the mirror; one recipe NAME listing every VERSION.

_make_script_project() {
  local dir=$1 name=$2 version=$3 program=$4
  local src="$dir/$name-$version"
  mkdir -p "$src"
  write_configure_stub "$src"
  printf '#!/bin/sh\necho "%s %s"\n' "$name" "$version" >"$src/$program"
  printf '.TH %s 1\n.SH NAME\n%s \\- %s %s\n' "$program" "$program" "$name" "$version" >"$src/$program.1"
  printf 'Name: %s\nVersion: %s\nDescription: fixture\n' "$name" "$version" >"$src/$name.pc"
  cat >"$src/Makefile" <<MK
include config.mk
all:
	@true
install:
	mkdir -p \$(DESTDIR)\$(PREFIX)/bin \$(DESTDIR)\$(PREFIX)/share/man/man1 \$(DESTDIR)\$(PREFIX)/lib/pkgconfig
	cp $program \$(DESTDIR)\$(PREFIX)/bin/
	chmod 755 \$(DESTDIR)\$(PREFIX)/bin/$program
	cp $program.1 \$(DESTDIR)\$(PREFIX)/share/man/man1/
	cp $name.pc \$(DESTDIR)\$(PREFIX)/lib/pkgconfig/
MK
}

add_script_package() {
  local name=$1 program=$2 work="$TEST_TMP/work-$1" version
  shift 2
  mkdir -p "$MIRROR_ROOT/$name" "$work" "$REPO/recipes"
  {
    printf 'name = "%s"\nsummary = "%s, a test fixture"\nhomepage = "https://example.invalid/%s"\n\n' "$name" "$name" "$name"
    printf '[source]\nurl = "https://upstream.invalid/%s-{version}.tar.gz"\n\n[versions]\n' "$name"
    for version in "$@"; do
      _make_script_project "$work" "$name" "$version" "$program"
      make_tarball "$work" "$name-$version" "$MIRROR_ROOT/$name/$name-$version.tar.gz"
      printf '"%s" = { sha256 = "%s" }\n' "$version" "$(sha256_of "$MIRROR_ROOT/$name/$name-$version.tar.gz")"
    done
    printf '\n[build]\nsystem = "autotools"\n'
  } >"$REPO/recipes/$name.toml"
}
