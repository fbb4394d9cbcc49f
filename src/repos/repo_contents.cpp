#include "repos/repo_contents.hpp"

#include <toml++/toml.h>

#include "core/recipe_loader.hpp"
#include "core/version.hpp"
#include "fetch/sha256.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/input_limits.hpp"

namespace userpkg {
namespace {

RepoManifest read_manifest(const fs::path& file, const std::string& shown) {
  RepoManifest m;
  std::error_code ec;
  if (!fs::exists(file, ec)) return m;
  toml::table t;
  try {
    const std::string hint = "fix repo.toml in the repository";
    const std::string text = read_input_file(file, kRepoManifestLimits, hint);
    check_toml_input(text, shown, kRepoManifestLimits, hint);
    t = toml::parse(text, shown);
  } catch (const toml::parse_error& e) {
    throw Error(shown + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
                "repo.toml is not valid TOML", "fix repo.toml in the repository");
  }
  for (auto& [key, node] : t) {
    std::string k(key.str());
    std::string* field = k == "name" ? &m.name : k == "description" ? &m.description : k == "min_userpkg" ? &m.min_userpkg : nullptr;
    if (!field || !node.is_string())
      throw Error(shown + ":" + std::to_string(node.source().begin.line) + ": " +
                      (field ? k + " must be a string" : "unknown key '" + k + "'"),
                  "repo.toml knows name, description and min_userpkg (all strings)", "fix repo.toml in the repository");
    *field = *node.value<std::string>();
    if (k == "min_userpkg" && !Version::try_parse(*field))
      throw Error(shown + ":" + std::to_string(node.source().begin.line) + ": min_userpkg '" + *field +
                      "' is not a version",
                  "", "write it like \"0.2\" or \"1.0.3\"");
  }
  return m;
}

RecipeSummary summarize(const fs::path& file, const std::string& origin, const std::string& name) {
  RecipeSummary s;
  std::string text = read_file(file);
  s.text_sha256 = sha256_hex(text);
  try {
    Recipe recipe = load_recipe(text, origin, name);
    for (const RecipeVersion& v : recipe.versions) s.versions[v.version.str()] = v.primary.sha256;
  } catch (const Error& e) {
    s.broken = e.what();
    if (!e.why().empty()) s.broken += " (" + e.why() + ")";
  }
  return s;
}

}  // namespace

std::size_t RepoContents::broken_count() const {
  std::size_t n = 0;
  for (auto& [name, r] : recipes) n += r.broken.empty() ? 0 : 1;
  return n;
}

RepoContents inspect_repo_tree(const fs::path& tree, const fs::path& shown_root, const std::string& repo_name,
                               const std::string& current_version) {
  RepoContents contents;
  contents.manifest = read_manifest(tree / "repo.toml", (shown_root / "repo.toml").string());
  const std::string& needed = contents.manifest.min_userpkg;
  if (!needed.empty() && !current_version.empty() && Version::parse(needed) > Version::parse(current_version))
    throw Error("repo " + repo_name + " needs userpkg " + needed + " or newer; this is userpkg " + current_version,
                "its repo.toml says min_userpkg = \"" + needed + "\"",
                "upgrade userpkg (see README.md, \"Install\"), or pin an older state of the repo with --ref");
  std::error_code ec;
  if (!fs::is_directory(tree / "recipes", ec))
    throw Error("repo " + repo_name + " holds no recipes/ directory",
                "a recipe repository keeps recipes/<name>.toml (and patches/) at its top level",
                "check the source; for a git repository, check --ref");
  for (const fs::path& file : directory_entries(tree / "recipes")) {
    if (file.extension() != ".toml") continue;
    const std::string name = file.stem().string();
    const std::string origin = (shown_root / "recipes" / file.filename()).string();
    if (!fs::is_regular_file(file, ec)) {
      contents.recipes[name].broken = origin + ": not a regular file";
      continue;
    }
    contents.recipes[name] = summarize(file, origin, name);
  }
  // A patch edited without its recipe changes the build just as much: update lists these too.
  for (auto it = fs::recursive_directory_iterator(tree / "patches", ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec))
      contents.patches[it->path().lexically_relative(tree / "patches").generic_string()] = sha256_hex(read_file(it->path()));
  return contents;
}

}  // namespace userpkg
