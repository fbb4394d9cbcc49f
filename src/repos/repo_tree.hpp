#pragma once
// File-tree operations on a fetched repo that never follow a symlink out of it.
#include <filesystem>
#include <string>

namespace userpkg {

// Copies the directory `from` to `to` (which must not exist): files, directories and symlinks as
// symlinks, never followed. Anything else (a fifo, a device) is refused.
void copy_tree_no_follow(const std::filesystem::path& from, const std::filesystem::path& to);

// Throws Error naming the entry when a symlink inside `root` points outside it (absolute, through
// "..", or through other symlinks), or `root` holds something that is not a file, directory or
// symlink.
void check_tree_confined(const std::filesystem::path& root);

// sha256 over every path (sorted), its kind, and its content or link target: the revision of a
// plain directory repo.
std::string tree_content_hash(const std::filesystem::path& root);

}  // namespace userpkg
