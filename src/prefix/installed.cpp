#include "prefix/installed.hpp"

#include <algorithm>
#include <system_error>

#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> subdirectories(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const fs::path& entry : directory_entries(dir))
    if (fs::is_directory(fs::symlink_status(entry, ec))) out.push_back(entry);
  return out;
}

}  // namespace

std::vector<InstalledPackage> list_installed(const PrefixLayout& layout) {
  std::vector<InstalledPackage> out;
  for (const fs::path& name_dir : subdirectories(layout.pkgs())) {
    for (const fs::path& version_dir : subdirectories(name_dir)) {
      std::string name = name_dir.filename().string(), version = version_dir.filename().string();
      fs::path record = layout.record_path(name, version);
      std::error_code ec;
      if (!fs::is_regular_file(record, ec)) continue;
      out.push_back({version_dir, read_record(record)});
    }
  }
  std::sort(out.begin(), out.end(), [](const InstalledPackage& a, const InstalledPackage& b) {
    return std::tie(a.record.name, a.record.version) < std::tie(b.record.name, b.record.version);
  });
  return out;
}

bool is_installed(const PrefixLayout& layout, const std::string& name, const std::string& version) {
  std::error_code ec;
  return fs::is_regular_file(layout.record_path(name, version), ec);
}

}  // namespace userpkg
