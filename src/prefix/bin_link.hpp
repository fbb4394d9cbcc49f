#pragma once
// <prefix>/bin must be userpkg's own link to profiles/current/bin (the one directory on PATH).
// A directory or file already there (--prefix $HOME with its own ~/bin) is not userpkg's to replace.
#include <optional>
#include <string>

#include "prefix/layout.hpp"

namespace userpkg {

// What stands at <prefix>/bin instead of userpkg's link ("a directory", "a symbolic link to X", …);
// nothing when the link is there or nothing is.
std::optional<std::string> foreign_bin(const PrefixLayout& layout);

// Throws Error when foreign_bin says something: programs would never reach the directory on PATH.
void check_bin_link_free(const PrefixLayout& layout);

}  // namespace userpkg
