// Gathering for the library checks: the profile's programs (ELF files, launcher entries, or the sh
// wrappers of older generations), the libraries the loader would load for each, and what
// LD_LIBRARY_PATH's directories hold.
#include <sys/stat.h>

#include <filesystem>

#include "doctor/library_check.hpp"
#include "launcher/launch_entry.hpp"
#include "launcher/sidecar_format.hpp"
#include "platform/elf_file.hpp"
#include "shell/path_list.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

constexpr std::uintmax_t max_wrapper_size = 64 * 1024;

bool looks_like_library(const std::string& name) {
  return name.starts_with("lib") && (name.ends_with(".so") || name.find(".so.") != std::string::npos);
}

std::string package_of(const PrefixLayout& layout, const std::filesystem::path& file) {
  std::filesystem::path relative = file.lexically_relative(std::filesystem::weakly_canonical(layout.pkgs()));
  if (relative.empty() || relative.begin()->string() == "..") return "";
  auto it = relative.begin();
  std::string name = it->string();
  if (++it == relative.end()) return "";
  return name + " " + it->string();
}

std::vector<std::string> absolute_entries(const std::string& list) {
  std::vector<std::string> out;
  for (auto& e : split_path_list(list))
    if (!e.empty() && e[0] == '/') out.push_back(e);
  return out;
}

ProgramFacts program_facts(const PrefixLayout& layout, const std::string& name, const std::filesystem::path& elf_path,
                           std::vector<std::string> wrapper_path, const std::vector<std::string>& env_path,
                           const std::vector<std::string>& conf_dirs) {
  ProgramFacts p;
  p.name = name;
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(elf_path, ec);
  p.path = ec ? elf_path.string() : real.string();
  p.package = package_of(layout, real);
  p.wrapper_library_path = wrapper_path;
  LoaderSearchConfig config;
  config.ld_library_path = std::move(wrapper_path);
  config.ld_library_path.insert(config.ld_library_path.end(), env_path.begin(), env_path.end());
  config.conf_dirs = conf_dirs;
  try {
    config.default_dirs = default_library_dirs(read_elf(p.path).is_64bit);
    DependencyTree tree = resolve_dependencies(p.path, config);
    for (const auto& edge : tree.edges) {
      LinkFacts link{edge.requester.string(), edge.needed, edge.versions_needed, edge.found, {}};
      if (edge.found)
        if (auto it = tree.objects.find(edge.found->path); it != tree.objects.end())
          link.versions_defined = it->second.version_definitions;
      p.links.push_back(std::move(link));
    }
  } catch (const Error& e) {
    p.unreadable = std::string(e.what()) + (e.why().empty() ? "" : ": " + e.why());
  }
  return p;
}

// A launcher entry: <bin>/<name> with <bin>/.launch/<name> beside it (launcher/launch_entry.hpp).
// nullopt if it is none; an entry with an empty program if its sidecar is missing or unreadable.
std::optional<LaunchEntry> launch_entry_of(const PrefixLayout& layout, const std::string& name) {
  const std::filesystem::path sidecar = layout.bin_link() / launch_format::kSidecarDir / name;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(sidecar, ec))) {
    const bool is_launcher = std::filesystem::equivalent(layout.bin_link() / name, layout.launcher(), ec) && !ec;
    return is_launcher ? std::optional<LaunchEntry>(LaunchEntry{}) : std::nullopt;
  }
  if (std::filesystem::file_size(sidecar, ec) > launch_format::kMaxSidecarSize || ec) return LaunchEntry{};
  try {
    return parse_launch_sidecar(read_file(sidecar)).value_or(LaunchEntry{});
  } catch (const Error&) {
    return LaunchEntry{};
  }
}

}  // namespace

LibraryFacts gather_library_facts(const PrefixLayout& layout, const Environment& env,
                                  const std::vector<StartupText>& startup_files, const std::string& home) {
  LibraryFacts facts;
  facts.home = home;
  facts.ld_library_path = env.get("LD_LIBRARY_PATH");
  if (facts.ld_library_path && facts.ld_library_path->empty()) facts.ld_library_path.reset();  // same as unset
  facts.ld_library_path_assignments = find_assignments(startup_files, "LD_LIBRARY_PATH");
  const std::vector<std::string> env_path = facts.ld_library_path ? absolute_entries(*facts.ld_library_path)
                                                                  : std::vector<std::string>{};
  const std::vector<std::string> conf_dirs = read_ld_so_conf_dirs();

  std::vector<std::string> system_dirs = conf_dirs;
  for (const auto& d : default_library_dirs(true)) system_dirs.push_back(d);
  for (const auto& dir : env_path) {
    std::vector<std::string> libraries;
    for (const auto& entry : directory_entries(dir)) {
      std::string name = entry.filename().string();
      if (!looks_like_library(name)) continue;
      libraries.push_back(name);
      for (const auto& system_dir : system_dirs) {
        std::filesystem::path candidate = std::filesystem::path(system_dir) / name;
        std::error_code ec;
        // The same file reached twice (a bind mount, a link) shadows nothing.
        if (system_dir != dir && !std::filesystem::equivalent(system_dir, dir, ec) &&
            std::filesystem::exists(candidate, ec) && !std::filesystem::equivalent(candidate, entry, ec)) {
          facts.system_libraries.emplace(name, candidate.string());
          break;
        }
      }
    }
    facts.ld_library_path_contents.emplace_back(dir, std::move(libraries));
  }

  for (const auto& entry : directory_entries(layout.bin_link())) {
    std::string name = entry.filename().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(entry, ec)) continue;  // broken links: the prefix check reports them
    // Before the ELF test: the entry itself is the launcher, a static ELF file that needs nothing.
    if (auto launch = launch_entry_of(layout, name)) {
      if (launch->program.empty()) {
        ProgramFacts p;
        p.name = name;
        p.path = (layout.bin_link() / launch_format::kSidecarDir / name).string();
        p.unreadable = "the launch file that says which program " + name +
                       " runs is missing or damaged, so the launcher cannot start it";
        facts.programs.push_back(std::move(p));
      } else if (has_elf_magic(launch->program)) {
        facts.programs.push_back(
            program_facts(layout, name, launch->program, launch->library_dirs, env_path, conf_dirs));
      }
      continue;
    }
    if (has_elf_magic(entry)) {
      facts.programs.push_back(program_facts(layout, name, entry, {}, env_path, conf_dirs));
      continue;
    }
    if (std::filesystem::file_size(entry, ec) > max_wrapper_size || ec) continue;
    std::string text;
    try {
      text = read_file(entry);
    } catch (const Error&) {
      continue;
    }
    // A script of another kind (pip's `#!…/python3`) is no wrapper; its interpreter is checked itself.
    if (auto wrapper = parse_wrapper(text); wrapper && has_elf_magic(wrapper->program))
      facts.programs.push_back(program_facts(layout, name, wrapper->program, wrapper->library_path, env_path, conf_dirs));
  }
  return facts;
}

}  // namespace userpkg
