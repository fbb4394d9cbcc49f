#include "prefix/recovery.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "prefix/generations.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

bool is_number(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

void remove_into(const fs::path& path, RecoveryResult& result) {
  (remove_tree(path) ? result.removed : result.not_removable).push_back(path);
}

}  // namespace

RecoveryResult clean_leftovers(const PrefixLayout& layout) {
  RecoveryResult result;
  std::error_code ec;

  for (const fs::path& entry : directory_entries(layout.staging())) remove_into(entry, result);

  for (const fs::path& name_dir : directory_entries(layout.pkgs())) {
    if (!fs::is_directory(fs::symlink_status(name_dir, ec))) continue;
    for (const fs::path& version_dir : directory_entries(name_dir)) {
      std::string name = name_dir.filename().string(), version = version_dir.filename().string();
      if (!fs::exists(fs::symlink_status(layout.record_path(name, version), ec))) remove_into(version_dir, result);
    }
    if (fs::is_empty(name_dir, ec) && !ec) fs::remove(name_dir, ec);
  }

  const auto current = current_generation_number(layout);
  for (const fs::path& entry : directory_entries(layout.profiles())) {
    std::string name = entry.filename().string();
    if (name.rfind(".current.new-", 0) == 0) {
      remove_into(entry, result);
    } else if (is_number(name) && !(current && std::to_string(*current) == name) &&
               !fs::exists(fs::symlink_status(entry / "manifest.json", ec))) {
      remove_into(entry, result);
    }
  }
  return result;
}

}  // namespace userpkg
