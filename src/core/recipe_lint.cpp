#include "core/recipe_lint.hpp"

#include "core/recipe_loader.hpp"
#include "core/spec.hpp"
#include "fetch/sha256.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

void lint_recipe(const RecipeRepo& repo, const std::string& name, const std::set<std::string>& known,
                 std::vector<LintProblem>& out) {
  const std::string origin = repo.recipe_origin(name);
  Recipe recipe;
  try {
    recipe = load_recipe(repo.recipe_text(name).value_or(""), origin, name);
  } catch (const Error& e) {
    // The loader's message starts with "file:line: " already.
    out.push_back({"", e.what(), e.hint().empty() ? e.why() : e.hint()});
    return;
  }
  for (const Patch& patch : recipe.patches) {
    auto text = repo.patch_text(patch.file);
    if (!text)
      out.push_back({origin, "patch " + patch.file + " does not exist", "add patches/" + patch.file + " to the repository"});
    else if (std::string actual = sha256_hex(*text); actual != patch.sha256)
      out.push_back({origin, "patch " + patch.file + " has sha256 " + actual + ", the recipe says " + patch.sha256,
                     "if the patch is the one you mean, put its sha256 in the recipe"});
  }
  for (const Dependency& d : recipe.depends)
    if (!known.count(d.name))
      out.push_back({origin, "dependency " + d.name + " is no recipe of this repository or the built-in ones",
                     "add recipes/" + d.name + ".toml or fix the name"});
  for (const std::string& tool : recipe.build.regenerate_depends)
    if (std::string tool_name = parse_spec(tool).name; !known.count(tool_name))
      out.push_back({origin, "build tool " + tool_name + " (regenerate_depends) is no known recipe",
                     "add recipes/" + tool_name + ".toml or fix the name"});
}

}  // namespace

LintResult lint_repo(const RecipeRepo& repo, const std::set<std::string>& also_known, const std::string& only) {
  std::set<std::string> known = also_known;
  for (auto& name : repo.recipe_names()) known.insert(name);
  LintResult result;
  for (auto& name : repo.recipe_names()) {
    if (!only.empty() && name != only) continue;
    ++result.recipes;
    lint_recipe(repo, name, known, result.problems);
  }
  return result;
}

}  // namespace userpkg
