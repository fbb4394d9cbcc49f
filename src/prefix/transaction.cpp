#include "prefix/transaction.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <system_error>

#include "prefix/json_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace fs = std::filesystem;

fs::path make_staging_dir(const PrefixLayout& layout, const std::string& name) {
  return make_unique_dir(layout.staging(), name);
}

void commit_package(const fs::path& staged_tree, const PrefixLayout& layout, const std::string& name,
                    const std::string& version) {
  const fs::path target = layout.package_dir(name, version);
  const std::string what = "cannot install " + name + " " + version + " into " + target.string();
  ensure_dir(target.parent_path());
  // RENAME_NOREPLACE: plain rename(2) would silently replace an existing empty directory.
  if (::renameat2(AT_FDCWD, staged_tree.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
    int err = errno;
    if (err == EINVAL || err == ENOSYS) {
      // A file system without RENAME_NOREPLACE (some network file systems): check, then rename.
      // We hold the prefix lock, so nobody else creates the target in between.
      std::error_code ec;
      if (fs::exists(fs::symlink_status(target, ec))) err = EEXIST;
      else if (::rename(staged_tree.c_str(), target.c_str()) == 0) err = 0;
      else err = errno;
      if (err == 0) return sync_directory(target.parent_path());
    }
    if (err == EEXIST)
      throw Error(what, "it is installed already", "uninstall it first, or install another version");
    if (err == EXDEV)
      throw Error(what, "the staging directory " + staged_tree.string() + " is on another file system",
                  "var/staging and pkgs must be on the same file system");
    throw Error(what, errno_text(err));
  }
  sync_directory(target.parent_path());
}

void discard_package(const PrefixLayout& layout, const std::string& name, const std::string& version) {
  const fs::path dir = layout.package_dir(name, version);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return;
  const fs::path holder = make_unique_dir(layout.staging(), "discard-" + name + "-" + version);
  rename_path(dir, holder / "tree");
  sync_directory(dir.parent_path());
  if (!remove_tree(holder))
    throw Error("cannot remove " + holder.string(), "some files could not be deleted",
                "check permissions; the next userpkg run retries");
  if (fs::is_empty(dir.parent_path(), ec) && !ec) fs::remove(dir.parent_path(), ec);
}

}  // namespace userpkg
