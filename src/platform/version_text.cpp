#include "platform/version_text.hpp"

#include <cctype>
#include <string>

namespace userpkg {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Length of a dotted number starting at text[i] ("3.0.19"); 0 if there is none with a dot.
std::size_t dotted_length(std::string_view text, std::size_t i) {
  std::size_t j = i, dots = 0;
  while (j < text.size() && is_digit(text[j])) ++j;
  while (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
    ++dots;
    ++j;
    while (j < text.size() && is_digit(text[j])) ++j;
  }
  return dots == 0 ? 0 : j - i;
}

// Length of a suffix like "w", "rc1", "a2" right after the number, only if it ends the word.
std::size_t suffix_length(std::string_view text, std::size_t j) {
  std::size_t k = j;
  while (k < text.size() && is_lower(text[k])) ++k;
  if (k == j || k - j > 5) return 0;
  while (k < text.size() && is_digit(text[k])) ++k;
  if (k < text.size() && (is_alnum(text[k]) || text[k] == '_')) return 0;  // "4.3x86_64": not a suffix
  return k - j;
}

// A number starts a word ("2.71", "v5.36.0"), not the inside of one ("x86_64", "md5sum").
bool starts_word(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  char before = text[i - 1];
  if (before == 'v' || before == 'V') return i < 2 || !is_alnum(text[i - 2]);
  return !is_alnum(before) && before != '.' && before != '_';
}

}  // namespace

std::optional<Version> first_dotted_version(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    std::size_t len = starts_word(text, i) ? dotted_length(text, i) : 0;
    if (len > 0) {
      len += suffix_length(text, i + len);
      if (auto v = Version::try_parse(std::string(text.substr(i, len)))) return v;
    }
    // Not a version: skip the rest of this run of digits and dots.
    while (i + 1 < text.size() && (is_digit(text[i + 1]) || text[i + 1] == '.')) ++i;
  }
  return std::nullopt;
}

}  // namespace userpkg
