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
  const RepoIdentity& identity() const override { return identity_; }
  bool is_builtin() const override { return true; }
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
  RepoIdentity identity_{"built-in", "userpkg " USERPKG_VERSION, 0};
};

bool lies_inside(const fs::path& path, const fs::path& base) {
  auto rel = path.lexically_relative(base);
  return !rel.empty() && rel.begin()->string() != "..";
}

class DirectoryRepo : public RecipeRepo {
 public:
  DirectoryRepo(fs::path root, RepoIdentity identity) : root_(std::move(root)), identity_(std::move(identity)) {}
  const RepoIdentity& identity() const override { return identity_; }
  std::vector<std::string> recipe_names() const override {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto& entry : fs::directory_iterator(root_ / "recipes", ec))
      if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    return names;
  }
  std::optional<std::string> recipe_text(const std::string& recipe) const override {
    check_recipe_name(recipe);
    return read_inside("recipes", recipe + ".toml");
  }
  std::string recipe_origin(const std::string& recipe) const override {
    return (root_ / "recipes" / (recipe + ".toml")).string();
  }
  std::optional<std::string> patch_text(const std::string& relative) const override {
    return read_inside("patches", relative);
  }

 private:
  // Reads dir/relative only if it really lies inside dir (no "..", no symlink out of it).
  std::optional<std::string> read_inside(const std::string& dir, const std::string& relative) const {
    const fs::path path = root_ / dir / relative;
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (link.type() == fs::file_type::not_found) return std::nullopt;
    // Listed by recipe_names() but unreadable as a recipe: an error naming it (a named pipe would
    // block the read; a plain "no recipe" would leave `search` holding a name without a recipe).
    if (const fs::file_status st = fs::status(path, ec); st.type() != fs::file_type::regular)
      throw Error(path.string() + " is not a recipe file",
                  st.type() == fs::file_type::directory   ? "it is a directory"
                  : st.type() == fs::file_type::not_found ? "it is a symlink to nothing"
                                                          : "it is not a regular file",
                  "remove it from the repository " + identity_.name);
    // dir itself must stay inside the repository too: canonical() of a recipes/ or patches/ that
    // is a symlink out of it would otherwise be the "inside" everything is measured against.
    fs::path real = fs::canonical(path, ec), base = fs::canonical(root_ / dir, ec), top = fs::canonical(root_, ec);
    if (ec) return std::nullopt;
    if (!lies_inside(base, top))
      throw Error((root_ / dir).string() + " points outside the repository " + root_.string(),
                  "a recipe repository's files may not reach outside it (" + (root_ / dir).string() + " leads to " +
                      base.string() + ")",
                  "replace the symlink by the folder itself in the repository " + identity_.name);
    if (!lies_inside(real, base))
      throw Error(path.string() + " points outside " + (root_ / dir).string(),
                  "a recipe repository's files may not reach outside their folder (a symlink out, or ../)",
                  "replace the symlink by the file itself in the repository " + identity_.name);
    return read_file(path);
  }
  fs::path root_;
  RepoIdentity identity_;
};

bool precedes(const RecipeRepo& a, const RecipeRepo& b) {
  if (a.identity().priority != b.identity().priority) return a.identity().priority > b.identity().priority;
  return !a.is_builtin() && b.is_builtin();
}

}  // namespace

std::unique_ptr<RecipeRepo> make_builtin_repo() { return std::make_unique<BuiltinRepo>(); }
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root) {
  return make_directory_repo(root, RepoIdentity{root.string(), "", 0});
}
std::unique_ptr<RecipeRepo> make_directory_repo(const std::filesystem::path& root, RepoIdentity identity) {
  return std::make_unique<DirectoryRepo>(root, std::move(identity));
}

void check_recipe_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 100 && std::isalnum(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '+');
  if (!ok)
    throw Error("'" + name + "' is not a recipe name",
                "recipe names are letters, digits and - _ . +, starting with a letter or digit (no '/', no '..')",
                "write the package's name, e.g. python or py-numpy; lab/python names the repository 'lab'");
}

void check_patch_path(const std::string& relative, const std::string& recipe_origin) {
  fs::path p(relative);
  bool ok = !relative.empty() && p.is_relative() && !relative.starts_with('/');
  for (auto& part : p) ok = ok && part != ".." && part != ".";
  if (!ok)
    throw Error("patch path '" + relative + "' in " + recipe_origin + " leaves the repository's patches/ folder",
                "patch paths are relative to patches/ and may not contain '..' or start with '/'",
                "put the patch under patches/ and name it by its path there");
}

void RepoStack::add(std::unique_ptr<RecipeRepo> repo) {
  auto at = std::find_if(repos_.begin(), repos_.end(), [&](auto& r) { return precedes(*repo, *r); });
  repos_.insert(at, std::move(repo));
}

const Recipe* RepoStack::load(const RecipeRepo& repo, const std::string& name) const {
  auto key = std::make_pair(&repo, name);
  if (auto it = loaded_.find(key); it != loaded_.end()) return it->second.get();
  auto text = repo.recipe_text(name);
  if (!text) return nullptr;
  auto recipe = std::make_unique<Recipe>(load_recipe(*text, repo.recipe_origin(name), name));
  recipe->repo = repo.identity().name;
  recipe->repo_revision = repo.identity().revision;
  loaded_from_[recipe.get()] = &repo;
  return (loaded_[key] = std::move(recipe)).get();
}

const Recipe* RepoStack::find(const std::string& name) const {
  check_recipe_name(name);
  for (auto& repo : repos_)
    if (const Recipe* r = load(*repo, name)) return r;
  return nullptr;
}

const Recipe& RepoStack::get(const std::string& name) const {
  if (const Recipe* r = find(name)) return *r;
  std::string close = closest_name(name);
  throw Error("no recipe named '" + name + "'", "",
              close.empty() ? "see `userpkg search TEXT` for what is available"
                            : "did you mean '" + close + "'? (`userpkg search` lists recipes)");
}

const Recipe& RepoStack::get_from(const std::string& repo_name, const std::string& name) const {
  check_recipe_name(name);
  std::vector<std::string> known;
  for (auto& repo : repos_) {
    known.push_back(repo->identity().name);
    if (repo->identity().name != repo_name) continue;
    if (const Recipe* r = load(*repo, name)) return *r;
    throw Error("the repository '" + repo_name + "' has no recipe named '" + name + "'", "",
                "leave out '" + repo_name + "/' to take " + name + " from whichever repository has it");
  }
  throw Error("no recipe repository named '" + repo_name + "' (in " + repo_name + "/" + name + ")",
              "the repositories are: " + join(known, ", "), "`userpkg repo list` shows them; `userpkg repo add` adds one");
}

std::vector<RecipeCandidate> RepoStack::candidates(const std::string& name) const {
  check_recipe_name(name);
  std::vector<RecipeCandidate> out;
  for (auto& repo : repos_) {
    RecipeCandidate c{&repo->identity(), nullptr, ""};
    try {
      c.recipe = load(*repo, name);
      if (!c.recipe) continue;
    } catch (const Error& e) {
      c.error = e.what();
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> RepoStack::names() const {
  std::set<std::string> all;
  for (auto& repo : repos_)
    for (auto& n : repo->recipe_names()) all.insert(n);
  return {all.begin(), all.end()};
}

std::vector<const RepoIdentity*> RepoStack::repos() const {
  std::vector<const RepoIdentity*> out;
  for (auto& repo : repos_) out.push_back(&repo->identity());
  return out;
}

std::string RepoStack::patch_text(const Recipe& recipe, const std::string& relative) const {
  check_patch_path(relative, recipe.origin);
  auto it = loaded_from_.find(&recipe);
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
