#pragma once
// Which packages a prefix holds: every pkgs/<name>/<version>/ with an install record.
// Directories without a record are leftovers of interrupted installs and are not listed.
#include <filesystem>
#include <vector>

#include "prefix/install_record.hpp"
#include "prefix/layout.hpp"

namespace userpkg {

struct InstalledPackage {
  std::filesystem::path dir;
  InstallRecord record;
};

// Sorted by name, then version text. Throws Error for a damaged record.
std::vector<InstalledPackage> list_installed(const PrefixLayout& layout);

bool is_installed(const PrefixLayout& layout, const std::string& name, const std::string& version);

}  // namespace userpkg
