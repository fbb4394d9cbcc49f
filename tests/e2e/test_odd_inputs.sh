#!/usr/bin/env bash
# Odd inputs get a clear error (exit 1), never an internal error, a silent default or a change that
# did not happen: prefixes no build system can take (refused before any download), a <prefix>/bin
# userpkg did not make, empty values, -j 0, --tcl --no-tcl, recipe repositories whose recipes/ or
# patches/ is a symlink out, over-long repo names, rc files that are directories, missing
# directories, dangling links, hand-written lines in the userpkg block, and read-only rc files
# (as an ordinary user: root ignores file modes).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/world.sh"
P=$USERPKG_PREFIX
O=$TEST_TMP/out

# --- prefixes build systems cannot take: refused up front, naming the character, nothing fetched.
prefix_characters() {
  for bad in "my prefix" "it's" 'a`id`b' 'a$(id)b' 'x:y' 'back\slash'; do
    assert_exit 1 "$U" --prefix "$TEST_TMP/$bad" install hello
    assert_contains "$O" "cannot use the prefix $TEST_TMP/$bad: its path contains"
    assert_contains "$O" "make a symbolic link with a plain name"
    [ ! -e "$TEST_TMP/$bad" ] || fail "the refused prefix '$bad' was created"
  done
  assert_exit 1 "$U" --prefix "$TEST_TMP/my prefix" install hello
  assert_contains "$O" "its path contains a space"
  assert_exit 1 "$U" --prefix "$TEST_TMP/x:y" install hello
  assert_contains "$O" "a colon (:), which would split PATH"
  [ "$(nginx_requests greet)" = 0 ] || fail "a refused prefix still downloaded something"
  # A link with a plain name to such a directory is the way out, as the message says.
  mkdir -p "$TEST_TMP/my dir/prefix"
  ln -s "$TEST_TMP/my dir/prefix" "$TEST_TMP/plain"
  assert_exit 0 "$U" --prefix "$TEST_TMP/plain" install hello
  assert_exit 0 "$TEST_TMP/plain/bin/hello"
}

# --- <prefix>/bin that userpkg did not make (--prefix $HOME with its own ~/bin).
foreign_bin() {
  mkdir -p "$HOME/bin"
  echo mine >"$HOME/bin/tool"
  assert_exit 1 "$U" --prefix "$HOME" install greet
  assert_contains "$O" "$HOME/bin is a directory that userpkg did not make"
  assert_not_contains "$O" "now holds the programs"
  [ ! -e "$HOME/pkgs" ] || fail "install went ahead with a foreign $HOME/bin"
  [ "$(cat "$HOME/bin/tool")" = mine ] || fail "the user's ~/bin was changed"
  # doctor names it in a prefix whose bin was replaced after the fact.
  assert_exit 0 "$U" install greet
  rm "$P/bin" && mkdir "$P/bin"
  "$U" doctor >"$O" 2>&1
  assert_contains "$O" "$P/bin is a directory that userpkg did not make"
  assert_not_contains "$O" "install records and profile links agree"
  rmdir "$P/bin" && ln -s profiles/current/bin "$P/bin"
}

# --- empty values and odd options.
empty_values() {
  assert_exit 1 "$U" mirror create '' greet
  assert_contains "$O" "the argument dir of \`create\` is empty"
  assert_not_contains "$O" "internal error"
  assert_exit 1 "$U" --mirror '' install greet
  assert_contains "$O" "the value of --mirror is empty"
  assert_exit 1 "$U" --prefix '' list
  assert_contains "$O" "the value of --prefix is empty"
  assert_exit 1 "$U" install --python '' greet
  assert_contains "$O" "the value of --python is empty"
}

odd_options() {
  assert_exit 1 "$U" -j 0 install greet
  assert_contains "$O" "-j must be at least 1"
  assert_exit 1 "$U" -j -5 install greet
  "$U" module refresh --tcl --no-tcl >"$O" 2>&1 && fail "module refresh --tcl --no-tcl was accepted"
  assert_contains "$O" "excludes"
  mkdir -p "$HOME/.config/userpkg"
  printf 'mirrors = [""]\n' >"$HOME/.config/userpkg/config.toml"
  assert_exit 1 "$U" list
  assert_contains "$O" "config.toml:1: mirrors must be a list of non-empty strings"
  printf 'jobs = 0\n' >"$HOME/.config/userpkg/config.toml"
  assert_exit 1 "$U" list
  assert_contains "$O" "config.toml:1: jobs must be a number from 1 to 4096"
  rm "$HOME/.config/userpkg/config.toml"
}

# --- recipe repositories: recipes/ or patches/ a symlink out of a USERPKG_RECIPE_PATH repository.
repository_links() {
  outside=$TEST_TMP/outside
  mkdir -p "$outside/recipes" "$outside/patches"
  cp "$REPO/recipes/greet.toml" "$outside/recipes/"
  printf 'x\n' >"$outside/patches/fix.patch"
  mkdir -p "$TEST_TMP/linked"
  ln -s "$outside/recipes" "$TEST_TMP/linked/recipes"
  assert_exit 1 env USERPKG_RECIPE_PATH="$TEST_TMP/linked" "$U" info greet
  assert_contains "$O" "$TEST_TMP/linked/recipes points outside the repository $TEST_TMP/linked"
  patched=$TEST_TMP/patched
  write_recipe "$patched" greet 1.0 "$(sha256_of "$MIRROR_ROOT/greet/greet-1.0.tar.gz")" \
    "[[patches]]
  file = \"fix.patch\"
  sha256 = \"$(sha256_of "$outside/patches/fix.patch")\""
  ln -s "$outside/patches" "$patched/patches"
  assert_exit 1 env USERPKG_RECIPE_PATH="$patched" "$U" --prefix "$TEST_TMP/p2" install greet
  assert_contains "$O" "$patched/patches points outside the repository $patched"
}

# --- repo names: a 300-character one is too long, said so.
repo_name_length() {
  long=$(printf 'r%.0s' $(seq 300))
  assert_exit 1 "$U" repo add "$long" "$REPO"
  assert_contains "$O" "a repo name of 300 characters is too long (at most 64"
  assert_not_contains "$O" "File name too long"
}

# --- shell init/deinit: directories, missing directories, dangling links, hand-written blocks.
rc_directory() {
  assert_exit 1 "$U" shell init --shell bash --rc /
  assert_contains "$O" "/ is a directory"
  assert_not_contains "$O" "busy"
}

rc_missing_dirs() {
  assert_exit 1 "$U" shell init --shell bash --rc "$TEST_TMP/no/such/dir/file"
  assert_contains "$O" "the directory $TEST_TMP/no/such/dir does not exist"
  [ ! -e "$TEST_TMP/no" ] || fail "shell init made directories for --rc"
  ln -s dotfiles/missing/zshrc "$HOME/.zshrc"
  assert_exit 1 "$U" shell init --shell zsh
  assert_contains "$O" "is a symbolic link to"
  [ ! -e "$HOME/dotfiles" ] || fail "shell init made directories for a dangling link"
  rm "$HOME/.zshrc"
  # fish's own conf.d is made when missing, and deinit takes the directories away again.
  assert_exit 0 "$U" shell init --shell fish
  [ -f "$HOME/.config/fish/conf.d/userpkg.fish" ] || fail "no fish file"
  assert_exit 0 "$U" shell deinit --shell fish
  [ ! -e "$HOME/.config/fish" ] || fail "deinit left the directories shell init made: $(find "$HOME/.config")"
}

# A block holding the user's own lines: init refuses and changes nothing; deinit leaves it.
rc_hand_written_block() {
  printf 'export A=1\n\n# >>> userpkg >>>\nexport MINE=1\n# <<< userpkg <<<\n' >"$HOME/.bashrc"
  cp "$HOME/.bashrc" "$TEST_TMP/bashrc.orig"
  assert_exit 1 "$U" shell init --shell bash --rc "$HOME/.bashrc"
  assert_contains "$O" "holds lines userpkg did not write"
  assert_not_contains "$O" "sourced another prefix"
  cmp "$HOME/.bashrc" "$TEST_TMP/bashrc.orig" || fail "shell init changed a block with hand-written lines"
  assert_exit 0 "$U" shell deinit --rc "$HOME/.bashrc"
  assert_contains "$O" "holds lines userpkg did not write"
  cmp "$HOME/.bashrc" "$TEST_TMP/bashrc.orig" || fail "shell deinit changed a block with hand-written lines"
  rm "$HOME/.bashrc"
}

# --- read-only rc files, as an ordinary user: shell init and rescue --fix both leave them alone.
read_only_rc() {
  local uid
  uid=$(id -u)
  as_user() { "$@"; }
  user_home=$TEST_TMP/user
  mkdir -p "$user_home"
  if [ "$uid" = 0 ]; then
    uid=4711
    chmod 755 "$TEST_TMP"
    chown -R "$uid:$uid" "$user_home"
    as_user() { setpriv --reuid=$uid --regid=$uid --clear-groups "$@"; }
  fi
  as_user sh -c "printf 'export PATH=/opt/foo/bin\n' >'$user_home/.bashrc' && chmod 0444 '$user_home/.bashrc'"
  cp "$user_home/.bashrc" "$TEST_TMP/user.bashrc"
  assert_exit 1 as_user env -i HOME="$user_home" PATH=/usr/bin:/bin USERPKG_PREFIX="$user_home/prefix" \
    "$U" shell init --shell bash --rc "$user_home/.bashrc"
  assert_contains "$O" "cannot update $user_home/.bashrc"
  assert_exit 1 as_user env -i HOME="$user_home" PATH=/usr/bin:/bin "$U" rescue --fix
  assert_contains "$O" "$user_home/.bashrc: not changed: $user_home/.bashrc is not writable (read-only)"
  cmp "$user_home/.bashrc" "$TEST_TMP/user.bashrc" || fail "rescue --fix rewrote a read-only rc file"
  [ "$(stat -c %a "$user_home/.bashrc")" = 444 ] || fail "the rc file's mode changed"
}

# ODD_ONLY="NAME …" runs only those parts (to see one fail on its own).
for part in ${ODD_ONLY:-prefix_characters foreign_bin empty_values odd_options repository_links repo_name_length rc_directory rc_missing_dirs rc_hand_written_block read_only_rc}; do
  "$part"
done
echo PASS
