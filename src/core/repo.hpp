#pragma once
// Where recipes come from: the built-in set compiled into the binary, and recipe directories
// (a repo root holding recipes/*.toml and patches/…: a lab's repository fetched under the prefix,
// or a USERPKG_RECIPE_PATH directory). A RepoStack searches them in precedence order.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/recipe.hpp"

namespace userpkg {

struct RepoIdentity {
  std::string name;      // "built-in", a configured repo's name, or a USERPKG_RECIPE_PATH directory
  std::string revision;  // git commit, sha256 of the tarball or tree; built-in: userpkg's version
  int priority = 0;      // higher wins; on a tie user repos come before the built-in one
};

class RecipeRepo {
 public:
  virtual ~RecipeRepo() = default;
  virtual const RepoIdentity& identity() const = 0;
  virtual bool is_builtin() const { return false; }
  virtual std::vector<std::string> recipe_names() const = 0;
  // nullopt if the repo has no such recipe; an Error if the name or the file escapes the repo.
  virtual std::optional<std::string> recipe_text(const std::string& recipe) const = 0;
  virtual std::string recipe_origin(const std::string& recipe) const = 0;  // for messages: file path
  // A patch file, by its path relative to patches/; nullopt if absent.
  virtual std::optional<std::string> patch_text(const std::string& relative) const = 0;
};

std::unique_ptr<RecipeRepo> make_builtin_repo();
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root);  // named by its path
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root, RepoIdentity identity);

// Recipe names are plain words: "python", "py-numpy", "gcc10". An Error for "../x", "a/b", "".
void check_recipe_name(const std::string& name);
// A patch path stays below patches/: relative, no "..", no empty or absolute parts.
void check_patch_path(const std::string& relative, const std::string& recipe_origin);

// One repo's copy of a recipe, for `info`: loaded, or why it could not be.
struct RecipeCandidate {
  const RepoIdentity* repo = nullptr;
  const Recipe* recipe = nullptr;  // nullptr when broken
  std::string error;               // the load error (file:line) when broken
};

class RepoStack {
 public:
  // Kept in precedence order: priority descending, then user repos before the built-in one,
  // then the order added.
  void add(std::unique_ptr<RecipeRepo> repo);

  // The winning recipe (first repo in precedence order that has it), loaded and checked on first
  // use; nullptr if no repo has it. A broken recipe throws (file:line), without hiding the others.
  const Recipe* find(const std::string& name) const;
  // Like find, but an unknown name is an Error suggesting the closest recipe name.
  const Recipe& get(const std::string& name) const;
  // The recipe from one repo only (`lab/python@3.8`); an Error naming the repos if unknown.
  const Recipe& get_from(const std::string& repo, const std::string& name) const;
  // Every repo's copy of the recipe, in precedence order: the first is the one `find` returns.
  std::vector<RecipeCandidate> candidates(const std::string& name) const;

  std::vector<std::string> names() const;  // sorted, unique
  std::vector<const RepoIdentity*> repos() const;  // in precedence order
  std::string patch_text(const Recipe& recipe, const std::string& relative) const;
  std::string closest_name(const std::string& name) const;

 private:
  const Recipe* load(const RecipeRepo& repo, const std::string& name) const;

  std::vector<std::unique_ptr<RecipeRepo>> repos_;
  // Keyed by (repo, recipe): the same name may be loaded from two repos (`lab/python` and `python`).
  mutable std::map<std::pair<const RecipeRepo*, std::string>, std::unique_ptr<Recipe>> loaded_;
  mutable std::map<const Recipe*, const RecipeRepo*> loaded_from_;
};

}  // namespace userpkg
