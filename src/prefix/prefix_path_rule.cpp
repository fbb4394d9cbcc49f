#include "prefix/prefix_path_rule.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool usable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("/._-+@~=").find(c) != std::string_view::npos;
}

std::string describe(char c) {
  switch (c) {
    case ' ': return "a space";
    case '\t': return "a tab";
    case '\n': return "a newline";
    case '\'': return "a single quote (')";
    case '"': return "a double quote (\")";
    case '\\': return "a backslash (\\)";
    case '`': return "a backtick (`)";
    case '$': return "a dollar sign ($)";
    case ':': return "a colon (:), which would split PATH";
    case ',': return "a comma (,), which would split the linker option -Wl,-rpath,<prefix>/lib";
    default: break;
  }
  auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "the control character 0x%02x", u);
    return buf;
  }
  return std::string("'") + c + "'";
}

}  // namespace

std::optional<char> unusable_prefix_character(const std::filesystem::path& prefix) {
  for (char c : prefix.native())
    if (!usable(c)) return c;
  return std::nullopt;
}

void check_prefix_path(const std::filesystem::path& prefix) {
  auto c = unusable_prefix_character(prefix);
  if (!c) return;
  throw Error("cannot use the prefix " + prefix.string() + ": its path contains " + describe(*c),
              "build systems (configure, make, libtool) take the prefix as unquoted text and break on it; a prefix "
              "may hold only letters, digits and / . _ - + @ ~ =",
              "choose another directory (e.g. ~/prefix), or make a symbolic link with a plain name to the directory "
              "you want and give that link as --prefix");
}

}  // namespace userpkg
