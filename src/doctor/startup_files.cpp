#include "doctor/startup_files.hpp"

#include <cctype>
#include <sstream>

#include "shell/startup_files.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

template <typename Match>
std::vector<RcLine> scan(const std::vector<StartupText>& files, Match match) {
  std::vector<RcLine> out;
  for (const auto& file : files) {
    std::istringstream lines(file.text);
    std::string line;
    std::size_t number = 0;
    while (std::getline(lines, line)) {
      ++number;
      std::string text(trim(line));
      if (match(text)) out.push_back({file.path, number, text});
    }
  }
  return out;
}

}  // namespace

std::vector<StartupText> read_startup_files(const std::filesystem::path& home, const std::filesystem::path& zdotdir) {
  // The same list `userpkg rescue` lints (shell/startup_files), in reading order.
  std::vector<std::filesystem::path> paths;
  for (const StartupFile& file : existing_startup_files({home, zdotdir, std::nullopt})) paths.push_back(file.path);
  std::vector<StartupText> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    try {
      files.push_back({path, read_file(path)});
    } catch (const Error&) {
      // unreadable: nothing to learn from it
    }
  }
  return files;
}

namespace {

bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Drops `word` and the blanks after it (at least one) from the front of `s`.
bool take_word(std::string_view& s, std::string_view word) {
  if (!s.starts_with(word) || s.size() == word.size() || !blank(s[word.size()])) return false;
  s.remove_prefix(word.size());
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  return true;
}

// "VAR=", "export VAR=", "declare -x VAR=", "typeset -x VAR=", "set [-opts…] VAR", "setenv VAR".
// By hand: std::regex recursed once per blank, and a line of 300,000 spaces overflowed the stack.
bool assigns(std::string_view line, const std::string& variable) {
  const std::string with_value = variable + "=";
  auto alone = [&](std::string_view s) {
    return s.starts_with(variable) && (s.size() == variable.size() || blank(s[variable.size()]));
  };
  std::string_view s = line;
  if (s.starts_with(with_value)) return true;
  if (take_word(s, "export")) return s.starts_with(with_value);
  if (take_word(s, "declare") || take_word(s, "typeset")) return take_word(s, "-x") && s.starts_with(with_value);
  if (take_word(s, "setenv")) return alone(s);
  if (!take_word(s, "set")) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  while (s.size() > 1 && s[0] == '-' && letter(s[1])) {  // options such as -gx
    std::size_t end = 1;
    while (end < s.size() && letter(s[end])) ++end;
    if (!take_word(s, s.substr(0, end))) break;
  }
  return alone(s);
}

}  // namespace

std::vector<RcLine> find_assignments(const std::vector<StartupText>& files, const std::string& variable) {
  return scan(files, [&](const std::string& text) { return assigns(text, variable); });
}

std::vector<RcLine> find_marker(const std::vector<StartupText>& files, const std::string& marker) {
  return scan(files, [&](const std::string& text) { return text.starts_with(marker); });
}

std::string where(const RcLine& line, const std::filesystem::path& home) {
  std::string path = line.file.string();
  std::string h = home.string();
  if (!h.empty() && path.starts_with(h + "/")) path = "~" + path.substr(h.size());
  return path + ":" + std::to_string(line.line);
}

}  // namespace userpkg
