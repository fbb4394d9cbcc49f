#pragma once
// The shells userpkg writes code for, and how to tell which one the user runs.
#include <optional>
#include <string>

namespace userpkg {

enum class Shell { bash, zsh, fish, sh };

std::string shell_name(Shell shell);
// "bash", "zsh", "fish", "sh" (also "/bin/bash"-style paths and "-bash" login names); throws Error otherwise.
Shell parse_shell(const std::string& text);
// From $SHELL's base name; nullopt when unset or not one we know.
std::optional<Shell> shell_from_env_value(const std::optional<std::string>& shell_variable);
// --shell if given, else $SHELL, else bash (the login shell of most clusters).
Shell choose_shell(const std::string& flag_value);

}  // namespace userpkg
