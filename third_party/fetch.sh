#!/usr/bin/env bash
# fetch.sh NAME FILE SHA256 DEST_DIR URL...: puts a verified copy of FILE into DEST_DIR.
# Looks in $USERPKG_THIRD_PARTY_MIRROR/NAME/FILE first (a directory laid out like userpkg's own
# mirrors), then downloads each URL in turn; whatever the place, the bytes must have SHA256, or
# nothing is kept.
set -euo pipefail
name=$1 file=$2 sha=$3 dest=$4
shift 4
out="$dest/$file"
verified() { echo "$sha  $1" | sha256sum -c --status 2>/dev/null; }

[ -f "$out" ] && verified "$out" && exit 0
mkdir -p "$dest"
rm -f "$out.part"
mirror=${USERPKG_THIRD_PARTY_MIRROR:-}
if [ -n "$mirror" ] && [ -f "$mirror/$name/$file" ]; then
  cp "$mirror/$name/$file" "$out.part"
  verified "$out.part" && mv "$out.part" "$out" && exit 0
  echo "third_party: $mirror/$name/$file has sha256 $(sha256sum "$out.part" | cut -d' ' -f1), third_party/sources.tsv expects $sha; not used" >&2
  rm -f "$out.part"
fi
for url in "$@"; do
  if ! curl -fsSL --retry 3 --connect-timeout 30 -o "$out.part" "$url"; then
    echo "third_party: cannot download $url" >&2
  elif verified "$out.part"; then
    mv "$out.part" "$out"
    exit 0
  else
    echo "third_party: $url has sha256 $(sha256sum "$out.part" | cut -d' ' -f1), third_party/sources.tsv expects $sha; not used" >&2
  fi
  rm -f "$out.part"
done
echo "third_party: no verified copy of $file for $name" >&2
echo "  where there is no internet, put $file into DIR/$name/ and run again with USERPKG_THIRD_PARTY_MIRROR=DIR" >&2
exit 1
