#pragma once
// Which startup files a user's shells read, in the order they read them, so `userpkg rescue` can
// lint them. Only the user's own files: /etc/profile and friends are the administrator's.
//   bash login:        the first of ~/.bash_profile, ~/.bash_login, ~/.profile
//   bash interactive:  ~/.bashrc (and ~/.bash_aliases, which Debian's ~/.bashrc sources)
//   zsh:               $ZDOTDIR (default ~)/.zshenv, .zprofile, .zshrc
//   fish:              $XDG_CONFIG_HOME (default ~/.config)/fish/conf.d/*.fish (by name), then config.fish
// All candidates are listed (a user may switch shells); existing_startup_files() keeps those present.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shell/rc_lint_scan.hpp"

namespace userpkg {

struct StartupFile {
  std::filesystem::path path;
  RcSyntax syntax;
  std::string read_by;  // e.g. "bash login shells"
};

struct StartupDirs {
  std::filesystem::path home;
  std::optional<std::filesystem::path> zdotdir;          // $ZDOTDIR
  std::optional<std::filesystem::path> xdg_config_home;  // $XDG_CONFIG_HOME
};

// The fixed candidates, in reading order; fish's conf.d snippets are given in `fish_conf_d`
// (file names, any order) because listing a directory is I/O.
std::vector<StartupFile> startup_file_candidates(const StartupDirs& dirs, const std::vector<std::string>& fish_conf_d);

// The fish conf.d directory for `dirs`.
std::filesystem::path fish_conf_d_dir(const StartupDirs& dirs);

// Lists conf.d and keeps the candidates that exist (symlinks to files included).
std::vector<StartupFile> existing_startup_files(const StartupDirs& dirs);

}  // namespace userpkg
