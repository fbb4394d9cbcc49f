#pragma once
// Which [build] system a source archive wants, from the names of its entries alone (pure: the
// listing comes in as a value, see archive_listing.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

struct DetectedBuild {
  std::string system;    // a kBuildSystems name: "autotools", "cmake", "make", "installer"
  std::string evidence;  // what decided it, for the user: "configure", "CMakeLists.txt", "a .sh installer"
  std::string configure_script;  // autotools with a script not named configure (OpenSSL's config)
};

// The entries' names relative to the source root: when every entry lies under one top-level
// directory (foo-1.2/...), that directory is taken off, as extraction does; "./" prefixes go too.
std::vector<std::string> top_level_names(const std::vector<std::string>& entries);

// Looks only at files at the source root, in this order: a shipped ./configure (autotools; release
// tarballs such as xz's ship CMakeLists.txt as well, but ./configure is the documented way), then
// CMakeLists.txt (cmake), then configure.ac / configure.in (autotools, regenerated), then an
// OpenSSL-style ./config or ./Configure script (autotools with that configure_script), then a
// Makefile (make). nullopt when none is there.
std::optional<DetectedBuild> detect_build_system(const std::vector<std::string>& entries);

// A self-extracting installer (Miniconda's .sh, a .run file) rather than an archive.
bool is_installer_file(std::string_view file_name);

}  // namespace userpkg
