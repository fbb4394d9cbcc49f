#pragma once
// Where the dynamic loader (glibc ld.so) would find each DT_NEEDED library of a program, without
// running it: DT_RPATH (of the object, then of the objects that loaded it, only when the object
// has no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH (direct dependencies only), the directories of
// /etc/ld.so.conf (what ld.so.cache indexes), then the default directories. $ORIGIN is expanded.
// A file of the wrong ELF class or machine is skipped, as the loader does.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/elf_file.hpp"

namespace userpkg {

enum class SearchSource { direct_path, rpath, ld_library_path, runpath, ld_so_conf, default_dirs };
// "DT_RPATH", "LD_LIBRARY_PATH", … as a user would read it after "found via".
std::string describe(SearchSource source);

struct LoaderSearchConfig {
  std::vector<std::string> ld_library_path;  // the variable's entries, in order
  std::vector<std::string> conf_dirs;        // from /etc/ld.so.conf and its includes
  std::vector<std::string> default_dirs;     // the loader's built-in trusted directories
};

// The built-in directories of glibc's loader on common distributions, for 64- or 32-bit objects.
std::vector<std::string> default_library_dirs(bool is_64bit);

// One line of ld.so.conf: a directory, or an `include` glob pattern (relative to the conf file's dir).
struct LdConfEntry {
  bool is_include = false;
  std::string value;
  bool operator==(const LdConfEntry&) const = default;
};
// Pure parser: comments, blank lines and `hwcap` lines are dropped; a line may list several dirs.
std::vector<LdConfEntry> parse_ld_so_conf(const std::string& text, const std::string& conf_dir);
// Reads /etc/ld.so.conf (or `path`) with its includes (glob(3), nesting bounded); missing -> {}.
std::vector<std::string> read_ld_so_conf_dirs(const std::filesystem::path& path = "/etc/ld.so.conf");

// The directories of a DT_RPATH/DT_RUNPATH value, with $ORIGIN / ${ORIGIN} replaced by
// `origin_dir`. Entries using $LIB or $PLATFORM, and empty entries, are dropped.
std::vector<std::string> expand_search_path(const std::string& value, const std::string& origin_dir);

struct FoundLibrary {
  std::filesystem::path path;
  SearchSource source = SearchSource::default_dirs;
  std::string dir;  // the search directory it was found in
};

// The chain of objects that led to a request, for the DT_RPATH rule: the requester first, then
// the object that loaded it, …, the executable last. Each with its expanded DT_RPATH dirs.
struct RequesterFacts {
  bool has_runpath = false;
  std::vector<std::string> runpath_dirs;
  std::vector<std::vector<std::string>> rpath_chain;
};

// Pure search order. `usable(path)` says whether a loadable, compatible file is there.
std::optional<FoundLibrary> find_library(const std::string& needed, const RequesterFacts& requester,
                                         const LoaderSearchConfig& config,
                                         const std::function<bool(const std::filesystem::path&)>& usable);

// One DT_NEEDED of one object in a program's dependency tree.
struct DependencyEdge {
  std::filesystem::path requester;          // the object with the DT_NEEDED (real path)
  std::string needed;                       // e.g. "libstdc++.so.6"
  std::vector<std::string> versions_needed;  // from the requester's .gnu.version_r for that file
  std::optional<FoundLibrary> found;         // nullopt: the loader would fail ("not found")
};

struct DependencyTree {
  std::filesystem::path program;  // real path
  std::vector<DependencyEdge> edges;
  std::map<std::filesystem::path, ElfInfo> objects;  // the program and each library found
  std::vector<std::string> problems;                 // libraries that could not be read
};

// Resolves the program's libraries transitively, breadth first, each name once (as ld.so does).
// Throws Error if the program itself cannot be read as ELF.
DependencyTree resolve_dependencies(const std::filesystem::path& program, const LoaderSearchConfig& config);

}  // namespace userpkg
