#pragma once
// Garbage collection of a prefix: old generations, the package trees no kept generation needs, the
// cached downloads no remaining install record came from, and the build logs of removed packages.
// Nothing else: in particular never the launcher (layout.launcher()), which the entries of every
// generation share and the next generation that needs it refreshes in place.
//
// Deciding (plan_gc) is a pure function of what the prefix holds (GcInputs); gathering the inputs
// and carrying out a plan are separate, so the rule "nothing a kept generation refers to is ever
// deleted" is tested on values.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prefix/generations.hpp"
#include "prefix/install_record.hpp"
#include "prefix/layout.hpp"
#include "prefix/package_ref.hpp"

namespace userpkg {

struct GcInputs {
  std::vector<Generation> generations;  // every complete generation
  std::optional<unsigned> current;      // what profiles/current points to
  std::vector<InstallRecord> installed; // every install record in pkgs/
  std::vector<std::string> cached;      // the <sha256> directory names in var/cache/downloads
};

struct GcOptions {
  // Generations to keep besides the current one: the `keep` highest-numbered. nullopt keeps all
  // generations (only what no generation refers to is collected).
  std::optional<unsigned> keep;
  bool keep_downloads = false;  // leave var/cache/downloads alone
};

struct GcPlan {
  std::vector<unsigned> generations;     // to remove, ascending
  std::vector<PackageRef> packages;      // to remove, sorted
  std::vector<std::string> downloads;    // <sha256> cache directories to remove, sorted
  std::vector<std::filesystem::path> logs;  // build logs of removed packages
  std::vector<PackageRef> kept_packages;    // what stays (for tests and --verbose)
  bool empty() const { return generations.empty() && packages.empty() && downloads.empty() && logs.empty(); }
};

// Kept: the current generation, plus the ones `options.keep` asks for; every package in a kept
// generation; every package a kept package's install record names as provided by the prefix
// (transitively); every cached download whose sha256 a kept package's record carries. The rest goes.
// Logs are only those of removed packages that lie directly in `logs_dir` (a record naming a path
// elsewhere is never followed).
GcPlan plan_gc(const GcInputs& inputs, const GcOptions& options, const std::filesystem::path& logs_dir);

// Reads generations, `current`, install records and the download cache's directory names.
GcInputs read_gc_inputs(const PrefixLayout& layout);

// One thing removed (or, for a dry run, to be removed) and the disk space it took.
struct GcItem {
  std::string kind;  // "generation", "package", "download", "log"
  std::string label;  // "3", "python 3.11.2", the sha256, the log's file name
  std::filesystem::path path;
  std::uint64_t bytes = 0;
  std::string error;  // non-empty if it could not be removed
};

struct GcResult {
  std::vector<GcItem> items;
  std::uint64_t freed_bytes() const;
  bool all_removed() const;
};

// The items of a plan with their sizes, removing nothing (for --dry-run).
GcResult measure_gc(const PrefixLayout& layout, const GcPlan& plan);

// Carries out a plan. Call with the PrefixLock held. Order: generations, then packages (so no
// remaining generation ever points at a missing package), then downloads and logs. A generation or
// package is first renamed into var/staging/ (it vanishes at once; an interrupted delete is
// finished by the next run's recovery), then deleted. The current generation is never removed,
// even if a plan says so. A failure is recorded on its item and the rest goes on.
GcResult execute_gc(const PrefixLayout& layout, const GcPlan& plan);

// Disk space a tree takes (allocated blocks, as quotas count them; hard links counted once).
std::uint64_t disk_usage(const std::filesystem::path& path) noexcept;

}  // namespace userpkg
