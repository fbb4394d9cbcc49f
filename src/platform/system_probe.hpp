#pragma once
// Does the system already provide a usable copy of a package? Asks the real tools: the C compiler
// (CC, default cc) for headers and libraries, pkg-config or a header macro or a program's
// --version for the version, PATH for programs. Nothing is cached: each call probes afresh.
#include <filesystem>
#include <optional>
#include <string>

#include "core/recipe.hpp"
#include "core/version.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct SystemStatus {
  bool usable = false;
  std::optional<Version> version;  // when it could be determined
  std::string why_not;             // "no header openssl/ssl.h", "version 1.0.2k is older than 1.1.1"
};

// Probes in env (its PATH, CC, CPPFLAGS and LDFLAGS: the same ones the build will see).
// Version sources, first that answers: pkg-config --modversion, version_header/version_define,
// version_command. An unknown version is usable only when wanted is "any". The test program is
// written in a fresh directory under scratch_parent (the prefix's var/staging when there is one).
SystemStatus probe_system(const SystemProbe& probe, const VersionConstraint& wanted, const Environment& env,
                          const std::filesystem::path& scratch_parent = std::filesystem::temp_directory_path());

// Why version does not satisfy wanted, in words ("version 1.0.2k is older than 1.1.1");
// empty if it does.
std::string version_mismatch(const Version& version, const VersionConstraint& wanted);

}  // namespace userpkg
