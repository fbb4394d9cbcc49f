#include "prefix/generation_diff.hpp"

#include <algorithm>
#include <iterator>

namespace userpkg {

PackageDiff diff_packages(std::vector<PackageRef> before, std::vector<PackageRef> after) {
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  PackageDiff d;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(d.appeared));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(d.disappeared));
  return d;
}

}  // namespace userpkg
