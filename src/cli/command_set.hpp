#pragma once
// How a command joins the CLI: a file cli/<command>.cpp defines register_<command>(app, commands),
// which adds its CLI11 subcommand (options bound to variables it owns) and the function to run
// when that subcommand was given. app.cpp only calls the register functions.
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/settings.hpp"

namespace userpkg {

// What a running command gets. The Context (settings from config files, recipe repos) is made on
// first use, so a command such as `rescue` can run without ever reading a config file.
class Invocation {
 public:
  explicit Invocation(CommandLineSettings command_line) : command_line_(std::move(command_line)) {}
  const CommandLineSettings& command_line() const { return command_line_; }
  Context& context() {
    if (!context_) context_.emplace(resolve_settings(command_line_));
    return *context_;
  }
  // The Context if a command made it (nullptr otherwise): for messages after a command failed.
  const Context* context_if_made() const { return context_ ? &*context_ : nullptr; }

 private:
  CommandLineSettings command_line_;
  std::optional<Context> context_;
};

class CommandSet {
 public:
  using Runner = std::function<int(Invocation&)>;
  // Options of a command live as long as the CommandSet: keep them here.
  template <typename T>
  T& make_args() {
    auto holder = std::make_shared<T>();
    args_.push_back(holder);
    return *holder;
  }
  void add(CLI::App* subcommand, Runner run) { entries_.push_back({subcommand, std::move(run)}); }
  // Runs the command that was parsed; nullopt if none of ours was.
  std::optional<int> run_parsed(Invocation& invocation) const {
    for (const auto& [sub, run] : entries_)
      if (sub->parsed()) return run(invocation);
    return std::nullopt;
  }

 private:
  std::vector<std::pair<CLI::App*, Runner>> entries_;
  std::vector<std::shared_ptr<void>> args_;
};

}  // namespace userpkg
