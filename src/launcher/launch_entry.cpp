#include "launcher/launch_entry.hpp"

#include <sstream>

#include "launcher/sidecar_format.hpp"
#include "util/error.hpp"

namespace userpkg {

namespace format = launch_format;

namespace {

void check_path(const std::string& path, const std::string& what) {
  if (!path.starts_with("/") || path.find('\n') != std::string::npos || path.find('\0') != std::string::npos)
    throw Error("cannot write the launch file for " + what + " " + path,
                "the path is not absolute or holds a newline, which the launcher's one-item-a-line format cannot carry",
                "install the package into a prefix whose path has no newline");
}

}  // namespace

std::string launch_sidecar_text(const LaunchEntry& entry) {
  check_path(entry.program, "the program");
  std::string text = std::string(format::kFirstLine) + "\n" + format::kProgramKey + entry.program + "\n";
  for (const std::string& dir : entry.library_dirs) {
    check_path(dir, "the library directory");
    text += format::kLibraryDirKey + dir + "\n";
  }
  return text;
}

std::optional<LaunchEntry> parse_launch_sidecar(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != format::kFirstLine) return std::nullopt;
  LaunchEntry entry;
  while (std::getline(lines, line)) {
    if (line.starts_with(format::kProgramKey)) {
      entry.program = line.substr(std::string_view(format::kProgramKey).size());
    } else if (line.starts_with(format::kLibraryDirKey)) {
      std::string dir = line.substr(std::string_view(format::kLibraryDirKey).size());
      if (dir.starts_with("/")) entry.library_dirs.push_back(std::move(dir));
    }
  }
  if (!entry.program.starts_with("/")) return std::nullopt;
  return entry;
}

}  // namespace userpkg
