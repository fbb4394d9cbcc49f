#pragma once
// The install transaction: fetch every source the plan needs, build each package into a staging
// tree, move it into pkgs/ with one rename, test it, record it, and switch to a new profile
// generation. A failure at any point leaves the prefix's generations as they were.
#include <string>

#include "core/plan.hpp"
#include "core/repo.hpp"
#include "fetch/fetch_settings.hpp"
#include "ops/stack_settings.hpp"
#include "prefix/layout.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct InstallJob {
  const Plan* plan = nullptr;
  const RepoStack* repos = nullptr;
  PrefixLayout layout;
  FetchSettings fetch;
  int jobs = 1;
  std::string command_line;  // recorded in the generation
  StackSettings stack;       // target python, indexes, CUDA variant (prebuilt kinds)
};

// Builds what the plan says, then makes a new generation holding the requested packages.
// Returns true if a new generation was made (false: everything was already there).
bool run_install(const InstallJob& job, Reporter& reporter);

}  // namespace userpkg
