#include "repos/configured_repos.hpp"

#include <algorithm>

#include "prefix/layout.hpp"
#include "repos/repo_state.hpp"
#include "util/error.hpp"

namespace userpkg {

void add_configured_repos(RepoStack& stack, const Settings& settings, Reporter& reporter) {
  const PrefixLayout layout{settings.prefix};
  std::vector<RepoEntry> repos = settings.repos;
  std::stable_sort(repos.begin(), repos.end(), [](const RepoEntry& a, const RepoEntry& b) { return a.priority > b.priority; });
  for (const RepoEntry& e : repos) {
    std::optional<RepoState> state;
    try {
      state = read_repo_state(layout.repo_state(e.name));
    } catch (const Error& err) {
      reporter.warn(std::string(err.what()) + "; its recipes are left out (" + err.hint() + ")");
      continue;
    }
    std::error_code ec;
    if (!state || !std::filesystem::is_directory(layout.repo_tree(e.name), ec)) {
      reporter.warn("repo " + e.name + " is configured but not fetched yet: run `userpkg repo update " + e.name + "`");
      continue;
    }
    stack.add(make_directory_repo(layout.repo_tree(e.name), RepoIdentity{e.name, state->revision, e.priority}));
  }
}

}  // namespace userpkg
