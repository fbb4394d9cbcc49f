#pragma once
// One configured recipe repository, as config.toml's [repos.NAME] table says it:
//   [repos.lab]
//   source = "https://git.example.edu/lab/recipes.git"  # a directory, a git URL or a tarball URL
//   ref = "v2"                                         # optional: branch, tag or commit (git only)
//   priority = 10                                      # optional, default 0; higher wins
#include <cstddef>
#include <string>

namespace userpkg {

struct RepoEntry {
  std::string name;
  std::string source;
  std::string ref;   // empty: the source's default branch
  int priority = 0;  // built-in recipes are 0 and lose ties
};

// The name of the compiled-in recipe set, which no configured repo may take.
inline constexpr const char* kBuiltinRepoName = "built-in";

// Why `name` cannot name a repo ("" if it can): names are [A-Za-z0-9_.-]+ of at most
// kMaxRepoNameLength characters, not "built-in", not "." or "..".
inline constexpr std::size_t kMaxRepoNameLength = 64;
std::string repo_name_problem(const std::string& name);
// Throws Error (with what to do) when repo_name_problem says something.
void check_repo_name(const std::string& name);

}  // namespace userpkg
