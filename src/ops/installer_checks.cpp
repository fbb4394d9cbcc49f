#include "ops/installer_checks.hpp"

#include <array>
#include <regex>

#include "util/strings.hpp"

namespace userpkg {

std::string installer_architecture(std::string_view file_name) {
  static const std::regex named(R"(-Linux-(x86_64|aarch64|ppc64le|s390x|armv7l)\.sh$)");
  std::string name(file_name);
  std::smatch m;
  return std::regex_search(name, m, named) ? m[1].str() : std::string();
}

bool installer_fits_machine(std::string_view installer_arch, std::string_view machine) {
  if (installer_arch.empty()) return true;
  if (machine == "arm64") machine = "aarch64";
  return installer_arch == machine;
}

Environment installer_environment(const Environment& base, const std::filesystem::path& home,
                                  const std::filesystem::path& tmp) {
  // An allow-list, not a deny-list: whatever else the user's shell exports stays out.
  static const std::array<const char*, 5> kept = {"PATH", "LANG", "TZ", "USER", "LOGNAME"};
  Environment env;
  for (const auto& [name, value] : base.vars())
    if (name.rfind("LC_", 0) == 0) env.set(name, value);
  for (const char* name : kept)
    if (auto value = base.get(name)) env.set(name, *value);
  if (!env.get("PATH")) env.set("PATH", "/usr/local/bin:/usr/bin:/bin");
  env.set("HOME", home.string());
  env.set("TMPDIR", tmp.string());
  return env;
}

std::optional<std::string> conda_version_from(std::string_view output) {
  static const std::regex line(R"(^conda ([0-9][0-9A-Za-z.+-]*)$)");
  for (const auto& text : split(trim(output), '\n', true)) {
    std::string l(trim(text));
    if (l.size() > 200) continue;  // no version line is this long; std::regex recurses per character
    std::smatch m;
    if (std::regex_match(l, m, line)) return m[1].str();
  }
  return std::nullopt;
}

}  // namespace userpkg
