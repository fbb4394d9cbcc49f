// `userpkg recipe lint PATH`: checks a recipe repository (a directory holding recipes/*.toml and
// patches/) or one recipe file in such a repository; non-zero exit when anything is wrong.
#include <cstdio>
#include <set>

#include <CLI/CLI.hpp>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "core/recipe_lint.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

int cmd_recipe_lint(const std::string& path_text) {
  const fs::path path = fs::absolute(path_text).lexically_normal();
  std::error_code ec;
  fs::path root = path;
  std::string only;
  if (fs::is_regular_file(path, ec)) {
    if (path.extension() != ".toml" || path.parent_path().filename() != "recipes")
      throw Error(path.string() + " is not a recipe file in a recipes/ directory",
                  "a recipe is recipes/<name>.toml inside a repository (its patches are in patches/)",
                  "give the repository's directory, or the path of its recipes/<name>.toml");
    root = path.parent_path().parent_path();
    only = path.stem().string();
  } else if (!fs::is_directory(path / "recipes", ec)) {
    throw Error(path.string() + " holds no recipes/ directory", "a recipe repository keeps recipes/*.toml and patches/",
                "give the repository's top directory or one recipes/<name>.toml");
  }
  std::set<std::string> builtin;
  for (auto& name : make_builtin_repo()->recipe_names()) builtin.insert(name);
  LintResult result = lint_repo(*make_directory_repo(root), builtin, only);
  for (const LintProblem& p : result.problems) {
    std::printf("%s%s\n", p.where.empty() ? "" : (p.where + ": ").c_str(), p.what.c_str());
    if (!p.fix.empty()) std::printf("  fix: %s\n", p.fix.c_str());
  }
  std::printf("%zu recipe(s) checked, %zu problem(s)\n", result.recipes, result.problems.size());
  return result.problems.empty() ? 0 : 1;
}

}  // namespace

void register_recipe(CLI::App& app, CommandSet& commands) {
  auto* recipe = app.add_subcommand("recipe", "recipe authoring tools");
  recipe->require_subcommand(1);
  auto& path = commands.make_args<std::string>();
  auto* lint = recipe->add_subcommand("lint", "check a recipe repository (or one recipe file): format, checksums, "
                                              "patches, dependencies; exit 1 on problems");
  lint->add_option("path", path, "repository directory (holding recipes/) or recipes/NAME.toml")->required();
  commands.add(lint, [&path](Invocation&) { return cmd_recipe_lint(path); });
}

}  // namespace userpkg
