#pragma once
// Which startup files get the userpkg block, per shell. Pure: the home directories and a
// file-exists test are passed in, so tests need no real HOME.
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "shell/shell_kind.hpp"

namespace userpkg {

struct ShellHome {
  std::filesystem::path home;                            // $HOME
  std::optional<std::filesystem::path> zdotdir;          // $ZDOTDIR, if set
  std::optional<std::filesystem::path> xdg_config_home;  // $XDG_CONFIG_HOME, if set and absolute
};

// From the environment (the home directory from util/home_dir.hpp); throws Error when there is none.
ShellHome shell_home_from_environment();

using FileExists = std::function<bool(const std::filesystem::path&)>;

// The files `shell init` puts the block in:
//   bash: ~/.bashrc (interactive shells), plus the file a login shell reads, which is the first
//         existing of ~/.bash_profile, ~/.bash_login, ~/.profile; ~/.bash_profile if none exists
//         (never created next to an existing ~/.profile: bash would then stop reading ~/.profile).
//   zsh:  $ZDOTDIR/.zshrc, else ~/.zshrc.
//   fish: ${XDG_CONFIG_HOME:-~/.config}/fish/conf.d/userpkg.fish (a file of its own).
//   sh:   ~/.profile.
std::vector<std::filesystem::path> rc_files_for_init(Shell shell, const ShellHome& home, const FileExists& exists);

// Every file where init could have put a block for `shell` (for deinit when no record is left):
// for bash all three login files, whichever exist now.
std::vector<std::filesystem::path> rc_files_for_deinit(Shell shell, const ShellHome& home);

}  // namespace userpkg
