#include "repos/recipe_diff.hpp"

#include <algorithm>

#include "core/version.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Newest first, as recipes list them (the map keeps them as text, where "10.0" < "2.0").
bool newer(const std::string& a, const std::string& b) {
  try {
    return Version::parse(b) < Version::parse(a);
  } catch (const Error&) {
    return a > b;
  }
}

std::vector<std::string> version_list(const RecipeSummary& r) {
  std::vector<std::string> v;
  for (auto& [version, sha] : r.versions) v.push_back(version);
  std::sort(v.begin(), v.end(), newer);
  return v;
}

RecipeChange compare(const std::string& name, const RecipeSummary& old, const RecipeSummary& now) {
  RecipeChange c;
  c.name = name;
  if (!now.broken.empty()) {
    if (old.broken != now.broken) c.now_broken = now.broken;
    return c;
  }
  c.fixed = !old.broken.empty();
  for (auto& [version, sha] : now.versions) {
    auto it = old.versions.find(version);
    if (it == old.versions.end())
      c.added_versions.push_back(version);
    else if (it->second != sha)
      c.checksums.push_back({version, it->second, sha});
  }
  for (auto& [version, sha] : old.versions)
    if (!now.versions.count(version)) c.removed_versions.push_back(version);
  std::sort(c.added_versions.begin(), c.added_versions.end(), newer);
  std::sort(c.removed_versions.begin(), c.removed_versions.end(), newer);
  std::sort(c.checksums.begin(), c.checksums.end(), [](auto& a, auto& b) { return newer(a.version, b.version); });
  bool listed = c.fixed || !c.added_versions.empty() || !c.removed_versions.empty() || !c.checksums.empty();
  c.other_edits = !listed && old.text_sha256 != now.text_sha256;
  return c;
}

bool has_change(const RecipeChange& c) {
  return !c.now_broken.empty() || c.fixed || c.other_edits || !c.added_versions.empty() ||
         !c.removed_versions.empty() || !c.checksums.empty();
}

}  // namespace

RecipeDiff diff_recipes(const RecipeSummaries& before, const RecipeSummaries& after) {
  RecipeDiff d;
  for (auto& [name, now] : after) {
    auto it = before.find(name);
    if (it == before.end()) {
      d.added.push_back(name);
      continue;
    }
    RecipeChange c = compare(name, it->second, now);
    if (has_change(c)) d.changed.push_back(std::move(c));
  }
  for (auto& [name, old] : before)
    if (!after.count(name)) d.removed.push_back(name);
  return d;
}

RecipeDiff diff_repo(const RepoContents& before, const RepoContents& after) {
  RecipeDiff d = diff_recipes(before.recipes, after.recipes);
  for (auto& [path, sha] : after.patches) {
    auto it = before.patches.find(path);
    if (it == before.patches.end()) d.patches_added.push_back(path);
    else if (it->second != sha) d.patches_changed.push_back(path);
  }
  for (auto& [path, sha] : before.patches)
    if (!after.patches.count(path)) d.patches_removed.push_back(path);
  return d;
}

std::vector<std::string> describe_diff(const RecipeDiff& diff, const RecipeSummaries& after) {
  std::vector<std::string> lines;
  for (auto& name : diff.added) {
    const RecipeSummary& r = after.at(name);
    lines.push_back("  + recipe " + name +
                    (r.broken.empty() ? " (" + join(version_list(r), ", ") + ")" : " (broken: " + r.broken + ")"));
  }
  for (auto& name : diff.removed) lines.push_back("  - recipe " + name);
  for (const RecipeChange& c : diff.changed) {
    if (!c.now_broken.empty()) {
      lines.push_back("  ! " + c.name + " is now broken: " + c.now_broken);
      continue;
    }
    std::vector<std::string> parts;
    if (c.fixed) parts.push_back("loads again");
    if (!c.added_versions.empty()) parts.push_back("+ " + join(c.added_versions, ", "));
    if (!c.removed_versions.empty()) parts.push_back("- " + join(c.removed_versions, ", "));
    if (c.other_edits) parts.push_back("recipe edited (no version or checksum change)");
    if (!parts.empty()) lines.push_back("  ~ " + c.name + ": " + join(parts, "; "));
    else lines.push_back("  ~ " + c.name + ":");
    for (const ChecksumChange& s : c.checksums)
      lines.push_back("      " + c.name + " " + s.version + " sha256 changed: " + s.old_sha256 + " -> " + s.new_sha256);
  }
  for (auto& path : diff.patches_added) lines.push_back("  + patch " + path);
  for (auto& path : diff.patches_removed) lines.push_back("  - patch " + path);
  for (auto& path : diff.patches_changed) lines.push_back("  ~ patch " + path + " changed");
  return lines;
}

}  // namespace userpkg
