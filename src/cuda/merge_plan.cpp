#include "cuda/merge_plan.hpp"

#include <deque>
#include <map>
#include <optional>
#include <set>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg::cuda {
namespace {

using archive::EntryKind;

const char* const kBrokenArchiveHint =
    "The archive does not have NVIDIA's redist layout; check the manifest entry it came from.";

std::string normalized_name(const ArchiveListing& listing, const std::string& name) {
  archive::NormalizedName n = archive::normalize_entry_name(name);
  if (!n.name)
    throw Error(listing.archive_name + ": unsafe entry name \"" + name + "\"", n.refusal, kBrokenArchiveHint);
  return *n.name;
}

bool is_file_like(EntryKind kind) { return kind == EntryKind::file || kind == EntryKind::hardlink; }

std::string kind_text(EntryKind kind) {
  switch (kind) {
    case EntryKind::file: return "a file";
    case EntryKind::directory: return "a directory";
    case EntryKind::symlink: return "a symlink";
    case EntryKind::hardlink: return "a hard link";
    case EntryKind::other: break;
  }
  return "a special file";
}

// Where an entry, given by its path below the top folder, goes in the tree; "" drops it.
std::string tree_path(const ArchiveListing& listing, const std::string& rest, EntryKind kind,
                      const std::string& link_target) {
  if (rest == "lib64") {
    if (kind == EntryKind::directory) return {};
    if (kind == EntryKind::symlink && (link_target == "lib" || link_target == "lib/")) return {};
    throw Error(listing.archive_name + ": lib64 is " + kind_text(kind) + (kind == EntryKind::symlink ? " to \"" + link_target + "\"" : std::string()),
                "the merged tree makes lib64 a link to lib", kBrokenArchiveHint);
  }
  if (rest.starts_with("lib64/")) return "lib/" + rest.substr(6);
  if (kind == EntryKind::file && rest.find('/') == std::string::npos)
    return "share/doc/" + listing.component + "/" + rest;
  return rest;
}

// A symlink's target, resolved against its directory, must stay inside the tree.
void check_symlink(const ArchiveListing& listing, const std::string& target, const std::string& link_target) {
  if (link_target.empty() || link_target.front() == '/')
    throw Error(listing.archive_name + ": symlink " + target + " points to \"" + link_target + "\"",
                "a symlink in the merged tree must be relative", kBrokenArchiveHint);
  std::vector<std::string> parts = split(target, '/', true);
  parts.pop_back();
  for (const std::string& part : split(link_target, '/', true)) {
    if (part == ".") continue;
    if (part != "..") {
      parts.push_back(part);
    } else if (parts.empty()) {
      throw Error(listing.archive_name + ": symlink " + target + " points to \"" + link_target + "\"",
                  "that is outside the merged tree", kBrokenArchiveHint);
    } else {
      parts.pop_back();
    }
  }
}

// Follows `path` (components relative to the tree's root) through the tree's symlinks, as the
// kernel will once they exist: whether it stays inside the tree (nullopt) or why not. A lexical
// check of each link alone is not enough: "include/d2/up -> .." makes "include/d2/up/d2/up/../.."
// climb further than its text says.
std::optional<std::string> escapes_tree(const std::map<std::string, std::string>& symlinks,
                                        std::deque<std::string> pending) {
  constexpr int kMaxLinks = 40;  // what Linux follows before ELOOP
  int followed = 0;
  std::vector<std::string> at;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (at.empty()) return std::string("that is outside the merged tree");
      at.pop_back();
      continue;
    }
    at.push_back(part);
    auto link = symlinks.find(join(at, "/"));
    if (link == symlinks.end()) continue;
    if (++followed > kMaxLinks) return std::string("the links form a loop");
    if (link->second.empty() || link->second.front() == '/') return std::string("it goes through an absolute link");
    at.pop_back();
    std::vector<std::string> parts = split(link->second, '/', true);
    pending.insert(pending.begin(), parts.begin(), parts.end());
  }
  return std::nullopt;
}

bool is_reserved(const std::string& target) { return target == ".userpkg" || target.starts_with(".userpkg/"); }

class Planner {
 public:
  void add(const ArchiveListing& listing) {
    const std::string top = top_folder_of(listing);
    plan_.top_folders.push_back(top);
    for (const archive::EntryInfo& entry : listing.entries) {
      std::string name = normalized_name(listing, entry.name);
      if (name == top) continue;
      std::string rest = name.substr(top.size() + 1);
      PlannedEntry planned{tree_path(listing, rest, entry.kind, entry.link_target), listing.component, entry.name,
                           entry.kind, entry.link_target};
      if (planned.target.empty()) continue;
      if (entry.kind == EntryKind::symlink) check_symlink(listing, planned.target, entry.link_target);
      if (entry.kind == EntryKind::hardlink) planned.link_target = hardlink_target(listing, top, entry.link_target);
      place(listing, std::move(planned));
    }
  }

  MergePlan finish() {
    // Archives need not list their directories: lib/ may exist only as the parent of its files.
    if (owners_.count("lib") || implied_dirs_.count("lib")) plan_.links.push_back({"lib64", "lib"});
    check_links_resolve();
    return std::move(plan_);
  }

 private:
  std::string hardlink_target(const ArchiveListing& listing, const std::string& top, const std::string& link) {
    std::string name = normalized_name(listing, link);
    if (!name.starts_with(top + "/"))
      throw Error(listing.archive_name + ": hard link to \"" + link + "\"", "it points outside the archive's top folder",
                  kBrokenArchiveHint);
    return tree_path(listing, name.substr(top.size() + 1), EntryKind::file, {});
  }

  // Each symlink, resolved through every link of the finished tree (in any order), stays inside it;
  // a hard link names a file of the tree.
  void check_links_resolve() const {
    std::map<std::string, std::string> symlinks;
    for (const PlannedEntry& e : plan_.entries)
      if (e.kind == EntryKind::symlink) symlinks.emplace(e.target, e.link_target);
    for (const TreeLink& link : plan_.links) symlinks.emplace(link.path, link.target);
    for (const PlannedEntry& e : plan_.entries) {
      if (e.kind == EntryKind::hardlink) {
        auto it = owners_.find(e.link_target);
        if (it == owners_.end() || plan_.entries[it->second].kind != EntryKind::file)
          throw Error(e.component + ": hard link " + e.target + " to \"" + e.link_target + "\"",
                      "that is not a file of the merged tree", kBrokenArchiveHint);
      }
      if (e.kind != EntryKind::symlink) continue;
      std::deque<std::string> path;
      for (std::string& part : split(e.target, '/', true)) path.push_back(std::move(part));
      path.pop_back();  // the link's own directory, then its target
      for (std::string& part : split(e.link_target, '/', true)) path.push_back(std::move(part));
      if (auto why = escapes_tree(symlinks, std::move(path)))
        throw Error(e.component + ": symlink " + e.target + " points to \"" + e.link_target + "\"",
                    *why + " once the links before and after it are followed", kBrokenArchiveHint);
    }
  }

  void place(const ArchiveListing& listing, PlannedEntry planned) {
    if (is_reserved(planned.target))
      throw Error(listing.archive_name + " ships " + kind_text(planned.kind) + " at " + planned.target,
                  ".userpkg at the top of a package is reserved for userpkg's install record", kBrokenArchiveHint);
    check_parents(planned);
    auto it = owners_.find(planned.target);
    if (it == owners_.end()) {
      // Parents that no archive lists as entries are still directories of the tree.
      for (std::size_t slash = planned.target.find('/'); slash != std::string::npos;
           slash = planned.target.find('/', slash + 1))
        implied_dirs_.insert(planned.target.substr(0, slash));
      owners_.emplace(planned.target, plan_.entries.size());
      plan_.entries.push_back(std::move(planned));
      return;
    }
    const PlannedEntry& first = plan_.entries[it->second];
    if (first.kind == EntryKind::directory && planned.kind == EntryKind::directory) return;
    if (first.kind == EntryKind::symlink && planned.kind == EntryKind::symlink) {
      if (first.link_target == planned.link_target) return;
      throw Error("CUDA components " + first.component + " and " + planned.component + " both ship the symlink " +
                      planned.target + ", to different targets",
                  "\"" + first.link_target + "\" and \"" + planned.link_target + "\"",
                  "Install these components into separate packages.");
    }
    if (is_file_like(first.kind) && is_file_like(planned.kind)) {
      auto [c, fresh] = collision_index_.try_emplace(planned.target, plan_.collisions.size());
      if (fresh) plan_.collisions.push_back({planned.target, {{first.component, first.source}}});
      plan_.collisions[c->second].sources.push_back({planned.component, planned.source});
      return;
    }
    throw Error("CUDA components " + first.component + " and " + listing.component + " conflict at " + planned.target,
                "one ships " + kind_text(first.kind) + " there, the other " + kind_text(planned.kind),
                "Install these components into separate packages.");
  }

  // No entry may lie below another component's file or symlink (writing through a symlink could
  // leave the tree; below a file it cannot exist at all).
  void check_parents(const PlannedEntry& planned) {
    if (implied_dirs_.count(planned.target) && planned.kind != EntryKind::directory) {
      throw Error("CUDA component " + planned.component + " ships " + kind_text(planned.kind) + " at " +
                      planned.target + ", where another component has a directory",
                  "one path cannot be both", "Install these components into separate packages.");
    }
    for (std::size_t slash = planned.target.find('/'); slash != std::string::npos;
         slash = planned.target.find('/', slash + 1)) {
      auto it = owners_.find(planned.target.substr(0, slash));
      if (it == owners_.end() || plan_.entries[it->second].kind == EntryKind::directory) continue;
      const PlannedEntry& parent = plan_.entries[it->second];
      throw Error("CUDA component " + planned.component + " ships " + planned.target + " below " + parent.target,
                  parent.target + " is " + kind_text(parent.kind) + " from " + parent.component,
                  "Install these components into separate packages.");
    }
  }

  MergePlan plan_;
  std::map<std::string, std::size_t> owners_;  // target -> index in plan_.entries
  std::map<std::string, std::size_t> collision_index_;
  std::set<std::string> implied_dirs_;
};

std::string directory_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// "libcudart.so", "libcudart.so.12.1.105"; not "libx.so.h" or "libcudart_static.a".
bool is_shared_library(const std::string& path) {
  std::string base = path.substr(path.rfind('/') + 1);
  std::size_t so = base.find(".so");
  if (!base.starts_with("lib") || so == std::string::npos) return false;
  std::string_view version = std::string_view(base).substr(so + 3);
  if (version.empty()) return true;
  return version.size() > 1 && version.front() == '.' &&
         version.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

std::string top_folder_of(const ArchiveListing& listing) {
  std::string top;
  for (const archive::EntryInfo& entry : listing.entries) {
    std::string name = normalized_name(listing, entry.name);
    if (name.empty()) continue;  // "./"
    std::size_t slash = name.find('/');
    std::string first = name.substr(0, slash);
    if (slash == std::string::npos && entry.kind != EntryKind::directory)
      throw Error(listing.archive_name + ": \"" + name + "\" lies beside the top folder",
                  "NVIDIA's archives hold everything in one folder such as <component>-linux-x86_64-<version>-archive/",
                  kBrokenArchiveHint);
    if (top.empty()) top = first;
    else if (first != top)
      throw Error(listing.archive_name + " has more than one top folder: \"" + top + "\" and \"" + first + "\"",
                  "NVIDIA's archives hold everything in one folder such as <component>-linux-x86_64-<version>-archive/",
                  kBrokenArchiveHint);
  }
  if (top.empty())
    throw Error(listing.archive_name + " is empty", "it has no top folder to merge", kBrokenArchiveHint);
  return top;
}

MergePlan plan_merge(const std::vector<ArchiveListing>& listings) {
  Planner planner;
  for (const ArchiveListing& listing : listings) planner.add(listing);
  return planner.finish();
}

void check_collision(const Collision& collision, bool identical_content) {
  if (identical_content) return;
  std::vector<std::string> components;
  for (const auto& source : collision.sources) components.push_back(source.component);
  throw Error("CUDA components " + join(components, ", ") + " ship different files at " + collision.target,
              "merging them into one tree would silently keep only one",
              "Leave one of these components out, or install them as separate packages.");
}

bool is_in_stubs_dir(std::string_view path) {
  std::vector<std::string> parts = split(path, '/', true);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (parts[i] == "stubs") return true;
  return false;
}

std::vector<std::string> runtime_library_dirs(const MergePlan& plan) {
  std::set<std::string> dirs;
  for (const PlannedEntry& entry : plan.entries) {
    if (entry.kind == EntryKind::directory || !is_shared_library(entry.target)) continue;
    // lib/stubs/libcuda.so is for linking only: found at run time it would replace the driver.
    if (is_in_stubs_dir(entry.target)) continue;
    dirs.insert(directory_of(entry.target));
  }
  return {dirs.begin(), dirs.end()};
}

}  // namespace userpkg::cuda
