#pragma once
// Writing the modulefiles of every installed package into <prefix>/modules (texts from
// shell/modulefile.hpp). `userpkg module refresh` turns this on and saves the choice of formats in
// etc/userpkg/modules.json; from then on every profile change (install, uninstall, rollback,
// switch, gc) refreshes the tree, so it stays current without being asked again.
#include <filesystem>
#include <optional>
#include <vector>

#include "prefix/layout.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct ModuleSettings {
  bool tcl = false;  // also write Tcl modulefiles (Lua ones are always written)
};

// nullopt until `module refresh` has run once in this prefix.
std::optional<ModuleSettings> read_module_settings(const PrefixLayout& layout);

struct ModuleRefresh {
  std::vector<std::filesystem::path> written;  // new or changed
  std::vector<std::filesystem::path> removed;  // ours, for packages no longer installed (or Tcl turned off)
  std::size_t unchanged = 0;
};

// Saves `settings`, writes a modulefile per installed package (only files whose text changed) and
// removes the generated files nothing installed needs any more. Files without our marker are never
// touched. Call with the PrefixLock held.
ModuleRefresh refresh_modules(const PrefixLayout& layout, const ModuleSettings& settings);

// For after_profile_change: refreshes with the saved settings if `module refresh` ever ran; a
// failure is reported as a warning (modulefiles are never worth failing an install over).
void refresh_modules_if_enabled(const PrefixLayout& layout, Reporter& reporter);

}  // namespace userpkg
