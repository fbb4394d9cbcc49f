#include "cuda/redist_entry.hpp"

#include <charconv>

#include "util/error.hpp"

namespace userpkg::cuda {

std::string relative_path_problem(std::string_view path) {
  if (path.empty()) return "it is empty";
  if (path.front() == '/') return "it is an absolute path";
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "it contains a control character";
    if (c == '\\') return "it contains a backslash";
    if (c == '?' || c == '#' || c == '%') return std::string("it contains '") + c + "', which would change the URL";
  }
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(pos, end - pos);
    if (part == "..") return "it has a \"..\" path component";
    if (part == ".") return "it has a \".\" path component";
    if (part.empty()) return "it has an empty path component";
    pos = end + 1;
  }
  return {};
}

std::string url_problem(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return "it does not start with https:// or http://";
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return "it contains a space or control character";
    if (c == '\\' || c == '?' || c == '#') return std::string("it contains '") + c + "'";
  }
  std::size_t slash = rest.find('/');
  if (slash == 0) return "it names no host";
  if (slash == std::string_view::npos) return "it names no file";
  std::string_view file = rest.substr(rest.rfind('/') + 1);
  if (file.empty() || file == "." || file == "..") return "it does not end in a file name";
  return {};
}

std::string sha256_problem(std::string_view sha256) {
  if (sha256.empty()) return "it is empty";
  if (sha256.size() != 64) return "it has " + std::to_string(sha256.size()) + " characters, not 64";
  for (char c : sha256) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return "it contains '" + std::string(1, c) + "', which is not a hex digit";
  }
  return {};
}

std::string lowercase_sha256(std::string_view sha256) {
  std::string out(sha256);
  for (char& c : out)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool parse_size_text(std::string_view text, std::uint64_t& size) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), size);
  return ec == std::errc() && end == text.data() + text.size();
}

void validate_entry(const RedistEntry& entry, std::string_view origin) {
  std::string where = std::string(origin) + ": component \"" + entry.component + "\"";
  if (entry.component.empty())
    throw Error(std::string(origin) + ": an archive entry has no component name", "every entry names its component",
                "Add the component key NVIDIA uses, such as \"cuda_cudart\".");
  if (!entry.url.empty()) {
    if (std::string why = url_problem(entry.url); !why.empty())
      throw Error(where + " has an unusable url \"" + entry.url + "\"", why,
                  "Give the archive's absolute https:// URL, as its publisher lists it.");
  } else if (std::string why = relative_path_problem(entry.relative_path); !why.empty()) {
    throw Error(where + " has an unusable relative_path \"" + entry.relative_path + "\"", why,
                "Copy relative_path exactly as NVIDIA's redistrib_<version>.json writes it.");
  }
  if (std::string why = sha256_problem(entry.sha256); !why.empty())
    throw Error(where + " has an unusable sha256 for " + archive_file_name(entry), why,
                "Copy the sha256 exactly as NVIDIA's redistrib_<version>.json writes it.");
}

std::string archive_file_name(const RedistEntry& entry) {
  const std::string& path = entry.url.empty() ? entry.relative_path : entry.url;
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace userpkg::cuda
