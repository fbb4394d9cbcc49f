#include "shell/path_list.hpp"

namespace userpkg {

std::vector<std::string> split_path_list(const std::string& value) {
  std::vector<std::string> out;
  if (value.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t colon = value.find(':', start);
    out.push_back(value.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return out;
}

std::string join_path_list(const std::vector<std::string>& entries) {
  std::string out;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ':';
    out += entries[i];
  }
  return out;
}

std::string prepend_once(const std::string& list, const std::string& dir) {
  if (dir.empty()) return list;
  for (const std::string& e : split_path_list(list))
    if (e == dir) return list;
  return list.empty() ? dir : dir + ":" + list;
}

std::string describe(const PathProblem& p) {
  std::string where = "entry " + std::to_string(p.index + 1);
  switch (p.kind) {
    case PathProblemKind::empty_entry:
      return where + " is empty (the shell reads it as the current directory)";
    case PathProblemKind::relative_entry:
      return where + " '" + p.entry + "' is relative (it changes meaning with the current directory)";
    case PathProblemKind::missing_dir:
      return where + " '" + p.entry + "' does not exist";
    case PathProblemKind::duplicate_entry:
      return where + " '" + p.entry + "' repeats an earlier entry";
  }
  return where;
}

const std::vector<std::string>& standard_system_dirs() {
  static const std::vector<std::string> dirs = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                                "/usr/bin",        "/sbin",           "/bin"};
  return dirs;
}

}  // namespace userpkg
