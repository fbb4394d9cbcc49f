#pragma once
// Where a file would be on a mirror: a pure mapping from (mirror, recipe, file name) to a local
// path or a URL; no I/O.
#include <filesystem>
#include <string>

namespace userpkg {

struct MirrorLocation {
  bool local = false;             // true: use `path` in place; false: download `url`
  std::filesystem::path path;
  std::string url;
};

// mirror: a directory path, a file:// URL or an http(s):// URL. Throws Error for other schemes.
MirrorLocation mirror_location(const std::string& mirror, const std::string& recipe, const std::string& file_name);

// True for http:// and https:// URLs (case-insensitive scheme).
bool is_remote_url(const std::string& text);

}  // namespace userpkg
