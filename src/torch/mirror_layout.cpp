#include "torch/mirror_layout.hpp"

#include <vector>

namespace userpkg {

std::optional<PageKey> page_key(std::string_view page_url) {
  std::string_view path = page_url.substr(0, page_url.find_first_of("?#"));
  if (auto scheme = path.find("://"); scheme != std::string_view::npos) {
    path.remove_prefix(scheme + 3);
    auto slash = path.find('/');  // past the host
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    auto slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.push_back(segment);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  if (segments.size() < 2) return std::nullopt;
  PageKey key{std::string(segments[segments.size() - 2]), std::string(segments.back())};
  for (const std::string& s : {key.variant, key.project})
    if (s == "." || s == "..") return std::nullopt;
  return key;
}

std::string page_file_name(std::string_view variant, IndexFormat format) {
  return std::string(variant) + (format == IndexFormat::json ? ".index.json" : ".index.html");
}

std::string page_content_type(IndexFormat format) {
  return format == IndexFormat::json ? "application/vnd.pypi.simple.v1+json" : "text/html";
}

}  // namespace userpkg
