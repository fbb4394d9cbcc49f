#pragma once
// `userpkg recipe lint`: everything a recipe repository's author can get wrong that userpkg would
// otherwise only find at install time. The loader's checks (schema, a sha256 for every version,
// https URLs, [env] names and values), then what needs the repository around the recipe: patch
// files exist and match their sha256, dependencies and build tools name recipes that exist.
// Each recipe is checked on its own, so one broken recipe never hides the others.
#include <set>
#include <string>
#include <vector>

#include "core/repo.hpp"

namespace userpkg {

struct LintProblem {
  std::string where;  // "recipes/hello.toml:3" or "recipes/hello.toml"
  std::string what;
  std::string fix;
};

struct LintResult {
  std::size_t recipes = 0;
  std::vector<LintProblem> problems;
};

// Checks `only` (empty: every recipe) of `repo`; a dependency may also name a recipe in `also_known`
// (the built-in ones, which a lab repository builds on).
LintResult lint_repo(const RecipeRepo& repo, const std::set<std::string>& also_known, const std::string& only = "");

}  // namespace userpkg
