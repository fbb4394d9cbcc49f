#include "wheel/wheel_summary.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "util/strings.hpp"
#include "wheel/wheel_name.hpp"

namespace userpkg {
namespace {

constexpr std::size_t max_versions_listed = 3;
constexpr std::size_t max_other_versions_listed = 8;

// "cp310" → 10; nullopt for anything that is not a plain cp3XY tag.
std::optional<int> cpython3_minor(const std::string& label) {
  if (label.size() < 4 || label.compare(0, 3, "cp3") != 0) return std::nullopt;
  int minor = 0;
  for (std::size_t i = 3; i < label.size(); ++i) {
    if (label[i] < '0' || label[i] > '9' || i > 5) return std::nullopt;
    minor = minor * 10 + (label[i] - '0');
  }
  return minor;
}

// What a python-abi pair is called in the summary: cp310 (also for cp37m), cp313t (free-threaded),
// cp39-abi3, py3.
std::string python_label(const std::string& python, const std::string& abi) {
  if (abi == "abi3") return python + "-abi3";
  if (!abi.empty() && abi.back() == 't' && abi.rfind("cp", 0) == 0) return abi;
  if (!abi.empty() && abi.back() == 'd' && abi.rfind("cp", 0) == 0) return abi;
  return python;
}

// The platform as shown: the first tag of the set, without the arch suffix when it is the
// target's own ("manylinux_2_28_x86_64" → "manylinux_2_28"); and why it does not fit, if so.
struct PlatformView {
  std::string label;
  std::string mismatch;  // empty when some tag of the set fits the target
};
PlatformView platform_view(const WheelName& wheel, const WheelTarget& target) {
  PlatformView view;
  const std::string& first = wheel.platform_tags.front();
  view.label = first;
  std::string arch_suffix = "_" + target.arch;
  if (first != "linux" + arch_suffix && first.size() > arch_suffix.size() &&
      first.compare(first.size() - arch_suffix.size(), arch_suffix.size(), arch_suffix) == 0)
    view.label = first.substr(0, first.size() - arch_suffix.size());
  view.mismatch = platform_mismatch(first, target);
  for (auto& tag : wheel.platform_tags)
    if (platform_mismatch(tag, target).empty()) view.mismatch.clear();
  return view;
}

struct VersionGroup {
  Version version;
  // platform label → (mismatch, python labels in first-seen order)
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> platforms;
};

std::string describe_group(std::string_view project, const VersionGroup& group) {
  std::vector<std::string> parts;
  for (auto& [label, entry] : group.platforms) {
    std::string part = describe_python_labels(entry.second) + " " + label;
    if (!entry.first.empty()) part += " (" + entry.first + ")";
    parts.push_back(part);
  }
  return std::string(project) + " " + group.version.str() + " has " + join(parts, ", ");
}

}  // namespace

std::string describe_python_labels(const std::vector<std::string>& labels) {
  std::set<int> minors;
  std::vector<std::string> others;
  for (auto& label : labels) {
    if (auto minor = cpython3_minor(label)) minors.insert(*minor);
    else if (std::find(others.begin(), others.end(), label) == others.end()) others.push_back(label);
  }
  std::vector<std::string> parts;
  for (auto it = minors.begin(); it != minors.end();) {
    int low = *it, high = *it;
    for (++it; it != minors.end() && *it == high + 1; ++it) high = *it;
    std::string text = "cp3" + std::to_string(low);
    if (high != low) text += "\u2013cp3" + std::to_string(high);
    parts.push_back(text);
  }
  parts.insert(parts.end(), others.begin(), others.end());
  return join(parts, ", ");
}

WheelSummary summarize_wheels(const std::vector<IndexFile>& files, std::string_view project,
                              const VersionConstraint& wanted, const WheelTarget& target) {
  std::string want_name = normalize_project_name(project);
  std::vector<VersionGroup> groups;  // matching versions
  std::vector<Version> other_versions;
  bool any_wheel = false;
  for (auto& file : files) {
    auto wheel = try_parse_wheel_name(file.file_name);
    if (!wheel || wheel->distribution != want_name) continue;
    any_wheel = true;
    if (!wanted.matches(wheel->version)) {
      if (std::find(other_versions.begin(), other_versions.end(), wheel->version) == other_versions.end())
        other_versions.push_back(wheel->version);
      continue;
    }
    auto group = std::find_if(groups.begin(), groups.end(), [&](auto& g) { return g.version == wheel->version; });
    if (group == groups.end()) group = groups.insert(groups.end(), VersionGroup{wheel->version, {}});
    PlatformView view = platform_view(*wheel, target);
    auto& entry = group->platforms[view.label];
    entry.first = view.mismatch;
    for (auto& python : wheel->python_tags)
      for (auto& abi : wheel->abi_tags) entry.second.push_back(python_label(python, abi));
  }

  WheelSummary summary;
  std::string name(project);
  if (!any_wheel) {
    summary.text = "the index page lists no " + name + " wheels";
    summary.hint = "check the index URL and the variant (--cuda, --torch-index)";
    return summary;
  }
  if (groups.empty()) {
    std::sort(other_versions.rbegin(), other_versions.rend());
    std::vector<std::string> listed;
    for (std::size_t i = 0; i < other_versions.size() && i < max_other_versions_listed; ++i)
      listed.push_back(other_versions[i].str());
    std::string more = other_versions.size() > listed.size()
                           ? " and " + std::to_string(other_versions.size() - listed.size()) + " older"
                           : "";
    summary.text = "the index has " + name + " " + join(listed, ", ") + more + "; none matches " + wanted.str();
    summary.hint = "ask for one of those versions, or another variant (--cuda)";
    return summary;
  }
  std::sort(groups.begin(), groups.end(), [](auto& a, auto& b) { return a.version > b.version; });
  std::vector<std::string> parts;
  bool glibc_blocks = false;
  for (std::size_t i = 0; i < groups.size() && i < max_versions_listed; ++i) {
    parts.push_back(describe_group(name, groups[i]));
    for (auto& [label, entry] : groups[i].platforms)
      if (entry.first.find("glibc") != std::string::npos) glibc_blocks = true;
  }
  if (groups.size() > max_versions_listed) {
    std::size_t more = groups.size() - max_versions_listed;
    parts.push_back("and " + std::to_string(more) + " older matching version" + (more == 1 ? "" : "s"));
  }
  summary.text = join(parts, "; ");
  summary.hint = glibc_blocks ? "this system's glibc " + target.glibc_text() +
                                    " is older than those wheels need: ask for an older " + name +
                                    " version, or install on a newer system"
                              : "use a Python those wheels are built for (--python), or another " + name +
                                    " version or variant (--cuda)";
  return summary;
}

}  // namespace userpkg
