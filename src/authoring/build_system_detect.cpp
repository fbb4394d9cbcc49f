#include "authoring/build_system_detect.hpp"

#include <set>

namespace userpkg {
namespace {

std::string strip_dot_slash(std::string name) {
  while (name.starts_with("./")) name.erase(0, 2);
  return name;
}

}  // namespace

std::vector<std::string> top_level_names(const std::vector<std::string>& entries) {
  std::vector<std::string> names;
  for (const auto& e : entries) {
    std::string n = strip_dot_slash(e);
    while (n.ends_with("/")) n.pop_back();
    if (!n.empty() && n != ".") names.push_back(n);
  }
  std::set<std::string> tops;
  bool anything_below = false;
  for (const auto& n : names) {
    auto slash = n.find('/');
    tops.insert(n.substr(0, slash));
    anything_below = anything_below || slash != std::string::npos;
  }
  // Everything under one directory (foo-1.2/…): the source root is that directory.
  if (tops.size() != 1 || !anything_below) return names;
  const std::string top = *tops.begin() + "/";
  std::vector<std::string> below;
  for (const auto& n : names)
    if (n.starts_with(top)) below.push_back(n.substr(top.size()));
  return below;
}

std::optional<DetectedBuild> detect_build_system(const std::vector<std::string>& entries) {
  std::set<std::string> root_files;
  for (const auto& n : top_level_names(entries))
    if (n.find('/') == std::string::npos) root_files.insert(n);
  auto has = [&](const char* name) { return root_files.count(name) > 0; };
  if (has("configure")) return DetectedBuild{"autotools", "configure", ""};
  if (has("CMakeLists.txt")) return DetectedBuild{"cmake", "CMakeLists.txt", ""};
  for (const char* name : {"configure.ac", "configure.in"})
    if (has(name)) return DetectedBuild{"autotools", name, ""};
  for (const char* name : {"config", "Configure"})
    if (has(name)) return DetectedBuild{"autotools", name, name};
  for (const char* name : {"GNUmakefile", "Makefile", "makefile"})
    if (has(name)) return DetectedBuild{"make", name, ""};
  return std::nullopt;
}

bool is_installer_file(std::string_view file_name) {
  return file_name.ends_with(".sh") || file_name.ends_with(".run");
}

}  // namespace userpkg
