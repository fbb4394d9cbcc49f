#include "python/pip_support.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace userpkg {
namespace {

// Requires-Python of pip releases (their pyproject/setup.py; Spack's py-pip depends_on agrees):
// each row holds from its first release until the next row's.
struct RequiresPythonRow {
  const char* first_pip;
  const char* oldest_python;
};
constexpr RequiresPythonRow kRequiresPython[] = {
    {"0", "2.7"},      // pip ≤ 20.3.4: Python 2.7 and 3.5+
    {"21.0", "3.6"},   // 21.0 dropped 2.7 and 3.5
    {"22.0", "3.7"},   // 22.0 dropped 3.6: 21.3.1 is the last for 3.6
    {"24.1", "3.8"},   // 24.1 dropped 3.7: 24.0 is the last for 3.7
    {"25.1", "3.9"},   // 25.1 dropped 3.8: 25.0.1 is the last for 3.8
    {"26.1", "3.10"},  // 26.1 dropped 3.9: 26.0.1 is the last for 3.9
};

// Not in Requires-Python, but real: pip up to 23.1.1 uses pkgutil.ImpImporter, which Python 3.12
// removed, so it fails on 3.12 and later (Spack's py-pip: python@:3.11 when @:23.1.1).
constexpr const char* kLastPipWithImpImporter = "23.1.1";
constexpr const char* kNewestPythonForImpImporter = "3.11";

// 3.11.2 -> 3.11: Requires-Python bounds are about major.minor.
Version minor_of(const Version& python) {
  auto& p = python.parts();
  long major = p.empty() ? 0 : p[0].number, minor = p.size() > 1 ? p[1].number : 0;
  return Version::parse(std::to_string(major) + "." + std::to_string(minor));
}

std::string join_versions(const std::vector<Version>& versions) {
  std::string out;
  for (auto& v : versions) out += (out.empty() ? "" : ", ") + v.str();
  return out;
}

}  // namespace

std::string PipPythonRange::str() const {
  return ">=" + oldest.str() + (newest ? ", <=" + newest->str() : "");
}

PipPythonRange pip_python_range(const Version& pip) {
  PipPythonRange range{Version::parse("2.7"), std::nullopt};
  for (auto& row : kRequiresPython)
    if (pip >= Version::parse(row.first_pip)) range.oldest = Version::parse(row.oldest_python);
  if (pip <= Version::parse(kLastPipWithImpImporter)) range.newest = Version::parse(kNewestPythonForImpImporter);
  return range;
}

bool pip_supports_python(const Version& pip, const Version& python) {
  PipPythonRange range = pip_python_range(pip);
  Version minor = minor_of(python);
  return minor >= range.oldest && (!range.newest || minor <= *range.newest);
}

std::optional<Version> newest_pip_for(const Version& python, const std::vector<Version>& available) {
  std::optional<Version> best;
  for (auto& v : available)
    if (!v.is_prerelease() && pip_supports_python(v, python) && (!best || v > *best)) best = v;
  return best;
}

Version choose_pip(const Version& python, const VersionConstraint& requested, const std::vector<Version>& available,
                   const std::string& python_option) {
  std::vector<Version> allowed;
  for (auto& v : available)
    if (requested.matches(v)) allowed.push_back(v);
  if (auto chosen = newest_pip_for(python, allowed)) return *chosen;

  std::string asked = requested.is_any() ? "pip" : "pip@" + requested.str();
  std::string py = "Python " + minor_of(python).str();
  if (allowed.empty()) {
    std::vector<Version> listed = available;
    std::sort(listed.begin(), listed.end());
    throw Error("no pip version matches " + asked, "the recipe lists pip " + join_versions(listed),
                "name one of those versions, or leave the version out to get the newest that runs on " + py);
  }
  std::string why;
  for (auto& v : allowed) why += (why.empty() ? "" : "; ") + ("pip " + v.str() + " needs Python " + pip_python_range(v).str());
  auto working = newest_pip_for(python, available);
  std::string option = python_option.empty() ? "" : " " + python_option;
  throw Error(asked + " does not run on " + py + " (" + python.str() + ")", why,
              working ? "the newest pip for " + py + " is " + working->str() + ": `userpkg install pip@" +
                            working->str() + option + "`"
                      : "no pip in the recipe runs on " + py + "; install a newer python (`userpkg install python@3.12`)");
}

}  // namespace userpkg
