#pragma once
// What `shell init` did, kept in <prefix>/etc/userpkg/shell-init.json so `shell deinit` can undo
// exactly that: which startup files got the block, and whether init created the file (then deinit
// removes it again instead of leaving an empty file behind).
#include <filesystem>
#include <vector>

#include "prefix/layout.hpp"
#include "shell/shell_kind.hpp"

namespace userpkg {

struct ShellInitEntry {
  std::filesystem::path file;  // as init was given it (a symlink stays a symlink; writes follow it)
  Shell shell = Shell::bash;
  bool created = false;  // the file did not exist before init
  std::vector<std::filesystem::path> created_dirs;  // directories init made for it, outermost first
};

std::filesystem::path shell_init_state_path(const PrefixLayout& layout);
// Empty if there is no state file. Throws Error if it is damaged.
std::vector<ShellInitEntry> read_shell_init_state(const PrefixLayout& layout);
// Writes the entries atomically; an empty list removes the file.
void write_shell_init_state(const PrefixLayout& layout, const std::vector<ShellInitEntry>& entries);

}  // namespace userpkg
