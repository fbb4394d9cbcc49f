#pragma once
// Cleaning up after interrupted runs (crash, kill -9, power loss). Safe to call at every start,
// with the PrefixLock held: it removes only what no complete operation can have left behind.
#include <filesystem>
#include <vector>

#include "prefix/layout.hpp"

namespace userpkg {

struct RecoveryResult {
  std::vector<std::filesystem::path> removed;       // for a "cleaned up after an interrupted run" message
  std::vector<std::filesystem::path> not_removable;  // still there (permissions?): worth a warning
};

// Removes: everything in var/staging/; pkgs/<name>/<version>/ without an install record (and
// pkgs/<name>/ left empty by that); numbered profiles/<N> without a manifest that `current` does
// not point to; temporary symlinks from an interrupted switch of `current`.
RecoveryResult clean_leftovers(const PrefixLayout& layout);

}  // namespace userpkg
