#include "doctor/conda_check.hpp"

namespace userpkg {
namespace {

constexpr const char* userpkg_marker = "# >>> userpkg >>>";
constexpr const char* fix_text =
    "conda config --set auto_activate_base false   (conda stays available through `conda activate`)";

}  // namespace

std::vector<Finding> check_conda(const CondaFacts& facts) {
  std::vector<Finding> out;
  auto conda = find_marker(facts.files, "# >>> conda initialize >>>");
  auto mamba = find_marker(facts.files, "# >>> mamba initialize >>>");
  conda.insert(conda.end(), mamba.begin(), mamba.end());
  if (conda.empty()) {
    out.push_back({"conda.none", Severity::ok, "no conda or mamba init block in the shell startup files", "", ""});
    return out;
  }
  auto ours = find_marker(facts.files, userpkg_marker);
  const std::string what = facts.prefix_has_python ? "userpkg's python3" : "userpkg's programs";
  for (const RcLine& block : conda) {
    const RcLine* same_file = nullptr;
    for (const RcLine& u : ours)
      if (u.file == block.file) same_file = &u;
    Finding f;
    f.fix = fix_text;
    std::string at = where(block, facts.home);
    if (same_file && same_file->line < block.line) {
      f.id = "conda.after-userpkg";
      f.severity = facts.prefix_has_python ? Severity::warning : Severity::note;
      f.title = "the conda init block at " + at + " comes after userpkg's block (" + where(*same_file, facts.home) +
                "): conda's base python will come before " + what;
      f.detail = "conda's block activates its base environment, which puts conda's bin first on PATH.";
    } else if (same_file) {
      f.id = "conda.before-userpkg";
      f.severity = Severity::note;
      f.title = "conda init block at " + at + ", before userpkg's block (" + where(*same_file, facts.home) +
                "): userpkg comes first in new shells";
      f.detail = "`conda activate` later in a session still puts conda's python ahead of " + what + ".";
    } else {
      f.id = "conda.init-block";
      f.severity = facts.prefix_has_python ? Severity::warning : Severity::note;
      f.title = "conda init block at " + at + ": its base environment may put conda's python ahead of " + what;
      f.detail = ours.empty() ? "there is no userpkg block in the startup files (see `userpkg shell init`)."
                              : "userpkg's block is in another file (" + where(ours.front(), facts.home) +
                                    "); which comes first depends on the order the shell reads them.";
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace userpkg
