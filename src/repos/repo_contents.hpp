#pragma once
// What a fetched repo tree holds: its optional repo.toml, and for each recipes/<name>.toml the
// versions with their sha256 (or why the recipe does not load). Broken recipes are listed, never
// fatal; a tree without recipes/ or one that needs a newer userpkg is refused.
#include <filesystem>
#include <map>
#include <string>

namespace userpkg {

// repo.toml at the repo root (all optional):
//   name = "lab"   description = "…"   min_userpkg = "0.2"
struct RepoManifest {
  std::string name, description, min_userpkg;
};

struct RecipeSummary {
  std::map<std::string, std::string> versions;  // version -> sha256 ("" for a version without a file)
  std::string broken;                           // why it does not load (origin:line: …); "" if it does
  std::string text_sha256;                      // of the recipe file, to notice other edits
};
using RecipeSummaries = std::map<std::string, RecipeSummary>;  // by recipe name
using PatchSums = std::map<std::string, std::string>;            // patches/<relative path> -> sha256

struct RepoContents {
  RepoManifest manifest;
  RecipeSummaries recipes;
  PatchSums patches;  // every regular file below patches/ (symlinks were refused when fetched)
  std::size_t broken_count() const;
};

// Reads `tree`. Messages name files as if the tree were at `shown_root` (where it will live once
// pinned), so that a broken recipe's file:line stays valid after the add. `current_version` is this
// userpkg's version, checked against min_userpkg
// (empty: not checked, for reading a tree that is already pinned).
RepoContents inspect_repo_tree(const std::filesystem::path& tree, const std::filesystem::path& shown_root,
                               const std::string& repo_name, const std::string& current_version);

}  // namespace userpkg
