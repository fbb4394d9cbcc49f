#pragma once
// Choosing the wheel to install from one index page (one PyTorch variant: /whl/cu121/torch/):
// by tags only — never Requires-Python, which PyTorch's index does not publish reliably.
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "wheel/simple_index.hpp"
#include "wheel/tags.hpp"
#include "wheel/wheel_name.hpp"

namespace userpkg {

struct WheelChoice {
  IndexFile file;
  WheelName name;
  TagRank rank;
  // A wheel the index publishes no sha256 for cannot be verified; callers refuse it unless the
  // user allows it (require_verified).
  bool verified() const { return !file.sha256.empty(); }
};

// The project's wheels on the page that target can install and whose public version (the local
// label "+cu121" ignored) matches wanted, best first: not yanked, final releases before
// pre-releases, newest version, then the best tags (TagRank), then the highest build tag.
// Newest version first, as pip does: a newer patch release is never skipped for a nicer tag.
std::vector<WheelChoice> compatible_wheels(const std::vector<IndexFile>& files, std::string_view project,
                                           const VersionConstraint& wanted, const WheelTarget& target);

// The first of compatible_wheels. Throws Error when there is none, saying what the page does have:
//   no torch 2.6 wheel for Python 3.6 on glibc 2.17
//   why: torch 2.6.0 has cp39–cp313 manylinux_2_28 (needs glibc 2.28; this system has 2.17)
WheelChoice select_wheel(const std::vector<IndexFile>& files, std::string_view project,
                         const VersionConstraint& wanted, const WheelTarget& target);

// Throws Error for an unverified choice unless allow_unverified (--allow-unverified).
void require_verified(const WheelChoice& choice, bool allow_unverified);

}  // namespace userpkg
