#pragma once
// A full file system or an exceeded quota met anywhere in an install (extraction, build, commit,
// install record, generation) becomes one message with the figures:
//   no space left on the filesystem of <dir>: N MB needed, M free; `userpkg gc` would free K
// N only where known (an archive's uncompressed size); M counts the user's quota where it is lower.
#include <string>

#include "prefix/layout.hpp"
#include "util/no_space.hpp"

namespace userpkg {

// The error to show for `e`, measured now (after the failed step's staging was removed); `outcome`
// (e.g. "nothing was installed") ends its why.
Error no_space_error(const NoSpaceError& e, const PrefixLayout& layout,
                     const std::string& outcome = "nothing was installed");

// "30 MB", "12 KB": sizes in the message, rounded up.
std::string space_text(unsigned long long bytes);

}  // namespace userpkg
