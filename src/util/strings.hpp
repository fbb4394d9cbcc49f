#pragma once
// Small string helpers that the standard library lacks.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

std::vector<std::string> split(std::string_view text, char sep, bool skip_empty = false);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string_view trim(std::string_view text);
std::string replace_all(std::string text, std::string_view from, std::string_view to);
// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// "12.3 MB" style sizes for humans.
std::string human_bytes(std::uint64_t bytes);
// Quotes a word for /bin/sh when it holds anything but safe characters (for printed commands).
std::string shell_quote(std::string_view word);
// The same for fish, whose single quotes also treat \\ and \' as escapes.
std::string fish_quote(std::string_view word);

}  // namespace userpkg
