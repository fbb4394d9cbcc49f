#pragma once
// File-system helpers whose failures become userpkg::Error with the path in the message.
#include <filesystem>
#include <string>
#include <vector>

namespace userpkg {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path);
// Writes through a temporary file in the same directory, fsync, rename: readers see the old
// content or the new, never a torn file.
void write_file_atomic(const fs::path& path, const std::string& content, fs::perms mode = fs::perms(0644));
// Creates a new directory "<parent>/<stem>-XXXXXX" and returns it.
fs::path make_unique_dir(const fs::path& parent, const std::string& stem);
void ensure_dir(const fs::path& dir);
// rename(2) with a clear error; both paths must be on one file system.
void rename_path(const fs::path& from, const fs::path& to);
// The entries of a directory, sorted; empty if it does not exist or cannot be read (never throws).
std::vector<fs::path> directory_entries(const fs::path& dir) noexcept;
// Removes a tree; never throws (used on cleanup paths). Returns false if something remained.
bool remove_tree(const fs::path& path) noexcept;

// Removes its directory on destruction unless release() was called.
class ScopedDir {
 public:
  explicit ScopedDir(fs::path dir) : dir_(std::move(dir)) {}
  ScopedDir(const ScopedDir&) = delete;
  ScopedDir& operator=(const ScopedDir&) = delete;
  ~ScopedDir() {
    if (!dir_.empty()) remove_tree(dir_);
  }
  const fs::path& path() const { return dir_; }
  void release() { dir_.clear(); }

 private:
  fs::path dir_;
};

}  // namespace userpkg
