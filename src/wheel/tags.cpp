#include "wheel/tags.hpp"

#include <charconv>
#include <tuple>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// A whole string of digits as an int, without leading zeros ("05" is not a tag's 5); nullopt for
// anything else.
std::optional<int> to_int(std::string_view s) {
  int value = 0;
  if (s.empty() || s.size() > 6 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "cp310" / "py3" / "py39": the major and (optional, -1 when absent) minor Python version.
struct PythonTag {
  bool cpython = false;  // cp (otherwise py: any implementation)
  int major = 0;
  int minor = -1;
};
std::optional<PythonTag> parse_python_tag(std::string_view tag) {
  PythonTag out;
  if (starts_with(tag, "cp")) out.cpython = true;
  else if (!starts_with(tag, "py")) return std::nullopt;  // pp, ip, jy: other interpreters
  std::string_view digits = tag.substr(2);
  if (digits.empty()) return std::nullopt;
  auto major = to_int(digits.substr(0, 1));
  if (!major) return std::nullopt;
  out.major = *major;
  if (digits.size() > 1) {
    auto minor = to_int(digits.substr(1));
    if (!minor) return std::nullopt;
    out.minor = *minor;
  }
  return out;
}

// Scores of the python+abi pair (greater is better), in the order packaging.tags.sys_tags() yields
// them: cp310-cp310, cp310-abi3, cp310-none, cp39-abi3 … cp32-abi3, py310-none, py3-none, py39-none
// … py30-none; with platform "any" only the pyXY ones.
constexpr int exact_abi_score = 100;      // cp310-cp310
constexpr int abi3_score = 90;            // cp310-abi3
constexpr int cpython_none_score = 80;    // cp310-none
constexpr int older_abi3_score = 70;      // cp39-abi3; one less per minor further back
constexpr int generic_score = 40;         // py310-none; py3-none one less, older pyXY less again

// The oldest glibc manylinux tags exist for on arch (packaging.tags: 2.5 on x86, else 2.17).
int oldest_manylinux_minor(std::string_view arch) { return arch == "x86_64" || arch == "i686" ? 5 : 17; }

std::optional<int> interpreter_score(std::string_view python, std::string_view abi, bool pure,
                                     const WheelTarget& target) {
  auto tag = parse_python_tag(python);
  if (!tag || tag->major != target.python_major) return std::nullopt;
  if (tag->minor > target.python_minor) return std::nullopt;
  if (tag->cpython) {
    if (tag->minor < 0) return std::nullopt;  // "cp3" is not a tag CPython produces
    if (abi == "abi3") {
      // The stable ABI exists from 3.2 on and works on every later 3.x; only compiled wheels use it.
      if (tag->major != 3 || tag->minor < 2 || pure) return std::nullopt;
      return tag->minor == target.python_minor ? abi3_score
                                               : older_abi3_score - (target.python_minor - tag->minor);
    }
    if (tag->minor != target.python_minor) return std::nullopt;
    // Pure wheels are py-tagged: pip up to 23.x (packaging 21.3) refuses cpXY-none-any too.
    if (pure) return std::nullopt;
    if (abi == "none") return cpython_none_score;
    // The exact ABI: cp310, or cp37m for 3.7 and older (pymalloc builds, the default then). Debug
    // (d) and free-threaded (t) ABIs need an interpreter built that way: not the target.
    std::string exact = "cp" + std::to_string(tag->major) + std::to_string(tag->minor);
    if (abi == exact && (tag->major > 3 || tag->minor >= 8)) return exact_abi_score;
    if (abi == exact + "m" && tag->major == 3 && tag->minor <= 7) return exact_abi_score;
    return std::nullopt;
  }
  if (abi != "none") return std::nullopt;
  if (tag->minor == target.python_minor) return generic_score;
  if (tag->minor < 0) return generic_score - 1;
  return generic_score - 2 - (target.python_minor - tag->minor);
}

}  // namespace

WheelTarget WheelTarget::from_versions(const Version& python, const Version& glibc, std::string arch) {
  auto major_minor = [](const Version& v, const char* what) {
    if (v.parts().size() < 2 || v.parts()[0].number > 99 || v.parts()[1].number > 999)
      throw Error(std::string("cannot choose wheels for ") + what + " " + v.str(),
                  "wheel tags need its major and minor version", "give it as MAJOR.MINOR, e.g. 3.10 or 2.17");
    return std::pair{static_cast<int>(v.parts()[0].number), static_cast<int>(v.parts()[1].number)};
  };
  WheelTarget target;
  std::tie(target.python_major, target.python_minor) = major_minor(python, "Python");
  std::tie(target.glibc_major, target.glibc_minor) = major_minor(glibc, "glibc");
  target.arch = std::move(arch);
  return target;
}

std::string WheelTarget::python_text() const {
  return std::to_string(python_major) + "." + std::to_string(python_minor);
}
std::string WheelTarget::glibc_text() const { return std::to_string(glibc_major) + "." + std::to_string(glibc_minor); }

std::optional<PlatformNeeds> platform_needs(std::string_view tag) {
  PlatformNeeds needs;
  if (tag == "any") {
    needs.any = true;
    return needs;
  }
  if (starts_with(tag, "linux_")) {
    needs.arch = std::string(tag.substr(6));
    return needs;
  }
  // The legacy names PEP 600 maps onto glibc versions.
  struct Legacy {
    std::string_view prefix;
    int minor;
  };
  for (auto [prefix, minor] : {Legacy{"manylinux1_", 5}, Legacy{"manylinux2010_", 12}, Legacy{"manylinux2014_", 17}}) {
    if (starts_with(tag, prefix)) {
      needs.arch = std::string(tag.substr(prefix.size()));
      needs.glibc_major = 2;
      needs.glibc_minor = minor;
      return needs;
    }
  }
  bool musl = starts_with(tag, "musllinux_");
  if (!musl && !starts_with(tag, "manylinux_")) return std::nullopt;
  // manylinux_<major>_<minor>_<arch>; the arch itself may hold '_' (x86_64).
  std::string_view rest = tag.substr(10);  // both "manylinux_" and "musllinux_" are 10 characters
  auto first = rest.find('_');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = rest.find('_', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto major = to_int(rest.substr(0, first));
  auto minor = to_int(rest.substr(first + 1, second - first - 1));
  if (!major || !minor || second + 1 >= rest.size()) return std::nullopt;
  needs.arch = std::string(rest.substr(second + 1));
  needs.musl = musl;
  needs.glibc_major = *major;
  needs.glibc_minor = *minor;
  return needs;
}

std::string platform_mismatch(std::string_view platform_tag, const WheelTarget& target) {
  auto needs = platform_needs(platform_tag);
  if (!needs) return "not a Linux platform";
  if (needs->any) return {};
  if (needs->arch != target.arch) return "for " + needs->arch + "; this system is " + target.arch;
  if (needs->musl) return "for musl libc; this system uses glibc";
  if (needs->glibc_major == 0) return {};
  if (needs->glibc_major != target.glibc_major || needs->glibc_minor > target.glibc_minor)
    return "needs glibc " + std::to_string(needs->glibc_major) + "." + std::to_string(needs->glibc_minor) +
           "; this system has " + target.glibc_text();
  if (needs->glibc_minor < oldest_manylinux_minor(needs->arch))
    return "names glibc 2." + std::to_string(needs->glibc_minor) + ", older than any manylinux for " + needs->arch +
           " (2." + std::to_string(oldest_manylinux_minor(needs->arch)) + ")";
  return {};
}

std::optional<TagRank> tag_rank(std::string_view python, std::string_view abi, std::string_view platform,
                                const WheelTarget& target) {
  auto needs = platform_needs(platform);
  if (!needs) return std::nullopt;
  auto interpreter = interpreter_score(python, abi, needs->any, target);
  if (!interpreter) return std::nullopt;
  if (!platform_mismatch(platform, target).empty()) return std::nullopt;
  TagRank rank;
  rank.interpreter = *interpreter;
  if (needs->any) return rank;
  rank.binary = 1;
  rank.platform = needs->glibc_major == 0 ? 1 : 2 + needs->glibc_minor;
  return rank;
}

std::optional<TagRank> wheel_rank(const WheelName& wheel, const WheelTarget& target) {
  std::optional<TagRank> best;
  for (auto& python : wheel.python_tags)
    for (auto& abi : wheel.abi_tags)
      for (auto& platform : wheel.platform_tags)
        if (auto rank = tag_rank(python, abi, platform, target); rank && (!best || *rank > *best)) best = rank;
  return best;
}

}  // namespace userpkg
