#include "shell/startup_files.hpp"

#include <algorithm>

#include "util/fs.hpp"

namespace userpkg {

namespace {

std::filesystem::path fish_dir(const StartupDirs& dirs) {
  std::filesystem::path config = dirs.xdg_config_home ? *dirs.xdg_config_home : dirs.home / ".config";
  return config / "fish";
}

}  // namespace

std::filesystem::path fish_conf_d_dir(const StartupDirs& dirs) { return fish_dir(dirs) / "conf.d"; }

std::vector<StartupFile> startup_file_candidates(const StartupDirs& dirs, const std::vector<std::string>& fish_conf_d) {
  const auto& h = dirs.home;
  std::filesystem::path z = dirs.zdotdir ? *dirs.zdotdir : h;
  std::vector<StartupFile> out = {
      {h / ".bash_profile", RcSyntax::posix, "bash login shells"},
      {h / ".bash_login", RcSyntax::posix, "bash login shells without ~/.bash_profile"},
      {h / ".profile", RcSyntax::posix, "sh login shells, and bash without ~/.bash_profile or ~/.bash_login"},
      {h / ".bashrc", RcSyntax::posix, "interactive bash shells"},
      {h / ".bash_aliases", RcSyntax::posix, "~/.bashrc (Debian's sources it)"},
      {z / ".zshenv", RcSyntax::posix, "every zsh"},
      {z / ".zprofile", RcSyntax::posix, "zsh login shells"},
      {z / ".zshrc", RcSyntax::posix, "interactive zsh shells"},
  };
  std::vector<std::string> snippets;
  for (const auto& name : fish_conf_d)
    if (name.size() > 5 && name.ends_with(".fish")) snippets.push_back(name);
  std::sort(snippets.begin(), snippets.end());
  for (const auto& name : snippets) out.push_back({fish_conf_d_dir(dirs) / name, RcSyntax::fish, "every fish"});
  out.push_back({fish_dir(dirs) / "config.fish", RcSyntax::fish, "every fish"});
  return out;
}

std::vector<StartupFile> existing_startup_files(const StartupDirs& dirs) {
  std::vector<std::string> names;
  for (const auto& entry : directory_entries(fish_conf_d_dir(dirs))) names.push_back(entry.filename().string());
  std::vector<StartupFile> out;
  for (auto& file : startup_file_candidates(dirs, names)) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(file.path, ec)) out.push_back(std::move(file));
  }
  return out;
}

}  // namespace userpkg
