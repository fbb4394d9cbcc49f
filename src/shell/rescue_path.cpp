#include "shell/rescue_path.hpp"

#include <algorithm>
#include <cctype>

#include "shell/path_list.hpp"
#include "util/strings.hpp"

namespace userpkg {

std::vector<std::string> rescue_path_dirs(const std::string& prefix_bin,
                                          const std::function<bool(const std::string&)>& dir_exists) {
  std::vector<std::string> out;
  if (!prefix_bin.empty() && dir_exists(prefix_bin)) out.push_back(prefix_bin);
  for (const auto& dir : standard_system_dirs())
    if (dir_exists(dir) && std::find(out.begin(), out.end(), dir) == out.end()) out.push_back(dir);
  return out;
}

std::string posix_export_line(const std::vector<std::string>& dirs) {
  return "export PATH=" + shell_quote(join_path_list(dirs));
}


std::string fish_set_line(const std::vector<std::string>& dirs) {
  std::string out = "set -gx PATH";
  for (const auto& dir : dirs) out += " " + fish_quote(dir);
  return out;
}

}  // namespace userpkg
