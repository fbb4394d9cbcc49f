#include "doctor/startup_files.hpp"

#include <regex>
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

std::vector<RcLine> find_assignments(const std::vector<StartupText>& files, const std::string& variable) {
  const std::regex assignment("^(export\\s+|declare\\s+-x\\s+|typeset\\s+-x\\s+)?" + variable + "=|" +
                              "^set\\s+(-[a-zA-Z]+\\s+)*" + variable + "(\\s|$)|^setenv\\s+" + variable + "(\\s|$)");
  return scan(files, [&](const std::string& text) { return std::regex_search(text, assignment); });
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
