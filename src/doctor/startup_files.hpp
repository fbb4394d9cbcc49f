#pragma once
// The user's shell startup files as read-only facts for the checks (conda block, LD_LIBRARY_PATH
// assignments), and pure searches over them.
#include <filesystem>
#include <string>
#include <vector>

namespace userpkg {

struct StartupText {
  std::filesystem::path path;
  std::string text;
};

// The startup files of shell/startup_files.hpp (bash, zsh, fish) that exist and can be read, with their text.
std::vector<StartupText> read_startup_files(const std::filesystem::path& home, const std::filesystem::path& zdotdir);

struct RcLine {
  std::filesystem::path file;
  std::size_t line = 0;  // 1-based
  std::string text;
};

// Uncommented lines that assign `variable` (NAME=…, export NAME=…, set -x NAME …, setenv NAME …).
std::vector<RcLine> find_assignments(const std::vector<StartupText>& files, const std::string& variable);

// Lines whose text, trimmed, starts with `marker` (e.g. "# >>> conda initialize >>>").
std::vector<RcLine> find_marker(const std::vector<StartupText>& files, const std::string& marker);

// "~/.bashrc:12" when under home, else the full path.
std::string where(const RcLine& line, const std::filesystem::path& home);

}  // namespace userpkg
