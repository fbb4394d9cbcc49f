#pragma once
// What an index page offers, in words, for the error when no wheel fits: per version, which
// Python tags exist on which platforms, and why each platform does not fit this system.
//   torch 2.6.0 has cp39–cp313 manylinux_2_28 (needs glibc 2.28; this system has 2.17)
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "wheel/simple_index.hpp"
#include "wheel/tags.hpp"

namespace userpkg {

struct WheelSummary {
  std::string text;  // the "why" of the error
  std::string hint;  // what to try instead
};

WheelSummary summarize_wheels(const std::vector<IndexFile>& files, std::string_view project,
                              const VersionConstraint& wanted, const WheelTarget& target);

// {"cp39", "cp310", "cp311", "cp313", "cp313t"} → "cp39–cp311, cp313, cp313t": runs of
// consecutive CPython 3 tags become ranges; other labels follow in their order.
std::string describe_python_labels(const std::vector<std::string>& labels);

}  // namespace userpkg
