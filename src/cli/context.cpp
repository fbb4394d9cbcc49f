#include "cli/context.hpp"

#include "repos/configured_repos.hpp"
#include "util/process.hpp"

namespace userpkg {

Context::Context(Settings s) : settings(std::move(s)), reporter(settings.verbosity) {
  set_default_process_limits(settings.limits.processes);
  set_process_reporter(&reporter);  // names what a child left running
  add_configured_repos(repos, settings, reporter);  // lab repos (config.toml [repos.NAME])
  // Recipe directories named in USERPKG_RECIPE_PATH come before the built-in recipes.
  for (auto& dir : settings.recipe_dirs) repos.add(make_directory_repo(dir));
  repos.add(make_builtin_repo());
}

Context::~Context() { set_process_reporter(nullptr); }

}  // namespace userpkg
