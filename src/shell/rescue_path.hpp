#pragma once
// The PATH that `userpkg rescue` hands a person whose shell lost it: userpkg's bin (if it exists),
// then the standard system directories that exist — and the line to paste for it.
#include <functional>
#include <string>
#include <vector>

#include "util/strings.hpp"  // fish_quote, shell_quote

namespace userpkg {

// <prefix>/bin first (as env.sh puts it), then standard_system_dirs() that exist.
std::vector<std::string> rescue_path_dirs(const std::string& prefix_bin,
                                          const std::function<bool(const std::string&)>& dir_exists);

// export PATH=/usr/bin:/bin  (single-quoted when a directory holds characters sh would interpret)
std::string posix_export_line(const std::vector<std::string>& dirs);
// set -gx PATH /usr/bin /bin  (each directory quoted for fish when needed)
std::string fish_set_line(const std::vector<std::string>& dirs);


}  // namespace userpkg
