// `userpkg recipe lint PATH|REPO`: checks a recipe repository (a directory holding recipes/*.toml and
// patches/) or one recipe file in such a repository; non-zero exit when anything is wrong.
// `userpkg recipe new NAME URL`: writes a starting recipe for one release file (authoring/recipe_new).
#include <cstdio>
#include <set>

#include <CLI/CLI.hpp>

#include "authoring/recipe_new.hpp"
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "core/recipe_lint.hpp"
#include "prefix/layout.hpp"
#include "repos/repo_entry.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

// A configured repo's name (`userpkg recipe lint lab`) means its pinned tree under the prefix,
// unless a file or directory of that name is where the user stands.
fs::path lint_target(const Context& ctx, const std::string& text) {
  std::error_code ec;
  if (fs::exists(text, ec)) return fs::absolute(text).lexically_normal();
  for (const RepoEntry& repo : ctx.settings.repos) {
    if (repo.name != text) continue;
    fs::path tree = PrefixLayout{ctx.settings.prefix}.repo_tree(repo.name);
    if (!fs::is_directory(tree, ec))
      throw Error("the repository '" + text + "' is configured but not fetched yet", "",
                  "run `userpkg repo update " + text + "`, then lint it again");
    return tree;
  }
  return fs::absolute(text).lexically_normal();
}

int cmd_recipe_lint(const Context& ctx, const std::string& path_text) {
  const fs::path path = lint_target(ctx, path_text);
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
    throw Error(path.string() + (fs::exists(path, ec) ? " holds no recipes/ directory" : " does not exist"),
                "a recipe repository keeps recipes/*.toml and patches/",
                "give the repository's top directory, one recipes/<name>.toml, or a configured repo's name (`userpkg repo list`)");
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

struct RecipeNewArgs {
  std::string name, url, version, dir = ".";
  bool force = false;
};

int cmd_recipe_new(Context& ctx, const RecipeNewArgs& args) {
  RecipeNewRequest request;
  request.name = args.name;
  request.url = args.url;
  request.version = args.version;
  request.repo_dir = fs::absolute(args.dir).lexically_normal();
  request.force = args.force;
  request.fetch = fetch_settings_for(ctx, PrefixLayout{ctx.settings.prefix});
  ScopedDir scratch(make_unique_dir(fs::temp_directory_path(), "userpkg-recipe-new"));
  request.scratch = scratch.path();
  RecipeNewResult result = create_recipe(request, ctx.reporter);
  const NewRecipeFacts& f = result.facts;
  std::printf("wrote %s\n", result.path.string().c_str());
  std::printf("  version:      %s (url template %s)\n", f.version.c_str(), f.url_template.c_str());
  std::printf("  sha256:       %s\n", f.sha256.c_str());
  std::printf("  build system: %s (from %s)\n", f.system.c_str(), f.evidence.c_str());
  std::printf("check its summary, homepage and [depends], then: userpkg recipe lint %s\n", result.path.string().c_str());
  return 0;
}

}  // namespace

void register_recipe(CLI::App& app, CommandSet& commands) {
  auto* recipe = app.add_subcommand("recipe", "recipe authoring tools");
  recipe->require_subcommand(1);
  auto& path = commands.make_args<std::string>();
  auto* lint = recipe->add_subcommand("lint", "check a recipe repository (or one recipe file): format, checksums, "
                                              "patches, dependencies; exit 1 on problems");
  lint->add_option("path", path, "repository directory (holding recipes/), recipes/NAME.toml, or a configured repo's name")
      ->required();
  commands.add(lint, [&path](Invocation& inv) { return cmd_recipe_lint(inv.context(), path); });

  auto& args = commands.make_args<RecipeNewArgs>();
  auto* create = recipe->add_subcommand("new", "write a starting recipe from a release URL (detects the version, "
                                               "sha256 and build system: autotools, cmake, make, installer)");
  create->add_option("name", args.name, "recipe name")->required();
  create->add_option("url", args.url, "https:// URL of a release file (archive or .sh/.run installer)")->required();
  create->add_option("--dir", args.dir, "repository directory: the recipe goes to DIR/recipes/NAME.toml (default: .)");
  create->add_option("--version", args.version, "the release's version, when its file name does not say");
  create->add_flag("--force", args.force, "replace an existing recipe");
  commands.add(create, [&args](Invocation& inv) { return cmd_recipe_new(inv.context(), args); });
}

}  // namespace userpkg
