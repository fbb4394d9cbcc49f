#pragma once
// Everything one package build needs, handed in by the caller (cli's install pipeline).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/condition.hpp"
#include "core/recipe.hpp"

namespace userpkg {

struct BuildRequest {
  const Recipe* recipe = nullptr;
  const RecipeVersion* version = nullptr;
  std::filesystem::path source_dir;      // the extracted (top-level) source tree; the build runs in it
  std::filesystem::path install_prefix;  // final place <prefix>/pkgs/<name>/<version>: --prefix; never written to
  std::filesystem::path destdir;         // staging root: files land in <destdir><install_prefix>
  // Resolved dependencies: every transitive one BUILT into the prefix, plus the direct system ones.
  std::vector<DepState> deps;
  std::vector<std::filesystem::path> tool_paths;  // bin dirs of build tools in the prefix (autoconf…), first on PATH
  bool regenerate = false;                        // the source kind ships no ./configure (git-archive)
  int jobs = 0;                                   // 0: cpu_count()
  std::filesystem::path log_path;                 // everything the build prints is appended here
  // For the run's own temporary files (patches, the [test] step's cwd and TMPDIR): a directory
  // under <prefix>/var/staging/, which recovery and doctor cover after a kill -9.
  std::filesystem::path scratch_dir;
  // Reads a patch by its path relative to patches/ (built-in patches are embedded in the binary,
  // a lab repository's come from disk). Throws Error if there is no such patch.
  std::function<std::string(const std::string& rel)> read_patch;
};

}  // namespace userpkg
