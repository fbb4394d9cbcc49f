#include "doctor/disk_check.hpp"

#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string gc_fix(const DiskFacts& facts) {
  return "userpkg gc   (removes old generations and unreferenced packages; the download cache " + facts.cache +
         " holds " + human_bytes(facts.cache_size) + ")";
}

void space_finding(std::vector<Finding>& out, const DiskFacts& facts, const std::string& what, const std::string& path,
                   const std::optional<DiskSpace>& space) {
  if (!space) {
    out.push_back({"disk.unknown", Severity::note, "cannot tell the free space for " + what + " (" + path + ")", "", ""});
    return;
  }
  std::string numbers = human_bytes(space->free_bytes) + " free of " + human_bytes(space->total_bytes);
  if (space->free_bytes < low_space_bytes)
    out.push_back({"disk.low", Severity::warning, "only " + human_bytes(space->free_bytes) + " free for " + what + " (" + path + ")",
                   numbers + "; building Python or Git needs about " + human_bytes(low_space_bytes) + ".", gc_fix(facts)});
  else
    out.push_back({"disk.space", Severity::ok, what + ": " + numbers, "", ""});
}

}  // namespace

std::vector<Finding> check_disk(const DiskFacts& facts) {
  std::vector<Finding> out;
  space_finding(out, facts, "the prefix", facts.prefix, facts.prefix_space);
  bool same_fs = facts.prefix_space && facts.cache_space && facts.prefix_space->device == facts.cache_space->device;
  if (!same_fs) space_finding(out, facts, "the download cache", facts.cache, facts.cache_space);

  const QuotaInfo& q = facts.quota;
  if (!q.available) {
    out.push_back({"disk.quota-unknown", Severity::note, "disk quota: not available", q.why_unavailable, ""});
    return out;
  }
  std::uint64_t limit = q.soft_limit_bytes ? q.soft_limit_bytes : q.hard_limit_bytes;
  if (limit == 0) {
    out.push_back({"disk.quota", Severity::ok, "disk quota: no block limit for you", "", ""});
    return out;
  }
  std::uint64_t headroom = limit > q.used_bytes ? limit - q.used_bytes : 0;
  std::string numbers = human_bytes(q.used_bytes) + " used of " + human_bytes(limit);
  if (headroom < low_space_bytes)
    out.push_back({"disk.quota-low", Severity::warning, "disk quota: only " + human_bytes(headroom) + " left", numbers,
                   gc_fix(facts)});
  else
    out.push_back({"disk.quota", Severity::ok, "disk quota: " + numbers, "", ""});
  return out;
}

DiskFacts gather_disk_facts(const PrefixLayout& layout) {
  DiskFacts facts;
  facts.prefix = layout.root.string();
  facts.prefix_space = disk_space(layout.root);
  facts.cache = layout.cache().string();
  facts.cache_space = disk_space(layout.cache());
  facts.cache_size = directory_size(layout.cache());
  facts.quota = user_quota(layout.root);
  return facts;
}

}  // namespace userpkg
