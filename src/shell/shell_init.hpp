#pragma once
// `shell init` and `shell deinit` as operations on a prefix and the user's startup files: the
// userpkg block goes in (or out) through rc_block (the text) and rc_file (atomic writes, symlinks,
// mode, backups), and shell_init_state remembers what was done. Call with the PrefixLock held.
// Nothing here prints: the caller reports the returned changes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prefix/layout.hpp"
#include "shell/rc_file.hpp"
#include "shell/rc_locations.hpp"
#include "shell/shell_kind.hpp"

namespace userpkg {

enum class RcChangeKind {
  created,        // init: the file did not exist; it now holds only the block
  added,          // init: block appended
  updated,        // init: an outdated block replaced in place
  unchanged,      // init: the block was already there, up to date
  block_removed,  // deinit: block (and the newline init added) removed
  file_removed,   // deinit: the file init had created is gone again
  no_block,       // deinit: the file has no userpkg block (any more)
  missing,        // deinit: the file does not exist (any more)
  other_prefix,   // deinit: the block sources another prefix's env script; left alone
  hand_edited,    // deinit: the block holds lines userpkg did not write; left alone
};

struct RcChange {
  std::filesystem::path file;
  RcChangeKind kind = RcChangeKind::unchanged;
  std::optional<RcBackup> backup;
  bool recorded = false;           // deinit: init had recorded this file
  std::string replaced_other;      // init: the block replaced one that sourced this other text
};

// The env script a shell's block sources: etc/userpkg/env.fish for fish, etc/userpkg/env.sh otherwise.
std::filesystem::path env_script_for(const PrefixLayout& layout, Shell shell);

// Writes the stable env scripts, then puts the block for `shell` in each of `files`. Throws Error
// for a file whose block holds lines userpkg did not write. Missing directories are made (and
// recorded, for deinit to remove when empty) only for `usual_files` (fish's conf.d), never for a
// file named with --rc or reached through a symbolic link.
std::vector<RcChange> shell_init(const PrefixLayout& layout, Shell shell, const std::vector<std::filesystem::path>& files,
                                 bool dry_run, bool usual_files = true);

struct DeinitRequest {
  std::optional<Shell> shell;               // none: every shell
  std::optional<std::filesystem::path> rc;  // only this file
  ShellHome home;
  bool dry_run = false;
};
// Removes this prefix's block from what init recorded plus the usual files of the chosen shells
// (so a lost record still leaves nothing behind).
std::vector<RcChange> shell_deinit(const PrefixLayout& layout, const DeinitRequest& request);

}  // namespace userpkg
