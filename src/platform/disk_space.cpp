#include "platform/disk_space.hpp"

#include <sys/quota.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "util/error.hpp"

namespace userpkg {
namespace {

std::filesystem::path existing_ancestor(std::filesystem::path path) {
  std::error_code ec;
  path = std::filesystem::absolute(path, ec);
  while (!std::filesystem::exists(path, ec) && path.has_relative_path()) path = path.parent_path();
  return path;
}

// /proc/mounts escapes spaces and the like as \040 (octal).
std::string unescape_mount_field(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      unsigned value = 0;
      if (std::sscanf(field.c_str() + i + 1, "%3o", &value) == 1) {
        out += static_cast<char>(value);
        i += 3;
        continue;
      }
    }
    out += field[i];
  }
  return out;
}

struct Mount {
  std::string device, mount_point, type;
};

// The mount whose mount point is the longest prefix of `path`.
std::optional<Mount> mount_of(const std::filesystem::path& path) {
  std::ifstream mounts("/proc/self/mounts");
  std::string line;
  std::optional<Mount> best;
  const std::string p = path.string();
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    Mount m;
    if (!(fields >> m.device >> m.mount_point >> m.type)) continue;
    m.device = unescape_mount_field(m.device);
    m.mount_point = unescape_mount_field(m.mount_point);
    bool covers = m.mount_point == "/" || p == m.mount_point || p.starts_with(m.mount_point + "/");
    if (covers && (!best || m.mount_point.size() >= best->mount_point.size())) best = m;
  }
  return best;
}

}  // namespace

std::optional<DiskSpace> disk_space(const std::filesystem::path& path) {
  std::filesystem::path at = existing_ancestor(path);
  struct statvfs vfs {};
  struct stat st {};
  if (::statvfs(at.c_str(), &vfs) != 0 || ::stat(at.c_str(), &st) != 0) return std::nullopt;
  DiskSpace space;
  space.free_bytes = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  space.total_bytes = static_cast<std::uint64_t>(vfs.f_blocks) * vfs.f_frsize;
  space.device = st.st_dev;
  return space;
}

std::uint64_t directory_size(const std::filesystem::path& dir) noexcept {
  std::uint64_t total = 0;
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code entry_ec;
    if (it->is_regular_file(entry_ec) && !it->is_symlink(entry_ec)) {
      auto size = it->file_size(entry_ec);
      if (!entry_ec) total += size;
    }
  }
  return total;
}

QuotaInfo user_quota(const std::filesystem::path& path) {
  QuotaInfo info;
  std::error_code ec;
  std::filesystem::path at = std::filesystem::canonical(existing_ancestor(path), ec);
  auto mount = mount_of(ec ? existing_ancestor(path) : at);
  if (!mount) {
    info.why_unavailable = "cannot tell which file system holds " + path.string();
    return info;
  }
  if (mount->type.starts_with("nfs")) {
    info.why_unavailable = mount->mount_point + " is NFS: ask `quota -s` (the server keeps the quota)";
    return info;
  }
  struct dqblk quota {};
  if (::quotactl(QCMD(Q_GETQUOTA, USRQUOTA), mount->device.c_str(), static_cast<int>(::getuid()),
                 reinterpret_cast<caddr_t>(&quota)) != 0) {
    int err = errno;
    info.why_unavailable = (err == ESRCH ? std::string("quotas are not enabled")
                                         : "quotactl on " + mount->device + " failed: " + errno_text(err)) +
                           " (" + mount->mount_point + ", " + mount->type + ")";
    return info;
  }
  info.available = true;
  info.used_bytes = quota.dqb_curspace;
  // Block limits are in units of 1 KiB (QIF_DQBLKSIZE).
  info.soft_limit_bytes = quota.dqb_bsoftlimit * 1024;
  info.hard_limit_bytes = quota.dqb_bhardlimit * 1024;
  return info;
}

}  // namespace userpkg
