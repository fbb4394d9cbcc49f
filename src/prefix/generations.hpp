#pragma once
// Profile generations: profiles/<N>/bin/ holds symlinks to the programs of the packages in
// generation N; profiles/current -> <N> is switched atomically; bin -> profiles/current/bin is the
// one directory on PATH. An existing generation is never modified: every change makes a new one.
#include <optional>
#include <string>
#include <vector>

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

struct GenerationResult {
  Generation generation;
  std::vector<ProgramConflict> conflicts;
};

// Builds profiles/<N+1> (N: the highest existing number) for `packages`, which must all be
// installed (have an install record), writes its manifest, then switches profiles/current to it
// and creates bin -> profiles/current/bin if missing. Call with the PrefixLock held.
GenerationResult create_generation(const PrefixLayout& layout, const std::vector<PackageRef>& packages,
                                   const std::string& command, const std::vector<PackageRef>& added,
                                   const std::vector<PackageRef>& removed);

// Points profiles/current at an existing complete generation (create_generation and rollback):
// a new symlink under a temporary name, renamed over the old one, so `current` is always valid.
void switch_generation(const PrefixLayout& layout, unsigned number);

}  // namespace userpkg
