// Gathering for the PATH check: which entries exist, which is the prefix's bin, where programs resolve.
#include <unistd.h>

#include <filesystem>

#include "doctor/path_check.hpp"
#include "shell/path_list.hpp"

namespace userpkg {
namespace {

bool is_executable_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

bool same_dir(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

}  // namespace

PathFacts gather_path_facts(const PrefixLayout& layout, const Environment& env) {
  PathFacts facts;
  facts.path = env.get("PATH");
  facts.prefix_bin = layout.bin_link().string();
  std::error_code ec;
  facts.prefix_bin_exists = std::filesystem::is_directory(layout.bin_link(), ec);
  std::vector<std::string> entries = facts.path ? split_path_list(*facts.path) : std::vector<std::string>{};
  for (const auto& entry : entries) {
    if (entry.empty()) continue;
    if (std::filesystem::is_directory(entry, ec)) facts.existing_dirs.insert(entry);
    if (entry == facts.prefix_bin || (facts.prefix_bin_exists && same_dir(entry, layout.bin_link())))
      facts.prefix_bin_entries.insert(entry);
  }
  for (const char* name : {"python3", "git"}) {
    ProgramOnPath p;
    p.name = name;
    p.prefix_has = is_executable_file(layout.bin_link() / name);
    for (const auto& entry : entries) {
      // An empty entry is the current directory, as for the shell.
      std::filesystem::path candidate = std::filesystem::path(entry.empty() ? "." : entry) / name;
      if (!is_executable_file(candidate)) continue;
      p.found = candidate.string();
      p.found_is_prefix = facts.prefix_bin_entries.count(entry) > 0;
      break;
    }
    facts.programs.push_back(std::move(p));
  }
  return facts;
}

}  // namespace userpkg
