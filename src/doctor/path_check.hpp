#pragma once
// Check 1: PATH sanity — empty, relative and missing entries; whether <prefix>/bin is on PATH and
// ahead of /usr/bin; whether python3 and git resolve to the prefix's when the prefix has them.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "prefix/layout.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct ProgramOnPath {
  std::string name;                  // "python3"
  bool prefix_has = false;           // <prefix>/bin/<name> exists
  std::optional<std::string> found;  // the first executable on PATH, as PATH spells it
  bool found_is_prefix = false;      // that is <prefix>/bin/<name>
};

struct PathFacts {
  std::optional<std::string> path;  // the PATH variable; nullopt if unset
  std::string prefix_bin;
  bool prefix_bin_exists = false;
  std::set<std::string> existing_dirs;       // PATH entries that are directories
  std::set<std::string> prefix_bin_entries;  // PATH entries that are <prefix>/bin (same directory)
  std::vector<ProgramOnPath> programs;
};

std::vector<Finding> check_path(const PathFacts& facts);

// Reads the file system for the facts above (no subprocess: PATH is searched here).
PathFacts gather_path_facts(const PrefixLayout& layout, const Environment& env);

}  // namespace userpkg
