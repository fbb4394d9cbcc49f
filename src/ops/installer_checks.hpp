#pragma once
// The values the installer kind (ops/kind_installer.cpp) decides on before and after running a
// self-extracting installer such as Miniconda's: pure functions, no I/O.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/environment.hpp"

namespace userpkg {

// The CPU architecture an installer's file name names ("Miniconda3-…-Linux-x86_64.sh" → "x86_64",
// "…-Linux-aarch64.sh" → "aarch64"); empty when the name names none.
std::string installer_architecture(std::string_view file_name);

// Whether an installer built for `installer_arch` runs on a machine whose uname says `machine`
// ("arm64" counts as aarch64). An installer that names no architecture is given the benefit.
bool installer_fits_machine(std::string_view installer_arch, std::string_view machine);

// The environment an installer runs in: only the few variables it needs from `base` (PATH, locale,
// user name) — no CONDA_*, PYTHON*, LD_* or other settings of the user's shell leak in — with
// HOME and TMPDIR pointed at scratch directories, so rc files under the real HOME stay untouched.
Environment installer_environment(const Environment& base, const std::filesystem::path& home,
                                  const std::filesystem::path& tmp);

// "conda 23.5.2" (what `conda --version` prints) → "23.5.2"; nullopt if it is not that.
std::optional<std::string> conda_version_from(std::string_view output);

}  // namespace userpkg
