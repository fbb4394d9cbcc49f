#pragma once
// What `repo update` changes, as values: recipes added and removed, and per recipe the versions
// added and removed, the checksums that changed, and whether it broke or was fixed. Pure.
#include <string>
#include <vector>

#include "repos/repo_contents.hpp"

namespace userpkg {

struct ChecksumChange {
  std::string version, old_sha256, new_sha256;
};

struct RecipeChange {
  std::string name;
  std::vector<std::string> added_versions, removed_versions;
  std::vector<ChecksumChange> checksums;
  std::string now_broken;      // the new recipe does not load: why
  bool fixed = false;          // the old one did not load, the new one does
  bool other_edits = false;    // the file changed in ways not listed above (build settings, …)
};

struct RecipeDiff {
  std::vector<std::string> added, removed;  // recipe names
  std::vector<RecipeChange> changed;
  std::vector<std::string> patches_added, patches_removed, patches_changed;  // paths below patches/
  bool empty() const {
    return added.empty() && removed.empty() && changed.empty() && patches_added.empty() && patches_removed.empty() &&
           patches_changed.empty();
  }
};

RecipeDiff diff_recipes(const RecipeSummaries& before, const RecipeSummaries& after);
// The same, with the patches/ files compared by sha256.
RecipeDiff diff_repo(const RepoContents& before, const RepoContents& after);

// Lines for the terminal, e.g.
//   + recipe simulator (1.0, 2.0)
//   - recipe oldtool
//   ~ python: + 3.8.19; - 3.8.17
//       3.8.18 sha256 changed: <old> -> <new>
//   ~ patch python/fix-ssl.patch changed (+ patch …, - patch …)
std::vector<std::string> describe_diff(const RecipeDiff& diff, const RecipeSummaries& after);

}  // namespace userpkg
