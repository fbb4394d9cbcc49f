#pragma once
// Puts the configured and fetched lab repos into a command's recipe lookup.
#include "cli/settings.hpp"
#include "core/repo.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// For each repo of settings.repos that has been fetched (<prefix>/var/repos/<name>/state.json and
// tree/), adds its pinned tree to `stack`, highest priority first. A configured repo that was
// never fetched is left out with one warning naming `userpkg repo update NAME`.
void add_configured_repos(RepoStack& stack, const Settings& settings, Reporter& reporter);

}  // namespace userpkg
