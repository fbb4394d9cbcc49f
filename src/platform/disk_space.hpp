#pragma once
// Free space, directory sizes and the user's disk quota, for `doctor` (home quotas are small).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace userpkg {

struct DiskSpace {
  std::uint64_t free_bytes = 0;   // available to an unprivileged user (f_bavail)
  std::uint64_t total_bytes = 0;
  std::uint64_t device = 0;       // st_dev of the path, to tell whether two paths share a file system
};

// statvfs of `path`, or of its nearest existing ancestor (a prefix not created yet); nullopt on failure.
std::optional<DiskSpace> disk_space(const std::filesystem::path& path);

// Bytes in regular files under `dir` (symlinks not followed); 0 if it does not exist. Never throws.
std::uint64_t directory_size(const std::filesystem::path& dir) noexcept;

struct QuotaInfo {
  bool available = false;
  std::string why_unavailable;  // when not available
  std::uint64_t used_bytes = 0;
  std::uint64_t soft_limit_bytes = 0;  // 0: no limit
  std::uint64_t hard_limit_bytes = 0;  // 0: no limit
};

// The user's block quota on the file system holding `path` (quotactl(2) on its device). Network
// file systems (NFS rquota) and file systems without quotas say why they are not available.
QuotaInfo user_quota(const std::filesystem::path& path);

}  // namespace userpkg
