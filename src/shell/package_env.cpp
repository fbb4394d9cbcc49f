#include "shell/package_env.hpp"

#include "util/strings.hpp"

namespace userpkg {

namespace {

std::string expand_prefix(const std::string& text, const std::filesystem::path& package_dir) {
  return replace_all(text, "{prefix}", package_dir.string());
}

// "/p/pkgs/x/1/lib/" and "/p/pkgs/x/1/./lib" -> "/p/pkgs/x/1/lib": one spelling per directory (or
// file), so that "prepend once" recognises it.
std::string normal_dir(const std::string& dir) {
  std::string out = std::filesystem::path(dir).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

PackageEnv resolve_package_env(const RecipeEnv& declared, const std::filesystem::path& package_dir) {
  PackageEnv env;
  for (const auto& [variable, dirs] : declared.lists) {
    std::vector<std::string>& out = env.lists[variable];
    for (const std::string& dir : dirs)
      out.push_back(normal_dir(expand_prefix(dir, package_dir)));
  }
  for (const auto& [variable, value] : declared.set) env.set[variable] = expand_prefix(value, package_dir);
  for (const auto& [shell, file] : declared.source) env.source[shell] = normal_dir(expand_prefix(file, package_dir));

  if (!declared.declares("PATH")) env.lists["PATH"] = {(package_dir / "bin").string()};
  const std::pair<const char*, const char*> optional_defaults[] = {{"MANPATH", "share/man"},
                                                                   {"PKG_CONFIG_PATH", "lib/pkgconfig"}};
  for (const auto& [variable, sub_dir] : optional_defaults) {
    std::error_code ec;
    if (!declared.declares(variable) && std::filesystem::is_directory(package_dir / sub_dir, ec))
      env.lists[variable] = {(package_dir / sub_dir).string()};
  }
  // A variable declared empty (MANPATH = []) stays out of the record entirely.
  std::erase_if(env.lists, [](const auto& entry) { return entry.second.empty(); });
  return env;
}

}  // namespace userpkg
