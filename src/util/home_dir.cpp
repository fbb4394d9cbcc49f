#include "util/home_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/error.hpp"

namespace userpkg {
namespace {

// Field `n` (0-based) of a ':'-separated line.
std::optional<std::string_view> field(std::string_view line, int n) {
  for (int i = 0; i < n; ++i) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    line.remove_prefix(colon + 1);
  }
  return line.substr(0, line.find(':'));
}

std::optional<unsigned long> parse_uid(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  unsigned long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned long>(c - '0');
  }
  return value;
}

std::optional<std::string> read_etc_passwd() {
  std::ifstream in("/etc/passwd", std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::optional<std::string> passwd_home(std::string_view passwd_text, unsigned long uid) {
  while (!passwd_text.empty()) {
    std::size_t end = passwd_text.find('\n');
    std::string_view line = passwd_text.substr(0, end);
    passwd_text.remove_prefix(end == std::string_view::npos ? passwd_text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') continue;
    // name:password:uid:gid:gecos:dir:shell
    auto id = field(line, 2);
    if (!id || parse_uid(*id) != uid) continue;
    auto dir = field(line, 5);
    if (!dir || dir->empty() || dir->front() != '/') return std::nullopt;
    return std::string(*dir);
  }
  return std::nullopt;
}

std::filesystem::path find_home_dir(const std::optional<std::string>& home, unsigned long uid,
                                    const std::function<std::optional<std::string>()>& passwd) {
  if (home && !home->empty()) {
    if (home->front() == '/') return *home;
    throw Error("cannot find your home directory", "HOME=" + *home + " is not an absolute path",
                "export HOME=/path/to/your/home");
  }
  const std::optional<std::string> text = passwd();
  if (text)
    if (auto dir = passwd_home(*text, uid)) return *dir;
  throw Error("cannot find your home directory",
              "HOME is not set, and /etc/passwd " +
                  (text ? "has no entry with a home directory for uid " + std::to_string(uid)
                        : std::string("cannot be read")),
              "export HOME=/path/to/your/home");
}

std::filesystem::path home_dir() {
  const char* home = std::getenv("HOME");
  return find_home_dir(home ? std::optional<std::string>(home) : std::nullopt, ::getuid(), read_etc_passwd);
}

std::optional<std::filesystem::path> home_dir_if_known() {
  try {
    return home_dir();
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace userpkg
