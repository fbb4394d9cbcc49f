#pragma once
// Fitting an install plan to the python pip goes into. The resolver picks a recipe version from
// the spec alone and knows nothing of interpreters, so a pip spec is narrowed before it runs (the
// target python is probed here, in the planning step, not in the pure resolver); and a pip the
// prefix records for one python is not taken as present in another.
#include <filesystem>
#include <list>
#include <vector>

#include "core/plan.hpp"
#include "core/repo.hpp"
#include "core/spec.hpp"
#include "fetch/fetch_settings.hpp"
#include "ops/stack_settings.hpp"
#include "prefix/layout.hpp"
#include "python/target_python.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// Each spec of a "pip" recipe becomes exactly the newest pip that its constraint allows and the
// target python runs (pip → 21.3.1 for a 3.6). An impossible request is an Error naming the pip
// that would work, before anything is downloaded. When no python is installed yet but the same
// command installs one, the spec is left alone and the pip kind checks it at install time.
void narrow_pip_specs(std::vector<Spec>& specs, const RepoStack& repos, const StackSettings& stack,
                      TargetPythonOnce& python);

// A pip the plan reuses (pkgs/pip/<v> is recorded) is built again when the target python does not
// import that version: the record was made for another python, or pip was removed from it since.
void recheck_reused_pip(Plan& plan, TargetPythonOnce& python);

// With --wheelhouse: each pip the plan builds takes its wheel from the first wheelhouse that holds
// the recipe's file name, instead of downloading it. The wheelhouse is trusted as given (as pip
// trusts --find-links): Debian's rebuilt wheels differ from PyPI's by sha256. The wheel is put in the
// download cache under its own sha256 and the plan entry pointed at a copy of the recipe version
// naming it (kept in `storage`, which must outlive the plan), so the fetcher finds it offline.
void take_pip_wheels_from_wheelhouses(Plan& plan, const StackSettings& stack, const FetchSettings& fetch,
                                      std::list<RecipeVersion>& storage, Reporter& reporter);

}  // namespace userpkg
