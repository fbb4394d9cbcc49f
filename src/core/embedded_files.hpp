#pragma once
// The built-in recipes/ and patches/ trees, compiled into the binary (cmake/embed.cmake).
#include <string_view>
#include <vector>

namespace userpkg {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "recipes/python.toml"
  std::string_view data;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace userpkg
