#pragma once
// What every command gets: the settings, the recipe repositories, and the reporter.
#include "cli/settings.hpp"
#include "cli/terminal_reporter.hpp"
#include "core/repo.hpp"

namespace userpkg {

struct Context {
  Settings settings;
  RepoStack repos;
  TerminalReporter reporter;

  explicit Context(Settings s);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
};

}  // namespace userpkg
