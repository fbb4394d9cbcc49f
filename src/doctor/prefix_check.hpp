#pragma once
// Check 4: the prefix's own state — a stale or foreign lock, staging leftovers, install records
// against what is on disk, generation manifests naming packages that are gone, broken profile links.
#include <optional>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "prefix/layout.hpp"
#include "prefix/lock.hpp"
#include "prefix/package_ref.hpp"

namespace userpkg {

struct LockFacts {
  bool held = false;          // another process holds the flock right now
  LockHolder holder;          // what the file says (pid 0: nothing written)
  bool holder_alive = false;  // that pid exists on this machine
};

struct PackageDirFacts {
  std::string name, version;
  bool has_record = false;
  std::string record_error;  // non-empty: the record could not be read
  std::optional<PackageRef> record_names;  // what the record says it is
  bool has_files = false;    // anything besides .userpkg/
};

struct GenerationFacts {
  unsigned number = 0;
  bool is_current = false;
  std::vector<PackageRef> packages;
};

struct BinLinkFacts {
  std::string name;
  std::string target;
};

struct PrefixFacts {
  std::string root;
  bool exists = false;
  LockFacts lock;
  std::vector<std::string> staging_entries;
  std::vector<PackageDirFacts> packages;
  std::vector<GenerationFacts> generations;
  std::vector<std::string> unreadable_generations;  // "N: why"
  std::optional<std::string> broken_current;        // profiles/current points at this missing target
  std::vector<BinLinkFacts> broken_bin_links;       // in the current profile
  std::optional<std::string> foreign_bin;           // <prefix>/bin is this instead of userpkg's link
};

std::vector<Finding> check_prefix_state(const PrefixFacts& facts);

PrefixFacts gather_prefix_facts(const PrefixLayout& layout);

}  // namespace userpkg
