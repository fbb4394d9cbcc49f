#pragma once
// Profile generations: profiles/<N>/bin/ holds symlinks to the programs of the packages in
// generation N; profiles/current -> <N> is switched atomically; bin -> profiles/current/bin is the
// one directory on PATH. An existing generation is never modified: every change makes a new one.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "prefix/install_record.hpp"
#include "prefix/layout.hpp"
#include "prefix/package_ref.hpp"

namespace userpkg {

struct Generation {
  unsigned number = 0;
  std::string created;  // ISO 8601 UTC
  std::string command;  // the command line that made it
  std::vector<PackageRef> packages;
  std::vector<PackageRef> added;
  std::vector<PackageRef> removed;
};

nlohmann::json generation_to_json(const Generation& generation);
Generation generation_from_json(const nlohmann::json& json, const std::string& origin);

// Two packages provide the same program: the one later in the package list wins.
struct ProgramConflict {
  std::string program;
  PackageRef winner;
  PackageRef loser;
};

// Pure planning of profiles/<N>/bin: which package provides each program.
struct PackagePrograms {
  PackageRef package;
  std::vector<std::string> programs;  // file names in the package's bin/
};
struct BinPlan {
  std::vector<std::pair<std::string, PackageRef>> links;  // program -> provider, sorted by program
  std::vector<ProgramConflict> conflicts;
};
BinPlan plan_bin_links(const std::vector<PackagePrograms>& packages);

// The number profiles/current points to; nullopt in a fresh prefix.
std::optional<unsigned> current_generation_number(const PrefixLayout& layout);
std::optional<Generation> read_current_generation(const PrefixLayout& layout);
Generation read_generation(const PrefixLayout& layout, unsigned number);
// Numbers of the complete generations (those with a manifest), ascending.
std::vector<unsigned> list_generations(const PrefixLayout& layout);

// The environments of `packages` from their install records (PackageEnv, see install_record.hpp),
// in the same order, keeping only directories that exist: what a generation of them adds.
std::vector<PackageEnv> generation_envs(const PrefixLayout& layout, const std::vector<PackageRef>& packages);

// The files of a generation that are shell code. prefix/ knows no shell syntax, so the caller hands
// in the writers (shell/env_script.hpp: profile_writers()) rather than prefix/ depending on shell/.
struct ProfileFile {
  std::string name;  // in profiles/<N>/, e.g. "env.sh"
  std::string text;
};
struct ProfileWriters {
  // From generation_envs() of the generation's packages; written before the manifest.
  std::function<std::vector<ProfileFile>(const std::vector<PackageEnv>&)> env_files;
  // For the programs of a package that declares LD_LIBRARY_PATH (with a directory that exists), so
  // that the program alone gets it: profiles/<N>/bin/<name> is a symlink to the prefix's launcher
  // (layout.launcher(), written from `launcher`, the program's bytes, when missing or different)
  // and profiles/<N>/bin/.launch/<name> is `launch_sidecar` of the absolute target and the existing
  // library dirs (launcher/launch_entry.hpp). Unset: such programs get plain links too.
  std::string_view launcher;
  std::function<std::string(const std::filesystem::path& program, const std::vector<std::string>& library_dirs)>
      launch_sidecar;
};

struct GenerationResult {
  Generation generation;
  std::vector<ProgramConflict> conflicts;
};

// Builds profiles/<N+1> (N: the highest existing number) for `packages`, which must all be
// installed (have an install record): bin/ with the programs of each package's PATH directories
// (links, or launcher entries from `writers`), the env files from `writers`, the manifest last; then
// switches profiles/current to it and creates bin -> profiles/current/bin if missing. Without
// writers a generation has links only and no env files. Call with the PrefixLock held.
GenerationResult create_generation(const PrefixLayout& layout, const std::vector<PackageRef>& packages,
                                   const std::string& command, const std::vector<PackageRef>& added,
                                   const std::vector<PackageRef>& removed, const ProfileWriters& writers = {});

// Points profiles/current at an existing complete generation (create_generation and rollback):
// a new symlink under a temporary name, renamed over the old one, so `current` is always valid.
void switch_generation(const PrefixLayout& layout, unsigned number);

}  // namespace userpkg
