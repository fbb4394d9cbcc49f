# Helpers for tests that prove an install needs no network (sourced after lib.sh).
# no_network CMD…: runs CMD where nothing can be reached: a new network namespace (unshare -n; as an
# ordinary user inside a user namespace that maps only the user itself, so CMD keeps its uid and
# has no capabilities), else (no rights for that) with every proxy variable pointed at a dead port,
# and says so.
if unshare -n true 2>/dev/null; then
  no_network() { unshare -n "$@"; }
  echo "offline installs run in a network namespace without network (unshare -n)"
elif unshare --map-current-user -n true 2>/dev/null; then
  no_network() { unshare --map-current-user -n "$@"; }
  echo "offline installs run in a network namespace without network (unshare --map-current-user -n)"
else
  no_network() {
    env http_proxy=http://127.0.0.1:1 https_proxy=http://127.0.0.1:1 all_proxy=http://127.0.0.1:1 \
      HTTP_PROXY=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:1 ALL_PROXY=http://127.0.0.1:1 no_proxy= NO_PROXY= "$@"
  }
  echo "NOTE: unshare -n is not permitted here: offline installs run with all proxies at 127.0.0.1:1 instead"
fi

# mirror_listing DIR: the files in DIR as <recipe>/<file>, sorted.
mirror_listing() { (cd "$1" && find . -type f | sed 's|^\./||' | sort); }
# fetch_listing OUT: the "Files:" lines of `userpkg fetch`'s output, sorted.
fetch_listing() { sed -n '/^Files:$/,$p' "$1" | sed -n 's/^  //p' | sort; }
