#include "repos/repo_entry.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace userpkg {

std::string repo_name_problem(const std::string& name) {
  if (name.empty()) return "a repo name cannot be empty";
  if (name == kBuiltinRepoName) return "'built-in' names the recipes compiled into userpkg";
  if (name == "." || name == "..") return "'" + name + "' is not a usable name";
  if (name.size() > kMaxRepoNameLength)
    return "a repo name of " + std::to_string(name.size()) + " characters is too long (at most " +
           std::to_string(kMaxRepoNameLength) + "; it names a directory under <prefix>/var/repos/)";
  bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
  });
  if (!plain) return "repo names may only hold letters, digits, '_', '.' and '-'";
  return {};
}

void check_repo_name(const std::string& name) {
  std::string problem = repo_name_problem(name);
  if (!problem.empty())
    throw Error("'" + (name.size() > kMaxRepoNameLength ? name.substr(0, 40) + "…" : name) + "' cannot name a recipe repository", problem, "choose a name such as 'lab' or 'my-group'");
}

}  // namespace userpkg
