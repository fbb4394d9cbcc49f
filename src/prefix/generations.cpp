#include "prefix/generations.hpp"

#include "prefix/bin_link.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <map>
#include <system_error>
#include <sys/stat.h>
#include <unistd.h>

#include "launcher/sidecar_format.hpp"
#include "prefix/bin_link.hpp"
#include "prefix/installed.hpp"
#include "prefix/json_file.hpp"
#include "prefix/timestamp.hpp"
#include "util/error.hpp"
#include "util/no_space.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace {

std::optional<unsigned> parse_number(const std::string& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || (text.size() > 1 && text[0] == '0'))
    return std::nullopt;
  return value;
}

// All numbered entries in profiles/, complete or not: a new generation must not reuse any of them.
std::vector<unsigned> numbered_profiles(const PrefixLayout& layout) {
  std::vector<unsigned> out;
  std::error_code ec;
  for (fs::directory_iterator it(layout.profiles(), ec), end; !ec && it != end; it.increment(ec))
    if (auto n = parse_number(it->path().filename().string())) out.push_back(*n);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> programs_in(const fs::path& bin_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(bin_dir, ec), end; !ec && it != end; it.increment(ec)) {
    // Programs are files or symlinks; a subdirectory of bin/ is not something to put on PATH.
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    // The name of the profile's sidecar directory is taken (a package's bin/ hardly has it).
    if (it->path().filename() == launch_format::kSidecarDir) continue;
    out.push_back(it->path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void make_symlink(const fs::path& target, const fs::path& link) {
  if (::symlink(target.c_str(), link.c_str()) != 0) {
    int err = errno;
    if (is_no_space(err))
      throw NoSpaceError(link.parent_path().string(), 0, "cannot create the symlink " + link.string(), errno_text(err));
    throw Error("cannot create the symlink " + link.string(), errno_text(err), "check free space and permissions");
  }
}

PackageEnv existing_dirs_only(PackageEnv env) {
  for (auto& [variable, dirs] : env.lists)
    std::erase_if(dirs, [](const std::string& dir) {
      std::error_code ec;
      return !dir.starts_with("/") || !fs::is_directory(dir, ec);
    });
  std::erase_if(env.lists, [](const auto& entry) { return entry.second.empty(); });
  return env;
}

// Writes the prefix's launcher when it is missing or is not `program` (another userpkg version
// wrote it), atomically: entries of every generation point at this one file, running programs keep
// the old inode, and every launcher reads the sidecars of the ones before it.
void install_launcher(const PrefixLayout& layout, std::string_view program) {
  const fs::path path = layout.launcher();
  std::error_code ec;
  const bool executable = (fs::status(path, ec).permissions() & fs::perms::owner_exec) != fs::perms::none;
  if (!ec && executable && fs::file_size(path, ec) == program.size() && !ec) {
    try {
      if (read_file(path) == program) return;
    } catch (const Error&) {
      // unreadable: written anew below
    }
  }
  ensure_dir(path.parent_path());
  write_file_atomic(path, std::string(program), fs::perms(0755));
}

// Each program of a package and its absolute path: the first of its PATH directories that has it.
std::map<std::string, fs::path> program_targets(const PackageEnv& env) {
  std::map<std::string, fs::path> out;
  auto path = env.lists.find("PATH");
  if (path == env.lists.end()) return out;
  for (const std::string& dir : path->second)
    for (const std::string& program : programs_in(dir)) out.emplace(program, fs::path(dir) / program);
  return out;
}

}  // namespace

nlohmann::json generation_to_json(const Generation& g) {
  return {{"number", g.number},   {"created", g.created}, {"command", g.command},
          {"packages", g.packages}, {"added", g.added},     {"removed", g.removed}};
}

Generation generation_from_json(const nlohmann::json& j, const std::string& origin) {
  try {
    Generation g;
    j.at("number").get_to(g.number);
    g.created = j.value("created", "");
    g.command = j.value("command", "");
    j.at("packages").get_to(g.packages);
    if (j.contains("added")) j.at("added").get_to(g.added);
    if (j.contains("removed")) j.at("removed").get_to(g.removed);
    return g;
  } catch (const nlohmann::json::exception& e) {
    throw Error("the generation manifest " + origin + " is damaged", e.what(),
                "roll back to another generation, or run `userpkg doctor`");
  }
}

BinPlan plan_bin_links(const std::vector<PackagePrograms>& packages) {
  std::map<std::string, PackageRef> provider;
  BinPlan plan;
  for (const PackagePrograms& p : packages) {
    for (const std::string& program : p.programs) {
      auto [it, inserted] = provider.emplace(program, p.package);
      if (!inserted) {
        plan.conflicts.push_back({program, p.package, it->second});
        it->second = p.package;
      }
    }
  }
  plan.links.assign(provider.begin(), provider.end());
  return plan;
}

std::optional<unsigned> current_generation_number(const PrefixLayout& layout) {
  std::error_code ec;
  fs::path target = fs::read_symlink(layout.current_link(), ec);
  if (ec) return std::nullopt;
  return parse_number(target.string());
}

Generation read_generation(const PrefixLayout& layout, unsigned number) {
  fs::path manifest = layout.profile_manifest(number);
  return generation_from_json(read_json_file(manifest, "generation manifest"), manifest.string());
}

std::optional<Generation> read_current_generation(const PrefixLayout& layout) {
  auto number = current_generation_number(layout);
  if (!number) return std::nullopt;
  return read_generation(layout, *number);
}

std::vector<unsigned> list_generations(const PrefixLayout& layout) {
  std::vector<unsigned> out;
  std::error_code ec;
  for (unsigned n : numbered_profiles(layout))
    if (fs::is_regular_file(layout.profile_manifest(n), ec)) out.push_back(n);
  return out;
}

void switch_generation(const PrefixLayout& layout, unsigned number) {
  std::error_code ec;
  if (!fs::is_regular_file(layout.profile_manifest(number), ec))
    throw Error("cannot switch to generation " + std::to_string(number), "it does not exist or is incomplete",
                "`userpkg generations` lists the ones that exist");
  fs::path temp = layout.profiles() / (".current.new-" + std::to_string(::getpid()));
  fs::remove(temp, ec);
  make_symlink(std::to_string(number), temp);
  try {
    rename_path(temp, layout.current_link());
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  sync_directory(layout.profiles());
}

std::vector<PackageEnv> generation_envs(const PrefixLayout& layout, const std::vector<PackageRef>& packages) {
  std::vector<PackageEnv> out;
  for (const PackageRef& p : packages)
    out.push_back(existing_dirs_only(env_of(read_record(layout.record_path(p.name, p.version)),
                                            layout.package_dir(p.name, p.version))));
  return out;
}

GenerationResult create_generation(const PrefixLayout& layout, const std::vector<PackageRef>& packages,
                                   const std::string& command, const std::vector<PackageRef>& added,
                                   const std::vector<PackageRef>& removed, const ProfileWriters& writers) {
  check_bin_link_free(layout);  // else the new generation would never reach PATH
  for (const PackageRef& p : packages)
    if (!is_installed(layout, p.name, p.version))
      throw Error("cannot make a profile with " + p.name + " " + p.version, "it is not installed in the prefix",
                  "install it first");
  const std::vector<PackageEnv> envs = generation_envs(layout, packages);
  std::vector<std::map<std::string, fs::path>> targets;  // per package, as `packages`
  std::map<PackageRef, std::size_t> index_of;
  std::vector<PackagePrograms> programs;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    targets.push_back(program_targets(envs[i]));
    index_of[packages[i]] = i;
    PackagePrograms& p = programs.emplace_back(PackagePrograms{packages[i], {}});
    for (const auto& [program, target] : targets.back()) p.programs.push_back(program);
  }
  BinPlan plan = plan_bin_links(programs);

  ensure_dir(layout.profiles());
  std::vector<unsigned> existing = numbered_profiles(layout);
  Generation generation{existing.empty() ? 1 : existing.back() + 1, iso8601_now(), command, packages, added, removed};
  const fs::path dir = layout.profile(generation.number);
  // mkdir without -p: claims the number; fails rather than touch an existing generation.
  if (::mkdir(dir.c_str(), 0755) != 0) {
    int err = errno;
    if (is_no_space(err))
      throw NoSpaceError(layout.profiles().string(), 0, "cannot create generation " + dir.string(), errno_text(err));
    throw Error("cannot create generation " + dir.string(), errno_text(err));
  }
  // A half-written generation is nobody's: removed on any failure, so the prefix stays as it was.
  try {
    const fs::path bin = layout.profile_bin(generation.number);
    ensure_dir(bin);
    // LD_LIBRARY_PATH is never exported for the whole shell: a program that needs it gets it alone,
    // through the launcher (see ProfileWriters).
    const bool can_launch = !writers.launcher.empty() && writers.launch_sidecar;
    auto library_dirs_of = [&](std::size_t i) -> const std::vector<std::string>* {
      auto found = envs[i].lists.find("LD_LIBRARY_PATH");
      return can_launch && found != envs[i].lists.end() ? &found->second : nullptr;
    };
    bool launcher_needed = false;
    for (const auto& [program, provider] : plan.links) launcher_needed |= library_dirs_of(index_of.at(provider)) != nullptr;
    if (launcher_needed) {
      install_launcher(layout, writers.launcher);
      ensure_dir(layout.profile_launch_dir(generation.number));
    }
    // Absolute targets: programs that find their home from argv[0] (Python 3.9 and older) join a
    // relative link target to the directory they were started from, so <prefix>/bin/python3 ->
    // ../../../pkgs/… would send them to /pkgs/…. The packages are built for their absolute path anyway.
    for (const auto& [program, provider] : plan.links) {
      const std::size_t i = index_of.at(provider);
      const fs::path& target = targets[i].at(program);
      if (const std::vector<std::string>* library_dirs = library_dirs_of(i)) {
        write_file_atomic(layout.profile_launch_dir(generation.number) / program,
                          writers.launch_sidecar(target, *library_dirs));
        make_symlink(layout.launcher(), bin / program);
      } else {
        make_symlink(target, bin / program);
      }
    }
    if (launcher_needed) sync_directory(layout.profile_launch_dir(generation.number));
    sync_directory(bin);
    if (writers.env_files)
      for (const ProfileFile& file : writers.env_files(envs)) write_file_atomic(dir / file.name, file.text);
    // The manifest is written last: a numbered profile without one is a leftover (see recovery).
    write_json_file(layout.profile_manifest(generation.number), generation_to_json(generation));
    sync_directory(dir);

    switch_generation(layout, generation.number);
  } catch (...) {
    remove_tree(dir);
    throw;
  }
  if (!fs::exists(fs::symlink_status(layout.bin_link())))
    make_symlink("profiles/current/bin", layout.bin_link());
  return {std::move(generation), std::move(plan.conflicts)};
}

}  // namespace userpkg
