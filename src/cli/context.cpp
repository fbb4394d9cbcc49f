#include "cli/context.hpp"

namespace userpkg {

Context::Context(Settings s) : settings(std::move(s)), reporter(settings.verbosity) {
  // Recipe directories named in USERPKG_RECIPE_PATH come before the built-in recipes.
  for (auto& dir : settings.recipe_dirs) repos.add(make_directory_repo(dir));
  repos.add(make_builtin_repo());
}

}  // namespace userpkg
