#include "wheel/index_file_check.hpp"

#include <algorithm>

#include "wheel/wheel_name.hpp"

namespace userpkg {
namespace {

// "https" of "https://…", lower-cased; empty when the URL has no scheme.
std::string scheme_of(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    if (c == ':') return scheme;
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && !(other && !scheme.empty())) return {};
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return {};
}

}  // namespace

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    if (out.size() >= max_chars) return out + "…";
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string unusable_index_file(const IndexFile& file, std::string_view page_url) {
  const std::string_view name = file.file_name;
  if (name.empty()) return "it has no file name";
  if (name.find('/') != std::string_view::npos) return "its name holds '/' (once percent-decoded)";
  if (name.find('\\') != std::string_view::npos) return "its name holds '\\'";
  if (name.find('\0') != std::string_view::npos) return "its name holds a NUL byte";
  if (name.find("..") != std::string_view::npos) return "its name holds '..'";
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return "its name holds a control character";
  if (name.ends_with(".whl") && !try_parse_wheel_name(name)) return "it is not a valid wheel file name (PEP 427)";
  const std::string scheme = scheme_of(file.url);
  if (scheme == "http" || scheme == "https") return {};
  // A local index (file://) links its files relatively: they share its scheme.
  if (!scheme.empty() && scheme == scheme_of(page_url) && scheme == "file") return {};
  return "its link is " + (scheme.empty() ? std::string("not an absolute URL") : "a " + scheme + ": URL") +
         ", not http(s)";
}

std::vector<SkippedIndexFile> drop_unusable_files(std::vector<IndexFile>& files, std::string_view page_url) {
  std::vector<SkippedIndexFile> skipped;
  std::vector<IndexFile> kept;
  kept.reserve(files.size());
  for (IndexFile& file : files) {
    std::string why = unusable_index_file(file, page_url);
    if (why.empty()) kept.push_back(std::move(file));
    else skipped.push_back({printable_excerpt(file.file_name), std::move(why)});
  }
  files = std::move(kept);
  return skipped;
}

}  // namespace userpkg
