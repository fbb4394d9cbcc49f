#pragma once
// Shell code for what a generation adds to the environment (profiles/<N>/env.sh and env.fish,
// `userpkg env`), and what a generation needs for packages that need LD_LIBRARY_PATH (the launcher,
// launcher/launch_entry.hpp). Everything here is text from values: no file-system access.
//
// Rules the code keeps: each directory is put in front of its list once (evaluating the code twice
// changes nothing), an existing entry is never lost, no empty entry is added (except the one
// trailing ':' that keeps man's and info's default search path when MANPATH/INFOPATH was unset:
// without it `man ls` would only search the prefix), and LD_LIBRARY_PATH is left alone unless asked.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "prefix/generations.hpp"
#include "prefix/install_record.hpp"
#include "shell/shell_kind.hpp"
#include "util/strings.hpp"  // fish_quote, shell_quote

namespace userpkg {

// What a generation adds, merged over its packages.
struct EnvAdditions {
  // variable -> directories in the order they end up in front; variables in a fixed order
  // (the known list variables as in core/recipe.hpp, then the allowed others by name).
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::map<std::string, std::string> set;
  // Shell kind ("sh", "fish") -> scripts to source last, in package order, each once.
  std::map<std::string, std::vector<std::string>> sources;
  bool empty() const { return lists.empty() && set.empty() && sources.empty(); }
};

struct EnvScope {
  bool ld_library_path = false;  // include LD_LIBRARY_PATH (`userpkg env --ld-library-path`)
};

// `envs` in the generation's package order (a later package wins a program, so its directories come
// first here too, and its value of a set variable wins). PATH is never part of it: the programs are
// reached through <prefix>/bin. Relative directories (a damaged record) are dropped; a directory is
// listed once.
EnvAdditions merge_package_envs(const std::vector<PackageEnv>& envs, EnvScope scope);

// Code that sets `additions` for `shell` (sh, bash and zsh share the POSIX code), then sources the
// packages' scripts for that shell, each only if it is readable (a deleted package stays silent).
std::string env_code(const EnvAdditions& additions, Shell shell);

// Code that puts `dir` in front of PATH once, if it is a directory; with PATH unset or empty, PATH
// becomes `dir` plus the standard system directories.
std::string path_prepend_code(const std::string& dir, Shell shell);

// The text of profiles/<N>/env.sh and env.fish, and the launcher and its sidecars for the programs
// that need LD_LIBRARY_PATH, for create_generation.
ProfileWriters profile_writers();


}  // namespace userpkg
