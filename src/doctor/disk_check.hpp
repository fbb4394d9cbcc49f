#pragma once
// Check 5: free space and quota headroom for the prefix and the download cache.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "platform/disk_space.hpp"
#include "prefix/layout.hpp"

namespace userpkg {

// Below this much free space (or quota headroom), a build of Python or Git may not fit.
constexpr std::uint64_t low_space_bytes = 2'000'000'000;

struct DiskFacts {
  std::string prefix;
  std::optional<DiskSpace> prefix_space;
  std::string cache;
  std::optional<DiskSpace> cache_space;
  std::uint64_t cache_size = 0;
  QuotaInfo quota;
};

std::vector<Finding> check_disk(const DiskFacts& facts);

DiskFacts gather_disk_facts(const PrefixLayout& layout);

}  // namespace userpkg
