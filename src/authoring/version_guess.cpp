#include "authoring/version_guess.hpp"

#include <array>
#include <cctype>
#include <regex>

#include "core/version.hpp"

namespace userpkg {
namespace {

constexpr std::array<std::string_view, 14> kExtensions = {".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tar.lz",
                                                          ".tgz",    ".txz",    ".tbz2",    ".tbz",     ".tar",
                                                          ".zip",    ".7z",     ".sh",      ".run"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string strip_archive_extension(std::string_view file_name) {
  const std::string low = lower(file_name);
  for (auto ext : kExtensions)
    if (low.ends_with(ext) && low.size() > ext.size()) return std::string(file_name.substr(0, file_name.size() - ext.size()));
  return std::string(file_name);
}

std::optional<std::string> guess_version(std::string_view file_name, std::string_view recipe_name) {
  // No file system holds a longer name; std::regex below recurses once per character, and a URL
  // naming 100,000 digits overflowed the stack.
  if (file_name.size() > 255) return std::nullopt;
  const std::string stem = strip_archive_extension(file_name);
  // A dotted number, then an optional pre-release or letter suffix (rc1, b2, w, -rc1 is not taken:
  // "-" usually starts the next part of the name, e.g. -Linux-x86_64).
  static const std::regex dotted(R"((\d+(?:\.\d+)+(?:(?:a|b|rc|alpha|beta|pre|post|dev)\d*|[a-z](?![a-z]))?))",
                                 std::regex::icase);
  std::smatch m;
  if (std::regex_search(stem, m, dotted)) {
    // Not in the middle of a longer word such as "x86_64.1": the character before must not be a letter or digit.
    auto start = static_cast<std::size_t>(m.position(1));
    if (start == 0 || !std::isalnum(static_cast<unsigned char>(stem[start - 1])) || stem[start - 1] == 'v' ||
        stem[start - 1] == 'V') {
      if (Version::try_parse(m.str(1))) return m.str(1);
    }
  }
  // foo-7 / foo_20240101: a plain number after the name.
  const std::string low = lower(stem), name = lower(recipe_name);
  for (char sep : {'-', '_'}) {
    const std::string prefix = name + sep;
    if (!name.empty() && low.starts_with(prefix)) {
      std::string rest = stem.substr(prefix.size());
      if (rest.starts_with("v") || rest.starts_with("V")) rest.erase(0, 1);
      std::size_t digits = 0;
      while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
      if (digits > 0 && (digits == rest.size() || rest[digits] == '-' || rest[digits] == '_'))
        if (Version::try_parse(rest.substr(0, digits))) return rest.substr(0, digits);
    }
  }
  return std::nullopt;
}

std::string url_template(const std::string& url, const std::string& version) {
  if (version.empty()) return url;
  // Only in the path (never the host: 127.0.0.1 holds "0.1"), and only whole versions: not the
  // "1.0" of v1.0.1 or 11.0.
  auto scheme = url.find("://");
  std::size_t pos = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string out = url.substr(0, pos == std::string::npos ? url.size() : pos);
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (pos != std::string::npos && pos < url.size()) {
    std::size_t hit = url.find(version, pos);
    if (hit == std::string::npos) break;
    std::size_t end = hit + version.size();
    bool starts_clean = hit == 0 || !(is_digit(url[hit - 1]) || url[hit - 1] == '.');
    bool ends_clean = end == url.size() || !(is_digit(url[end]) || (url[end] == '.' && end + 1 < url.size() &&
                                                                    is_digit(url[end + 1])));
    out += url.substr(pos, hit - pos);
    out += starts_clean && ends_clean ? "{version}" : version;
    pos = end;
  }
  if (pos != std::string::npos && pos < url.size()) out += url.substr(pos);
  return out;
}

}  // namespace userpkg
