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
  if (std::string why = relative_path_problem(entry.relative_path); !why.empty())
    throw Error(where + " has an unusable relative_path \"" + entry.relative_path + "\"", why,
                "Copy relative_path exactly as NVIDIA's redistrib_<version>.json writes it.");
  if (std::string why = sha256_problem(entry.sha256); !why.empty())
    throw Error(where + " has an unusable sha256 for " + entry.relative_path, why,
                "Copy the sha256 exactly as NVIDIA's redistrib_<version>.json writes it.");
}

std::string archive_file_name(const RedistEntry& entry) {
  std::size_t slash = entry.relative_path.rfind('/');
  return slash == std::string::npos ? entry.relative_path : entry.relative_path.substr(slash + 1);
}

}  // namespace userpkg::cuda
