#pragma once
// What changes between two package sets (two generations): for `generations`, `rollback`, `switch`.
#include <vector>

#include "prefix/package_ref.hpp"

namespace userpkg {

struct PackageDiff {
  std::vector<PackageRef> appeared;     // in `after` only, sorted
  std::vector<PackageRef> disappeared;  // in `before` only, sorted
  bool empty() const { return appeared.empty() && disappeared.empty(); }
};

PackageDiff diff_packages(std::vector<PackageRef> before, std::vector<PackageRef> after);

}  // namespace userpkg
