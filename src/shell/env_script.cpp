#include "shell/env_script.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/recipe.hpp"
#include "launcher/launch_entry.hpp"
#include "shell/path_list.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

constexpr const char* kBashDefaultPath = "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.";

// An empty entry in these means "the system's default search path here".
bool keeps_default_path(const std::string& variable) { return variable == "MANPATH" || variable == "INFOPATH"; }

// fish makes variables whose names end in PATH ':'-lists by itself; others need --path.
bool fish_path_by_name(const std::string& variable) { return variable.ends_with("PATH"); }

// Known list variables first in their documented order, then the allowed others by name.
std::vector<std::string> variable_order(const std::vector<PackageEnv>& envs) {
  std::vector<std::string> order(kEnvListVariables.begin(), kEnvListVariables.end());
  std::set<std::string> others;
  for (const PackageEnv& env : envs)
    for (const auto& [variable, dirs] : env.lists)
      if (std::find(order.begin(), order.end(), variable) == order.end()) others.insert(variable);
  order.insert(order.end(), others.begin(), others.end());
  return order;
}

// POSIX: the entries are prepended last first, so that they end up in `dirs` order.
std::string posix_list_code(const std::string& variable, const std::vector<std::string>& dirs) {
  std::string code;
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    const std::string dir = shell_quote(*it);
    // MANPATH='/d':"${MANPATH-}" keeps the trailing ':' (man's default path) when MANPATH was unset.
    const std::string rest =
        keeps_default_path(variable) ? ":\"${" + variable + "-}\"" : "${" + variable + ":+\":$" + variable + "\"}";
    code += "case \":${" + variable + "-}:\" in *:" + dir + ":*) ;; *) " + variable + "=" + dir + rest + " ;; esac\n";
  }
  code += "export " + variable + "\n";
  return code;
}

std::string fish_list_code(const std::string& variable, const std::vector<std::string>& dirs) {
  std::string code;
  const std::string set = fish_path_by_name(variable) ? "set -gx " : "set -gx --path ";
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    const std::string dir = fish_quote(*it);
    // `(count $X >/dev/null; or echo '')`: the empty entry only when MANPATH was empty (see
    // fish_path_code for why the status matters).
    const std::string keep_default =
        keeps_default_path(variable) ? " (count $" + variable + " >/dev/null; or echo '')" : "";
    code += "if not contains -- " + dir + " $" + variable + "\n"
            "    " + set + variable + " " + dir + " $" + variable + keep_default + "\n"
            "end\n";
  }
  return code;
}

// fish's `set` keeps the status of the command before it, so `if …; else; set …; end` ends with
// status 1 and `userpkg env | source; and …` would stop. The fallback for an empty PATH comes from
// a command substitution that always succeeds instead: `count` fails on an empty list, and then
// printf prints the standard directories.
std::string fish_path_code(const std::string& dir) {
  const std::string quoted = fish_quote(dir);
  std::string fallback;
  for (const std::string& system_dir : standard_system_dirs()) fallback += " " + fish_quote(system_dir);
  return "if test -d " + quoted + "; and not contains -- " + quoted + " $PATH\n"
         "    set -gx PATH " + quoted + " $PATH (count $PATH >/dev/null; or printf '%s\\n'" + fallback + ")\n"
         "end\n";
}

const std::vector<std::string>& sources_for(const EnvAdditions& additions, const char* shell_kind) {
  static const std::vector<std::string> none;
  auto found = additions.sources.find(shell_kind);
  return found == additions.sources.end() ? none : found->second;
}

std::string posix_env_code(const EnvAdditions& additions) {
  std::string code;
  for (const auto& [variable, dirs] : additions.lists) code += posix_list_code(variable, dirs);
  for (const auto& [variable, value] : additions.set)
    code += variable + "=" + shell_quote(value) + "; export " + variable + "\n";
  // `if` without a taken branch ends with status 0, so a missing script fails nothing.
  for (const std::string& file : sources_for(additions, "sh"))
    code += "if [ -r " + shell_quote(file) + " ]; then . " + shell_quote(file) + "; fi\n";
  return code;
}

std::string fish_env_code(const EnvAdditions& additions) {
  std::string code;
  for (const auto& [variable, dirs] : additions.lists) code += fish_list_code(variable, dirs);
  for (const auto& [variable, value] : additions.set) code += "set -gx " + variable + " " + fish_quote(value) + "\n";
  for (const std::string& file : sources_for(additions, "fish"))
    code += "if test -r " + fish_quote(file) + "\n    source " + fish_quote(file) + "\nend\n";
  return code;
}

std::string profile_script(const std::vector<PackageEnv>& envs, Shell shell) {
  const EnvAdditions additions = merge_package_envs(envs, EnvScope{});
  std::string text =
      "# Written by userpkg: what this generation adds to the environment besides PATH.\n"
      "# Sourced by etc/userpkg/" + std::string(shell == Shell::fish ? "env.fish" : "env.sh") +
      " while this generation is current; sourcing it twice changes nothing.\n";
  return text + env_code(additions, shell);
}

}  // namespace


EnvAdditions merge_package_envs(const std::vector<PackageEnv>& envs, EnvScope scope) {
  EnvAdditions out;
  for (const std::string& variable : variable_order(envs)) {
    if (variable == "PATH" || (variable == "LD_LIBRARY_PATH" && !scope.ld_library_path)) continue;
    std::vector<std::string> dirs;
    for (auto env = envs.rbegin(); env != envs.rend(); ++env) {
      auto found = env->lists.find(variable);
      if (found == env->lists.end()) continue;
      for (const std::string& dir : found->second)
        if (dir.starts_with("/") && std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    }
    if (!dirs.empty()) out.lists.emplace_back(variable, std::move(dirs));
  }
  for (const PackageEnv& env : envs)
    for (const auto& [variable, value] : env.set) out.set[variable] = value;
  for (const PackageEnv& env : envs)
    for (const auto& [shell, file] : env.source) {
      std::vector<std::string>& files = out.sources[shell];
      if (file.starts_with("/") && std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
    }
  std::erase_if(out.sources, [](const auto& entry) { return entry.second.empty(); });
  return out;
}

std::string env_code(const EnvAdditions& additions, Shell shell) {
  return shell == Shell::fish ? fish_env_code(additions) : posix_env_code(additions);
}

std::string path_prepend_code(const std::string& dir, Shell shell) {
  if (shell == Shell::fish) return fish_path_code(dir);
  const std::string quoted = shell_quote(dir);
  // Only when PATH is unset or empty: prepending to nothing would leave the shell without /usr/bin.
  // bash started without PATH makes up one that ends in "." (its compiled-in default): exporting
  // that would put the current directory on PATH, so it counts as unset too.
  const std::string fallback = shell_quote(join_path_list(standard_system_dirs()));
  return "if [ -d " + quoted + " ]; then\n"
         "  case \":${PATH-}:\" in\n"
         "    *:" + quoted + ":*) ;;\n"
         "    *) if [ -n \"${PATH-}\" ] && [ \"$PATH\" != " + shell_quote(kBashDefaultPath) + " ]; then PATH=" + quoted +
         ":\"$PATH\"; else PATH=" + quoted + ":" + fallback + "; fi\n"
         "       export PATH ;;\n"
         "  esac\n"
         "fi\n";
}

ProfileWriters profile_writers() {
  ProfileWriters writers;
  writers.env_files = [](const std::vector<PackageEnv>& envs) {
    return std::vector<ProfileFile>{{"env.sh", profile_script(envs, Shell::sh)},
                                    {"env.fish", profile_script(envs, Shell::fish)}};
  };
  // A static program, not a /bin/sh script: the cost over running the program directly is one
  // execve of a static binary (bench/shell_overhead.sh).
  writers.launcher = launcher_program();
  writers.launch_sidecar = [](const std::filesystem::path& program, const std::vector<std::string>& library_dirs) {
    return launch_sidecar_text({program.string(), library_dirs});
  };
  return writers;
}

}  // namespace userpkg
