#pragma once
// Check 7: a conda/mamba `init` block in a startup file, which activates conda's base environment
// and so puts its python ahead of userpkg's.
#include <filesystem>
#include <vector>

#include "doctor/finding.hpp"
#include "doctor/startup_files.hpp"

namespace userpkg {

struct CondaFacts {
  std::vector<StartupText> files;
  std::filesystem::path home;
  bool prefix_has_python = false;  // <prefix>/bin/python3 exists
};

std::vector<Finding> check_conda(const CondaFacts& facts);

}  // namespace userpkg
