#include "ops/no_space.hpp"

#include <algorithm>
#include <optional>

#include "platform/disk_space.hpp"
#include "prefix/gc.hpp"

namespace userpkg {
namespace fs = std::filesystem;

namespace {

// What the user may still write there: free blocks, or what the quota leaves when that is less.
std::optional<std::uint64_t> free_for_user(const fs::path& dir) {
  std::optional<DiskSpace> space = disk_space(dir);
  if (!space) return std::nullopt;
  std::uint64_t free = space->free_bytes;
  QuotaInfo quota = user_quota(dir);
  std::uint64_t limit = quota.hard_limit_bytes ? quota.hard_limit_bytes : quota.soft_limit_bytes;
  if (quota.available && limit) free = std::min(free, limit > quota.used_bytes ? limit - quota.used_bytes : 0);
  return free;
}

std::optional<std::uint64_t> gc_would_free(const PrefixLayout& layout) {
  try {
    return measure_gc(layout, plan_gc(read_gc_inputs(layout), GcOptions{}, layout.logs())).freed_bytes();
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged prefix: the figure is left out, the message still stands
  }
}

}  // namespace

std::string space_text(unsigned long long bytes) {
  constexpr unsigned long long kKB = 1024, kMB = 1024 * 1024;
  if (bytes >= kMB) return std::to_string((bytes + kMB - 1) / kMB) + " MB";
  return std::to_string((bytes + kKB - 1) / kKB) + " KB";
}

Error no_space_error(const NoSpaceError& e, const PrefixLayout& layout, const std::string& outcome) {
  // Inside the prefix, its root names the file system (the failing staging folder is gone by now).
  fs::path dir = e.dir();
  const std::string root = layout.root.lexically_normal().string();
  if (dir.lexically_normal().string().starts_with(root)) dir = layout.root;
  std::string what = "no space left on the filesystem of " + dir.string() + ":";
  if (e.needed()) what += " " + space_text(e.needed()) + " needed,";
  std::optional<std::uint64_t> free = free_for_user(dir);
  what += free ? " " + space_text(*free) + " free" : std::string(" free space unknown");
  std::optional<std::uint64_t> gc = gc_would_free(layout);
  if (gc) what += "; `userpkg gc` would free " + (*gc ? space_text(*gc) : std::string("nothing"));
  std::string hint = gc && *gc > 0 ? "run `userpkg gc` or free space on that file system, then run the command again"
                                   : "free space on that file system (or ask for a larger quota), then run the command again";
  std::string why = std::string(e.what()) + ": " + e.why();
  if (!outcome.empty()) why += "; " + outcome;
  return Error(what, why, hint);
}

}  // namespace userpkg
