#include "core/repo.hpp"

#include <algorithm>
#include <set>

#include "core/embedded_files.hpp"
#include "core/recipe_loader.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

class BuiltinRepo : public RecipeRepo {
 public:
  std::string name() const override { return "built-in"; }
  std::vector<std::string> recipe_names() const override {
    std::vector<std::string> names;
    for (auto& f : embedded_files()) {
      std::string_view p = f.path;
      if (p.starts_with("recipes/") && p.ends_with(".toml"))
        names.emplace_back(p.substr(8, p.size() - 8 - 5));
    }
    return names;
  }
  std::optional<std::string> recipe_text(const std::string& recipe) const override {
    return lookup("recipes/" + recipe + ".toml");
  }
  std::string recipe_origin(const std::string& recipe) const override { return "built-in recipes/" + recipe + ".toml"; }
  std::optional<std::string> patch_text(const std::string& relative) const override {
    return lookup("patches/" + relative);
  }

 private:
  static std::optional<std::string> lookup(const std::string& path) {
    for (auto& f : embedded_files())
      if (f.path == path) return std::string(f.data);
    return std::nullopt;
  }
};

class DirectoryRepo : public RecipeRepo {
 public:
  explicit DirectoryRepo(fs::path root) : root_(std::move(root)) {}
  std::string name() const override { return root_.string(); }
  std::vector<std::string> recipe_names() const override {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto& entry : fs::directory_iterator(root_ / "recipes", ec))
      if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    return names;
  }
  std::optional<std::string> recipe_text(const std::string& recipe) const override {
    return read_inside(root_ / "recipes" / (recipe + ".toml"));
  }
  std::string recipe_origin(const std::string& recipe) const override {
    return (root_ / "recipes" / (recipe + ".toml")).string();
  }
  std::optional<std::string> patch_text(const std::string& relative) const override {
    return read_inside(root_ / "patches" / relative);
  }

 private:
  // Reads a file only if it really lies inside the repo (no symlink out of it).
  std::optional<std::string> read_inside(const fs::path& path) const {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    fs::path real = fs::canonical(path, ec), base = fs::canonical(root_, ec);
    if (ec) return std::nullopt;
    auto rel = real.lexically_relative(base);
    if (rel.empty() || rel.begin()->string() == "..")
      throw Error(path.string() + " points outside its recipe repository " + root_.string(),
                  "recipe repositories may not reach files outside themselves", "replace the symlink by the file");
    return read_file(path);
  }
  fs::path root_;
};

}  // namespace

std::unique_ptr<RecipeRepo> make_builtin_repo() { return std::make_unique<BuiltinRepo>(); }
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root) {
  return std::make_unique<DirectoryRepo>(root);
}

void RepoStack::add(std::unique_ptr<RecipeRepo> repo) { repos_.push_back(std::move(repo)); }

const Recipe* RepoStack::find(const std::string& name) const {
  if (auto it = loaded_.find(name); it != loaded_.end()) return it->second.get();
  for (auto& repo : repos_) {
    auto text = repo->recipe_text(name);
    if (!text) continue;
    auto recipe = std::make_unique<Recipe>(load_recipe(*text, repo->recipe_origin(name), name));
    loaded_from_[name] = repo.get();
    return (loaded_[name] = std::move(recipe)).get();
  }
  return nullptr;
}

const Recipe& RepoStack::get(const std::string& name) const {
  if (const Recipe* r = find(name)) return *r;
  std::string close = closest_name(name);
  throw Error("no recipe named '" + name + "'", "",
              close.empty() ? "see `userpkg search TEXT` for what is available"
                            : "did you mean '" + close + "'? (`userpkg search` lists recipes)");
}

std::vector<std::string> RepoStack::names() const {
  std::set<std::string> all;
  for (auto& repo : repos_)
    for (auto& n : repo->recipe_names()) all.insert(n);
  return {all.begin(), all.end()};
}

std::string RepoStack::patch_text(const Recipe& recipe, const std::string& relative) const {
  auto it = loaded_from_.find(recipe.name);
  if (it != loaded_from_.end())
    if (auto text = it->second->patch_text(relative)) return *text;
  throw Error("patch '" + relative + "' of recipe " + recipe.name + " is missing", "the recipe names a file that is not in patches/",
              "add the patch file or remove it from " + recipe.origin);
}

std::string RepoStack::closest_name(const std::string& name) const {
  std::string best;
  std::size_t best_distance = 3;  // more than 2 edits away is not a typo
  for (auto& candidate : names()) {
    std::size_t d = edit_distance(name, candidate);
    if (candidate.starts_with(name) || name.starts_with(candidate)) d = std::min<std::size_t>(d, 1);
    if (d < best_distance) best_distance = d, best = candidate;
  }
  return best;
}

}  // namespace userpkg
