#pragma once
// Where recipes come from: the built-in set compiled into the binary, and recipe directories
// (a repo root holding recipes/*.toml and patches/…). A RepoStack searches them in order.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/recipe.hpp"

namespace userpkg {

class RecipeRepo {
 public:
  virtual ~RecipeRepo() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> recipe_names() const = 0;
  virtual std::optional<std::string> recipe_text(const std::string& recipe) const = 0;
  virtual std::string recipe_origin(const std::string& recipe) const = 0;  // for messages: file path
  // A patch file, by its path relative to patches/; nullopt if absent.
  virtual std::optional<std::string> patch_text(const std::string& relative) const = 0;
};

std::unique_ptr<RecipeRepo> make_builtin_repo();
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root);

class RepoStack {
 public:
  void add(std::unique_ptr<RecipeRepo> repo);  // earlier added = higher precedence

  // The recipe, loaded and checked on first use; nullptr if no repo has it. A broken recipe throws.
  const Recipe* find(const std::string& name) const;
  // Like find, but an unknown name is an Error suggesting the closest recipe name.
  const Recipe& get(const std::string& name) const;
  std::vector<std::string> names() const;  // sorted, unique
  std::string patch_text(const Recipe& recipe, const std::string& relative) const;
  std::string closest_name(const std::string& name) const;

 private:
  std::vector<std::unique_ptr<RecipeRepo>> repos_;
  mutable std::map<std::string, std::unique_ptr<Recipe>> loaded_;
  mutable std::map<std::string, const RecipeRepo*> loaded_from_;
};

}  // namespace userpkg
