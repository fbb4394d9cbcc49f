#pragma once
// Global settings: command line beats environment beats ~/.config/userpkg/config.toml beats defaults.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/time_limits.hpp"
#include "ops/stack_settings.hpp"
#include "repos/repo_entry.hpp"

namespace userpkg {

// What the command line said; unset fields fall through to the environment and the config file.
struct CommandLineSettings {
  std::optional<std::string> prefix;
  std::vector<std::string> mirrors;
  bool offline = false;
  std::optional<int> jobs;
  int verbosity = 0;  // -1 quiet, 0 normal, 1 verbose
  bool dry_run = false;
};

struct Settings {
  std::filesystem::path prefix;
  std::vector<std::string> mirrors;
  bool offline = false;
  int jobs = 1;
  int verbosity = 0;
  bool dry_run = false;
  std::string ca_file;     // config `ca_file` (SSL_CERT_FILE and SSL_CERT_DIR beat it; fetch/ca_bundle.hpp)
  std::string build_deps;  // config `build_deps`, default for install's --build-deps
  std::vector<std::filesystem::path> recipe_dirs;  // USERPKG_RECIPE_PATH: extra recipe repositories
  std::filesystem::path config_file;               // the file read, if any
  std::vector<RepoEntry> repos;                    // config [repos.NAME] tables: lab recipe repositories
  TimeLimits limits;                               // USERPKG_*_TIMEOUT (cli/time_limits.hpp)
  StackSettings stack;  // config torch_index, cuda_redist, wheelhouse, index_url; env USERPKG_TORCH_INDEX, …
};

// The stack options of install, fetch and info (flags beat the environment and the config file).
struct StackOptions {
  std::optional<std::string> python, torch_index, cuda_redist, index_url, cuda;
  std::vector<std::string> wheelhouses;  // replace the configured ones when given
  bool allow_unverified = false;
  bool force = false;
};

// `base` with the command line's stack options applied.
StackSettings apply_stack_options(StackSettings base, const StackOptions& options);

std::filesystem::path default_config_file();
// Reads the config file (if it exists) and the environment, and applies the command line on top.
// A malformed config file is an Error naming file:line.
Settings resolve_settings(const CommandLineSettings& cli);

}  // namespace userpkg
