#pragma once
// Whether the index published a sha256 for each dependency wheel pip took. pip checks the hashes an
// index publishes, but takes a file without one silently: userpkg looks each one up on its project
// page (<index>/<project>/) and says which it could not verify.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ops/stack_settings.hpp"
#include "torch/index_page.hpp"

namespace userpkg {

struct DependencyRef {
  std::string project;    // as pip names it: "filelock"
  std::string version;    // "3.13.1"
  std::string file_name;  // the wheel's file name when known; empty: any file of that version
};

// The index pip takes dependencies from when online: the --index-url, else the variant's own
// index; nullopt when pip reads wheelhouses (local files: nothing is published for them) or when
// offline (the mirror's files were checked when it was made).
std::optional<std::string> dependency_index(const StackSettings& stack, bool offline, std::string_view variant);

// "Successfully installed filelock-3.13.1 torch-2.1.2+cpu" (pip install's last line) → the pairs.
std::vector<DependencyRef> pip_installed(std::string_view pip_output);

struct HashCheck {
  std::vector<std::string> unverified;  // "filelock-3.13.1-py3-none-any.whl" / "filelock 3.13.1"
  std::vector<std::string> unchecked;   // "filelock: <why the page could not be read>"
};

// Looks every dependency up on <index>/<normalized project>/. A dependency counts as unverified
// when its file (or, without a file name, every file of its version) has no sha256 there.
HashCheck check_dependency_hashes(const std::vector<DependencyRef>& dependencies, const std::string& index,
                                  const IndexPageSource& pages);

}  // namespace userpkg
