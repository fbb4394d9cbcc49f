#include "shell/shell_kind.hpp"

#include "util/environment.hpp"
#include "util/error.hpp"

namespace userpkg {

namespace {

std::optional<Shell> lookup(std::string name) {
  if (auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  if (!name.empty() && name[0] == '-') name = name.substr(1);  // login shells: argv[0] = "-bash"
  if (name == "bash") return Shell::bash;
  if (name == "zsh") return Shell::zsh;
  if (name == "fish") return Shell::fish;
  if (name == "sh" || name == "dash" || name == "ksh") return Shell::sh;
  return std::nullopt;
}

}  // namespace

std::string shell_name(Shell shell) {
  switch (shell) {
    case Shell::bash: return "bash";
    case Shell::zsh: return "zsh";
    case Shell::fish: return "fish";
    case Shell::sh: return "sh";
  }
  return "sh";
}

Shell parse_shell(const std::string& text) {
  if (auto shell = lookup(text)) return *shell;
  throw Error("unknown shell '" + text + "'", "userpkg writes code for bash, zsh, fish and sh",
              "pass --shell bash, --shell zsh, --shell fish or --shell sh");
}

std::optional<Shell> shell_from_env_value(const std::optional<std::string>& shell_variable) {
  if (!shell_variable || shell_variable->empty()) return std::nullopt;
  return lookup(*shell_variable);
}

Shell choose_shell(const std::string& flag_value) {
  if (!flag_value.empty()) return parse_shell(flag_value);
  return shell_from_env_value(env_value("SHELL")).value_or(Shell::bash);
}

}  // namespace userpkg
