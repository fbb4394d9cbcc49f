#pragma once
// The repo operations behind `userpkg repo add|update|remove|list`. Each fetches into a staging
// directory under <prefix>/var/staging, checks the tree there, and only then moves it into
// <prefix>/var/repos/<name>/tree and writes the pin (state.json); a failure leaves nothing behind.
// The caller holds the prefix lock. Nothing here prints: results are values, progress goes to the
// Reporter.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prefix/layout.hpp"
#include "repos/recipe_diff.hpp"
#include "repos/repo_contents.hpp"
#include "repos/repo_entry.hpp"
#include "repos/repo_fetch.hpp"
#include "repos/repo_state.hpp"

namespace userpkg {

struct RepoOps {
  PrefixLayout layout;
  std::filesystem::path config_file;  // where [repos.NAME] tables are added and removed
  RepoFetchContext fetch;
  std::string userpkg_version;        // checked against repo.toml's min_userpkg
};

struct BrokenRecipe {
  std::string name, why;  // why: origin:line: message
};

struct AddResult {
  RepoState state;
  RepoManifest manifest;
  std::size_t recipes = 0;
  std::vector<BrokenRecipe> broken;
};
// `configured`: the repos config.toml lists now (adding one of them is an error).
AddResult add_repo(const RepoOps& ops, const std::vector<RepoEntry>& configured, const RepoEntry& entry);

struct UpdateResult {
  std::string name;
  bool first_fetch = false;  // configured, never fetched before
  bool unchanged = false;
  std::string old_revision;
  RepoState state;
  RecipeDiff diff;
  RecipeSummaries recipes;   // the new tree's
  std::vector<BrokenRecipe> broken;
};
UpdateResult update_repo(const RepoOps& ops, const RepoEntry& entry);

// Removes the config entry, then the stored tree. Returns false if the tree could not be removed
// completely (the config entry is gone either way).
bool remove_repo(const RepoOps& ops, const std::vector<RepoEntry>& configured, const std::string& name);

struct RepoRow {
  RepoEntry entry;
  std::optional<RepoState> state;  // nullopt: not fetched yet
  std::size_t recipes = 0;
};
std::vector<RepoRow> list_repos(const PrefixLayout& layout, const std::vector<RepoEntry>& configured);

// The repo of that name, or nullptr.
const RepoEntry* find_repo(const std::vector<RepoEntry>& configured, const std::string& name);

}  // namespace userpkg
