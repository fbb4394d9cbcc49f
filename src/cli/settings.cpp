#include "cli/settings.hpp"

#include <toml++/toml.h>

#include "platform/cpu.hpp"
#include "repos/repo_config.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/home_dir.hpp"
#include "util/input_limits.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// For the default prefix and "~/…": the prefix can always be given instead.
std::filesystem::path home_for_prefix() {
  try {
    return home_dir();
  } catch (const Error& e) {
    throw Error(e.what(), e.why() + " (needed for the prefix, ~/prefix by default)",
                e.hint() + ", or give --prefix DIR");
  }
}

void read_config(const std::filesystem::path& file, Settings& s) {
  toml::table t;
  try {
    const std::string hint = "fix it or move it away";
    const std::string text = read_input_file(file, kConfigLimits, hint);
    check_toml_input(text, file.string(), kConfigLimits, hint);
    t = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw Error(file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
                "the config file is not valid TOML", "fix it or move it away");
  }
  auto bad = [&](const toml::node& n, const std::string& what) {
    return Error(file.string() + ":" + std::to_string(n.source().begin.line) + ": " + what, "",
                 "see README.md, \"Configuration\"");
  };
  for (auto& [key, node] : t) {
    std::string k(key.str());
    if (k == "prefix" && node.is_string()) {
      s.prefix = *node.value<std::string>();
      if (s.prefix.empty()) throw bad(node, "prefix is empty (leave it out for ~/prefix)");
    } else if (k == "mirrors" && node.is_array()) {
      for (auto& m : *node.as_array()) {
        if (!m.is_string() || m.value<std::string>()->empty()) throw bad(m, "mirrors must be a list of non-empty strings");
        s.mirrors.push_back(*m.value<std::string>());
      }
    } else if (k == "offline" && node.is_boolean()) {
      s.offline = *node.value<bool>();
    } else if (k == "jobs" && node.is_integer()) {
      int64_t jobs = *node.value<int64_t>();
      if (jobs < 1 || jobs > 4096) throw bad(node, "jobs must be a number from 1 to 4096");
      s.jobs = static_cast<int>(jobs);
    } else if (k == "ca_file" && node.is_string()) {
      s.ca_file = *node.value<std::string>();
    } else if (k == "build_deps" && node.is_string()) {
      s.build_deps = *node.value<std::string>();
    } else if (k == "torch_index" && node.is_string()) {
      s.stack.torch_index = *node.value<std::string>();
    } else if (k == "cuda_redist" && node.is_string()) {
      s.stack.cuda_redist = *node.value<std::string>();
    } else if (k == "index_url" && node.is_string()) {
      s.stack.index_url = *node.value<std::string>();
    } else if (k == "wheelhouse" && node.is_array()) {
      for (auto& w : *node.as_array()) {
        if (!w.is_string()) throw bad(w, "wheelhouse must be a list of directories");
        s.stack.wheelhouses.push_back(*w.value<std::string>());
      }
    } else if (k == "repos") {
      s.repos = parse_repos_config(node, file.string());
    } else {
      throw bad(node, "unknown setting '" + k + "' or wrong type (settings: prefix, mirrors, offline, jobs, ca_file, build_deps, torch_index, cuda_redist, index_url, wheelhouse, repos)");
    }
  }
}

std::filesystem::path absolute_prefix(const std::string& text) {
  if (text.empty()) throw Error("the prefix is empty", "", "give --prefix DIR or set USERPKG_PREFIX");
  std::string expanded = text;
  if (expanded == "~" || expanded.starts_with("~/")) expanded = home_for_prefix().string() + expanded.substr(1);
  return std::filesystem::absolute(expanded).lexically_normal();
}

}  // namespace

std::filesystem::path default_config_file() {
  if (auto x = env_value("XDG_CONFIG_HOME")) return std::filesystem::path(*x) / "userpkg/config.toml";
  if (auto h = home_dir_if_known()) return *h / ".config/userpkg/config.toml";
  return {};
}

Settings resolve_settings(const CommandLineSettings& cli) {
  Settings s;
  s.jobs = cpu_count();
  std::filesystem::path config = default_config_file();
  std::error_code ec;
  if (!config.empty() && std::filesystem::exists(config, ec)) {
    read_config(config, s);
    s.config_file = config;
  }
  // Environment.
  if (auto p = env_value("USERPKG_PREFIX")) s.prefix = *p;
  if (auto m = env_value("USERPKG_MIRRORS")) s.mirrors = split(*m, ' ', true);
  if (auto r = env_value("USERPKG_RECIPE_PATH"))
    for (auto& dir : split(*r, ':', true)) s.recipe_dirs.emplace_back(dir);
  if (auto t = env_value("USERPKG_TORCH_INDEX")) s.stack.torch_index = *t;
  if (auto c = env_value("USERPKG_CUDA_REDIST")) s.stack.cuda_redist = *c;
  if (auto i = env_value("USERPKG_INDEX_URL")) s.stack.index_url = *i;
  if (auto w = env_value("USERPKG_WHEELHOUSE")) s.stack.wheelhouses = split(*w, ':', true);
  s.limits = time_limits_from_environment();
  // Command line.
  if (cli.prefix) s.prefix = *cli.prefix;
  if (!cli.mirrors.empty()) s.mirrors = cli.mirrors;
  if (cli.offline) s.offline = true;
  if (cli.jobs) s.jobs = *cli.jobs;
  s.verbosity = cli.verbosity;
  s.dry_run = cli.dry_run;

  s.prefix = s.prefix.empty() ? home_for_prefix() / "prefix" : absolute_prefix(s.prefix.string());
  if (s.jobs < 1) throw Error("-j must be at least 1", "", "give -j N with N >= 1, or leave it out to use every CPU");
  return s;
}

StackSettings apply_stack_options(StackSettings base, const StackOptions& options) {
  if (options.python) base.python = *options.python;
  if (options.torch_index) base.torch_index = *options.torch_index;
  if (options.cuda_redist) base.cuda_redist = *options.cuda_redist;
  if (options.index_url) base.index_url = *options.index_url;
  if (options.cuda) base.cuda = *options.cuda;
  if (!options.wheelhouses.empty()) base.wheelhouses = options.wheelhouses;
  base.allow_unverified = base.allow_unverified || options.allow_unverified;
  base.force = base.force || options.force;
  return base;
}

}  // namespace userpkg
