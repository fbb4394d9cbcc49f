#include "wheel/select.hpp"

#include <algorithm>

#include "util/error.hpp"
#include "wheel/index_file_check.hpp"
#include "wheel/wheel_summary.hpp"

namespace userpkg {
namespace {

// PEP 427: build tags sort by their leading number, then by the rest as a string.
std::pair<long, std::string> build_key(const std::string& build) {
  long number = 0;
  std::size_t i = 0;
  while (i < build.size() && build[i] >= '0' && build[i] <= '9' && i < 15) number = number * 10 + (build[i++] - '0');
  return {number, build.substr(i)};
}

// true when a should be preferred over b.
bool better(const WheelChoice& a, const WheelChoice& b) {
  if (a.file.yanked != b.file.yanked) return !a.file.yanked;
  bool a_pre = a.name.version.is_prerelease(), b_pre = b.name.version.is_prerelease();
  if (a_pre != b_pre) return !a_pre;
  if (auto c = a.name.version <=> b.name.version; c != 0) return c > 0;
  if (a.rank != b.rank) return a.rank > b.rank;
  // PEP 440: a local version sorts after its public one (2.1.0+cu121 > 2.1.0).
  if (a.name.local != b.name.local) return a.name.local > b.name.local;
  return build_key(a.name.build) > build_key(b.name.build);
}

std::string headline(std::string_view project, const VersionConstraint& wanted, const WheelTarget& target) {
  std::string text = "no " + std::string(project) + (wanted.is_any() ? "" : " " + wanted.str()) +
                     " wheel for Python " + target.python_text() + " on glibc " + target.glibc_text();
  if (target.arch != "x86_64") text += " (" + target.arch + ")";
  return text;
}

}  // namespace

std::vector<WheelChoice> compatible_wheels(const std::vector<IndexFile>& files, std::string_view project,
                                           const VersionConstraint& wanted, const WheelTarget& target) {
  std::string want_name = normalize_project_name(project);
  std::vector<WheelChoice> choices;
  for (auto& file : files) {
    auto name = try_parse_wheel_name(file.file_name);
    if (!name || name->distribution != want_name || !wanted.matches(name->version)) continue;
    auto rank = wheel_rank(*name, target);
    if (!rank) continue;
    choices.push_back(WheelChoice{file, std::move(*name), *rank});
  }
  std::stable_sort(choices.begin(), choices.end(), better);
  return choices;
}

WheelChoice select_wheel(const std::vector<IndexFile>& files, std::string_view project,
                         const VersionConstraint& wanted, const WheelTarget& target) {
  auto choices = compatible_wheels(files, project, wanted, target);
  if (!choices.empty()) return std::move(choices.front());
  WheelSummary summary = summarize_wheels(files, project, wanted, target);
  throw Error(headline(project, wanted, target), summary.text, summary.hint);
}

void require_verified(const WheelChoice& choice, bool allow_unverified) {
  if (choice.verified() || allow_unverified) return;
  if (!choice.file.bad_sha256.empty())
    throw Error("refusing to install " + choice.file.file_name + ": the index's sha256 for it is malformed",
                "it gives \"" + printable_excerpt(choice.file.bad_sha256, 24) + "\" (" +
                    std::to_string(choice.file.bad_sha256.size()) + " characters); a sha256 is 64 hex digits (" +
                    choice.file.url + ")",
                "report it to the index's maintainers, or pass --allow-unverified to install it anyway");
  throw Error("refusing to install " + choice.file.file_name + ": the index publishes no sha256 for it",
              "userpkg installs only downloads it can verify; " + choice.file.url + " has no #sha256= in the index",
              "use an index that publishes hashes, or pass --allow-unverified to install it anyway");
}

}  // namespace userpkg
