// userpkg's wheel tags against the interpreters' own pip: which of ~2,000 generated wheel names
// each installed CPython (pyenv's 3.8 and 3.12, the system python3) accepts, and in which order of
// preference, from pip's vendored packaging.tags.sys_tags() with the glibc set to the target's.
// An interpreter that is not installed is left out; at least one must answer (CI has the system
// python3, with pip or with the pip wheel of python3-venv).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "util/process.hpp"
#include "wheel/tags.hpp"
#include "wheel_target.hpp"

using namespace userpkg;
namespace fs = std::filesystem;

namespace {

// Prints "<major> <minor>" then every tag sys_tags() yields, best first, each with its position;
// a legacy manylinux alias gets the position of the manylinux_2_N tag it stands for (the two
// always come together, so a wheel's preference does not depend on which one it names).
constexpr const char* kScript = R"(
import glob, sys
try:
    from pip._vendor.packaging import tags, _manylinux
except ImportError:  # Debian's python3 without python3-pip: the pip wheel python3-venv installs
    sys.path[:0] = sorted(glob.glob("/usr/share/python-wheels/pip-*.whl"))[-1:]
    from pip._vendor.packaging import tags, _manylinux
glibc_minor = int(sys.argv[1])
_manylinux._get_glibc_version = lambda: (2, glibc_minor)
alias = {"manylinux1_": "manylinux_2_5_", "manylinux2010_": "manylinux_2_12_", "manylinux2014_": "manylinux_2_17_"}
print(sys.version_info[0], sys.version_info[1])
seen = {}
for i, t in enumerate(tags.sys_tags()):
    platform = t.platform
    for old, new in alias.items():
        if platform.startswith(old):
            platform = new + platform[len(old):]
    key = (t.interpreter, t.abi, platform)
    seen.setdefault(key, i)
    print(t, seen[key])
)";

struct Interpreter {
  std::string path;
  int minor = 0;
  std::map<std::string, int> position;  // "cp38-cp38-manylinux_2_17_x86_64" -> preference (0 best)
};

std::optional<Interpreter> ask(const std::string& python, int glibc_minor) {
  CapturedOutput out = capture_process({python, "-c", kScript, std::to_string(glibc_minor)});
  if (out.status != 0) return std::nullopt;
  std::istringstream in(out.output);
  Interpreter interp;
  interp.path = python;
  int major = 0;
  if (!(in >> major >> interp.minor) || major != 3) return std::nullopt;
  std::string tag;
  int position = 0;
  while (in >> tag >> position) interp.position.emplace(tag, position);
  if (interp.position.empty()) return std::nullopt;
  return interp;
}

std::vector<std::string> interpreters() {
  std::vector<std::string> found;
  const char* root = std::getenv("PYENV_ROOT");
  const char* home = std::getenv("HOME");
  fs::path versions = root ? fs::path(root) / "versions" : fs::path(home ? home : "/root") / ".pyenv" / "versions";
  std::error_code ec;
  for (const char* prefix : {"3.8.", "3.12."}) {
    for (auto it = fs::directory_iterator(versions, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (it->path().filename().string().rfind(prefix, 0) == 0 && fs::exists(it->path() / "bin" / "python", ec)) {
        found.push_back((it->path() / "bin" / "python").string());
        break;
      }
    }
  }
  if (fs::exists("/usr/bin/python3", ec)) found.push_back("/usr/bin/python3");
  return found;
}

// Python tags x ABI tags x platform tags, valid and invalid ones: about 2,300 wheel names.
std::vector<std::string> candidate_names() {
  const std::vector<std::string> pythons = {"cp38", "cp37", "cp311", "cp312", "cp313", "cp32", "cp3", "cp308",
                                            "py3",  "py38", "py311", "py312", "py30",  "py2",  "pp39", "py313"};
  const std::vector<std::string> abis = {"none", "abi3", "cp38", "cp37m", "cp311", "cp312", "cp38d", "cp313t", "cp3"};
  const std::vector<std::string> platforms = {
      "any",
      "linux_x86_64",
      "manylinux1_x86_64",
      "manylinux2010_x86_64",
      "manylinux2014_x86_64",
      "manylinux_2_4_x86_64",
      "manylinux_2_5_x86_64",
      "manylinux_2_12_x86_64",
      "manylinux_2_16_x86_64",
      "manylinux_2_17_x86_64",
      "manylinux_2_28_x86_64",
      "manylinux_2_35_x86_64",
      "manylinux_2_36_x86_64",
      "manylinux_2_17_aarch64",
      "musllinux_1_2_x86_64",
      "win_amd64",
  };
  std::vector<std::string> names;
  for (auto& py : pythons)
    for (auto& abi : abis)
      for (auto& platform : platforms) names.push_back("x-1.0-" + py + "-" + abi + "-" + platform + ".whl");
  return names;
}

// The wheel's preference on this interpreter (lower is better); nullopt when pip rejects it.
std::optional<int> pip_position(const WheelName& wheel, const Interpreter& interp) {
  std::optional<int> best;
  for (auto& py : wheel.python_tags)
    for (auto& abi : wheel.abi_tags)
      for (auto& platform : wheel.platform_tags)
        if (auto it = interp.position.find(py + "-" + abi + "-" + platform); it != interp.position.end())
          best = best ? std::min(*best, it->second) : it->second;
  return best;
}

}  // namespace

TEST_CASE("wheel tags agree with pip's packaging.tags of each installed CPython, glibc 2.17 and 2.35",
          "[wheel][packaging]") {
  const std::vector<std::string> names = candidate_names();
  REQUIRE(names.size() >= 2000);
  int compared = 0;
  for (const std::string& python : interpreters()) {
    for (int glibc : {17, 35}) {
      std::optional<Interpreter> interp = ask(python, glibc);
      if (!interp) continue;  // no pip in that python
      ++compared;
      const WheelTarget target = test::wheel_target(interp->minor, glibc);
      struct Accepted {
        std::string name;
        TagRank rank;
        int position;
      };
      std::vector<Accepted> accepted;
      int disagreements = 0;
      for (const std::string& name : names) {
        WheelName wheel = parse_wheel_name(name);
        std::optional<TagRank> rank = wheel_rank(wheel, target);
        std::optional<int> position = pip_position(wheel, *interp);
        if (rank.has_value() != position.has_value()) {
          ++disagreements;
          UNSCOPED_INFO(python << " (3." << interp->minor << ", glibc 2." << glibc << "): pip "
                               << (position ? "accepts " : "rejects ") << name << ", userpkg does not");
        }
        if (rank && position) accepted.push_back({name, *rank, *position});
      }
      INFO(python << " (3." << interp->minor << ", glibc 2." << glibc << "): " << names.size() << " names, "
                  << accepted.size() << " accepted by both");
      CHECK(disagreements == 0);
      // The same order of preference: sorted by userpkg's rank (best first), pip's position rises
      // exactly where the rank falls, and stays where the rank ties.
      std::stable_sort(accepted.begin(), accepted.end(),
                       [](const Accepted& a, const Accepted& b) { return a.rank > b.rank; });
      int order_disagreements = 0;
      for (std::size_t i = 1; i < accepted.size(); ++i) {
        const Accepted &a = accepted[i - 1], &b = accepted[i];
        bool same = a.rank == b.rank ? a.position == b.position : a.position < b.position;
        if (!same) {
          ++order_disagreements;
          UNSCOPED_INFO("userpkg prefers " << a.name << (a.rank == b.rank ? " as much as " : " over ") << b.name
                                           << "; pip's positions " << a.position << ", " << b.position);
        }
      }
      CHECK(order_disagreements == 0);
    }
  }
  // CI has Debian's python3 with pip (or python3-venv's pip wheel): comparing nothing is a failure.
  INFO("no CPython with pip found (pyenv 3.8/3.12, /usr/bin/python3 with pip or /usr/share/python-wheels)");
  CHECK(compared > 0);
}
