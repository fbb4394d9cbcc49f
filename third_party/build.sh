#!/usr/bin/env bash
# build.sh OUT: the static libraries the static userpkg links, in OUT/prefix/{lib,include}.
# Each source in sources.tsv is fetched and verified (fetch.sh), unpacked afresh into OUT/src and
# built with its NAME.sh; OUT/stamps/NAME records the sha256 and build steps it was made from (and
# those of every library above it in sources.tsv, which it links), so a second run rebuilds only
# what changed. What Debian's static libraries already serve (zlib, bzip2,
# xz, zstd, c-ares) is checked for, not built. Environment: USERPKG_THIRD_PARTY_MIRROR (a directory
# <dir>/<name>/<file> to take sources from), JOBS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
export PREFIX="$out/prefix" JOBS=${JOBS:-$(nproc)}
export CFLAGS="-O2" CC=${CC:-gcc}

# Debian's static libraries: self-contained (they need only the C library).
libdir=/usr/lib/$(gcc -print-multiarch)
missing=()
for pair in libz.a:zlib1g-dev libbz2.a:libbz2-dev liblzma.a:liblzma-dev libzstd.a:libzstd-dev; do
  [ -f "$libdir/${pair%%:*}" ] || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "third_party: the static build needs Debian's static libraries from: ${missing[*]}" >&2
  echo "  as root: apt-get install ${missing[*]}   (or: make deps)" >&2
  exit 1
fi

# copy_licenses NAME SRC: the licence texts of a source, which travel with the binary (make dist).
copy_licenses() {
  rm -rf "$out/licenses/$1" && mkdir -p "$out/licenses/$1"
  find "$2" -maxdepth 1 -type f \( -name 'LICENSE*' -o -name 'COPYING*' \) -exec cp {} "$out/licenses/$1/" \;
  [ -n "$(ls "$out/licenses/$1")" ] || { echo "third_party: $1: no LICENSE or COPYING file in $2" >&2; exit 1; }
}

mkdir -p "$out/downloads" "$out/src" "$out/stamps" "$out/logs"
chain=""
grep -v '^#' "$here/sources.tsv" | while IFS=$'\t' read -r name version urls sha; do
  [ -n "$name" ] || continue
  read -r -a url_list <<<"$urls"
  url=${url_list[0]}
  file=${url##*/}
  chain=$(echo "$chain $sha $(sha256sum "$here/$name.sh" | cut -d' ' -f1)" | sha256sum | cut -d' ' -f1)
  stamp=$chain
  if [ "$(cat "$out/stamps/$name" 2>/dev/null)" = "$stamp" ]; then
    echo "third_party: $name $version is built"
    copy_licenses "$name" "$out/src/$name-$version"
    continue
  fi
  "$here/fetch.sh" "$name" "$file" "$sha" "$out/downloads" "${url_list[@]}"
  src="$out/src/$name-$version"
  rm -rf "$src" "$out/stamps/$name"
  mkdir -p "$src"
  tar -xf "$out/downloads/$file" -C "$src" --strip-components=1
  echo "third_party: building $name $version (log: $out/logs/$name.log)"
  if ! (cd "$src" && source "$here/$name.sh") >"$out/logs/$name.log" 2>&1; then
    tail -n 30 "$out/logs/$name.log" >&2
    echo "third_party: building $name $version failed; the whole log is $out/logs/$name.log" >&2
    exit 1
  fi
  copy_licenses "$name" "$src"
  echo "$stamp" >"$out/stamps/$name"
done
# And those of the Debian libraries linked in with them: the C library, the C++ runtime, the
# compression libraries.
for pkg in libc6 libstdc++6 libgcc-s1 zlib1g libbz2-1.0 liblzma5 libzstd1; do
  if [ -f "/usr/share/doc/$pkg/copyright" ]; then
    mkdir -p "$out/licenses/debian-$pkg"
    cp "/usr/share/doc/$pkg/copyright" "$out/licenses/debian-$pkg/copyright"
  fi
done
echo "third_party: static libraries ready in $PREFIX/lib"
