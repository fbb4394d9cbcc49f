#!/usr/bin/env bash
# fetch.sh NAME FILE URL SHA256 DEST_DIR: puts a verified copy of FILE into DEST_DIR.
# Looks in $USERPKG_THIRD_PARTY_MIRROR/NAME/FILE first (a directory laid out like userpkg's own
# mirrors), then downloads URL; either way the bytes must have SHA256, or nothing is kept.
set -euo pipefail
name=$1 file=$2 url=$3 sha=$4 dest=$5
out="$dest/$file"
verified() { echo "$sha  $1" | sha256sum -c --status 2>/dev/null; }

[ -f "$out" ] && verified "$out" && exit 0
mkdir -p "$dest"
rm -f "$out.part"
mirror=${USERPKG_THIRD_PARTY_MIRROR:-}
if [ -n "$mirror" ] && [ -f "$mirror/$name/$file" ]; then
  cp "$mirror/$name/$file" "$out.part"
  from="$mirror/$name/$file"
else
  [ -z "$mirror" ] || echo "third_party: $name: $mirror/$name/$file not found, downloading $url" >&2
  curl -fsSL --retry 3 --connect-timeout 30 -o "$out.part" "$url" || {
    rm -f "$out.part"
    echo "third_party: cannot download $url" >&2
    echo "  where there is no internet, put $file into DIR/$name/ and run again with USERPKG_THIRD_PARTY_MIRROR=DIR" >&2
    exit 1
  }
  from=$url
fi
if ! verified "$out.part"; then
  actual=$(sha256sum "$out.part" | cut -d' ' -f1)
  rm -f "$out.part"
  echo "third_party: $from has sha256 $actual, third_party/sources.tsv expects $sha; nothing kept" >&2
  exit 1
fi
mv "$out.part" "$out"
