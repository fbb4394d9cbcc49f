#include "shell/rc_locations.hpp"

#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/home_dir.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> bash_login_files(const ShellHome& home) {
  return {home.home / ".bash_profile", home.home / ".bash_login", home.home / ".profile"};
}

fs::path zshrc(const ShellHome& home) { return home.zdotdir.value_or(home.home) / ".zshrc"; }

fs::path fish_file(const ShellHome& home) {
  return home.xdg_config_home.value_or(home.home / ".config") / "fish" / "conf.d" / "userpkg.fish";
}

}  // namespace

ShellHome shell_home_from_environment() {
  fs::path home;
  try {
    home = home_dir();
  } catch (const Error& e) {
    throw Error("cannot tell where your shell startup files are", e.what() + std::string(": ") + e.why(),
                e.hint() + ", or name the file with --rc FILE");
  }
  ShellHome out{home, std::nullopt, std::nullopt};
  if (auto z = env_value("ZDOTDIR")) out.zdotdir = fs::path(*z);
  // The XDG spec says a relative value is to be ignored.
  if (auto x = env_value("XDG_CONFIG_HOME"); x && x->front() == '/') out.xdg_config_home = fs::path(*x);
  return out;
}

std::vector<fs::path> rc_files_for_init(Shell shell, const ShellHome& home, const FileExists& exists) {
  switch (shell) {
    case Shell::bash: {
      fs::path login = home.home / ".bash_profile";
      for (const fs::path& candidate : bash_login_files(home))
        if (exists(candidate)) {
          login = candidate;
          break;
        }
      return {home.home / ".bashrc", login};
    }
    case Shell::zsh: return {zshrc(home)};
    case Shell::fish: return {fish_file(home)};
    case Shell::sh: return {home.home / ".profile"};
  }
  return {};
}

std::vector<fs::path> rc_files_for_deinit(Shell shell, const ShellHome& home) {
  if (shell != Shell::bash) return rc_files_for_init(shell, home, [](const fs::path&) { return false; });
  std::vector<fs::path> out = {home.home / ".bashrc"};
  for (const fs::path& login : bash_login_files(home)) out.push_back(login);
  return out;
}

}  // namespace userpkg
