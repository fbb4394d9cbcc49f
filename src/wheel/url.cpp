#include "wheel/url.hpp"

#include <vector>

namespace userpkg {
namespace {

// Length of a "scheme:" at the start of text (including ':'), 0 when there is none.
std::size_t scheme_length(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c == ':') return i > 0 ? i + 1 : 0;
    if (!alpha && !(i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) return 0;
  }
  return 0;
}

// RFC 3986 section 5.2.4: "/a/b/../c/./d" → "/a/c/d".
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  bool absolute = !path.empty() && path[0] == '/';
  if (absolute) i = 1;
  bool trailing_slash = false;
  while (i <= path.size()) {
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(i, end - i);
    bool last = end == path.size();
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = true;
    } else if (segment == ".") {
      trailing_slash = true;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    if (last) break;
    i = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (k > 0) result += '/';
    result += out[k];
  }
  if (trailing_slash && !out.empty()) result += '/';
  return result;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view url_fragment(std::string_view url) {
  auto hash = url.find('#');
  return hash == std::string_view::npos ? std::string_view() : url.substr(hash + 1);
}

std::string_view url_without_fragment(std::string_view url) { return url.substr(0, url.find('#')); }

std::string resolve_url(std::string_view base, std::string_view reference) {
  if (scheme_length(reference) > 0) return std::string(reference);
  base = url_without_fragment(base);
  base = base.substr(0, base.find('?'));
  std::size_t scheme = scheme_length(base);
  if (reference.substr(0, 2) == "//") return std::string(base.substr(0, scheme)) + std::string(reference);
  // authority: "//host[:port]" after the scheme, if any.
  std::size_t path_start = scheme;
  if (base.substr(scheme, 2) == "//") {
    path_start = base.find('/', scheme + 2);
    if (path_start == std::string_view::npos) path_start = base.size();
  }
  std::string origin(base.substr(0, path_start));
  std::string_view base_path = base.substr(path_start);
  if (reference.empty()) return std::string(base);
  if (reference[0] == '#' || reference[0] == '?') return std::string(base) + std::string(reference);

  // Split off the query and fragment so dot segments are removed from the path only.
  std::size_t ref_path_end = reference.find_first_of("?#");
  if (ref_path_end == std::string_view::npos) ref_path_end = reference.size();
  std::string_view ref_path = reference.substr(0, ref_path_end);
  std::string_view ref_tail = reference.substr(ref_path_end);
  std::string merged;
  if (ref_path[0] == '/') {
    merged = std::string(ref_path);
  } else {
    auto slash = base_path.rfind('/');
    merged = slash == std::string_view::npos ? "/" : std::string(base_path.substr(0, slash + 1));
    merged += ref_path;
  }
  return origin + remove_dot_segments(merged) + std::string(ref_tail);
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string url_file_name(std::string_view url) {
  url = url_without_fragment(url);
  url = url.substr(0, url.find('?'));
  auto slash = url.rfind('/');
  return percent_decode(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

}  // namespace userpkg
