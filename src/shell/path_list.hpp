#pragma once
// ':'-separated search lists (PATH, MANPATH, …) as values, and the checks userpkg applies to them.
#include <string>
#include <vector>

namespace userpkg {

// Splits on ':' keeping empty entries ("a::b" -> a, "", b), because an empty entry means "the
// current directory" to the shell and the checks below must see it. "" -> {}.
std::vector<std::string> split_path_list(const std::string& value);
std::string join_path_list(const std::vector<std::string>& entries);

// Prepends `dir` unless already present; never adds an empty entry; an empty list becomes `dir`.
std::string prepend_once(const std::string& list, const std::string& dir);

enum class PathProblemKind { empty_entry, relative_entry, missing_dir, duplicate_entry };
struct PathProblem {
  PathProblemKind kind;
  std::size_t index;  // position in the list
  std::string entry;
};
// `dir_exists` is passed in so the check stays a pure function of its inputs.
template <typename DirExists>
std::vector<PathProblem> check_path_list(const std::string& value, DirExists dir_exists) {
  std::vector<PathProblem> out;
  std::vector<std::string> entries = split_path_list(value);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& e = entries[i];
    if (e.empty()) out.push_back({PathProblemKind::empty_entry, i, e});
    else if (e[0] != '/') out.push_back({PathProblemKind::relative_entry, i, e});
    else if (!dir_exists(e)) out.push_back({PathProblemKind::missing_dir, i, e});
    else
      for (std::size_t j = 0; j < i; ++j)
        if (entries[j] == e) {
          out.push_back({PathProblemKind::duplicate_entry, i, e});
          break;
        }
  }
  return out;
}
std::string describe(const PathProblem& problem);

// The standard system program directories, in the usual order (/usr/local/bin … /bin).
const std::vector<std::string>& standard_system_dirs();

}  // namespace userpkg
