#pragma once
// Which prefix paths userpkg builds into. Build systems take the prefix as unquoted text: autotools
// and make split it at a space, make reads '#', ':', '$', ';', '%' as syntax, libtool breaks on
// quotes, and a ':' would split PATH. So a prefix may hold only ASCII letters, digits, non-ASCII
// characters and  / . _ - + @ , ~ =  (README "The prefix").
#include <filesystem>
#include <optional>

namespace userpkg {

// The first character of `prefix` outside that set, if any (pure).
std::optional<char> unusable_prefix_character(const std::filesystem::path& prefix);

// Throws Error naming the character and what to do instead.
void check_prefix_path(const std::filesystem::path& prefix);

}  // namespace userpkg
