#pragma once
// Wheel tags (PEP 425, PEP 600) against a target machine: which python/abi/platform tags a CPython
// of a given version on a given glibc and CPU can use, and how good each fit is.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/version.hpp"
#include "wheel/wheel_name.hpp"

namespace userpkg {

// The interpreter and machine a wheel must run on. CPython only (the interpreter userpkg builds).
struct WheelTarget {
  int python_major = 3;
  int python_minor = 0;
  int glibc_major = 2;
  int glibc_minor = 17;
  std::string arch = "x86_64";  // as in platform tags: x86_64, aarch64, ppc64le

  // From detected versions ("3.10.14", "2.17"): major and minor of each. Throws Error when
  // either lacks a minor part.
  static WheelTarget from_versions(const Version& python, const Version& glibc, std::string arch);

  std::string python_text() const;  // "3.10"
  std::string glibc_text() const;   // "2.17"
};

// How well one wheel fits a target; greater is better, in the order of pip's own list
// (packaging.tags.sys_tags()). Compared member by member: any binary wheel beats a pure one; then
// cpXY-cpXY > cpXY-abi3 > cpXY-none > older cpXY-abi3 > pyXY-none > py3-none > older pyXY-none;
// then the newest manylinux, with linux_<arch> below every manylinux. What pip rejects is never
// ranked: abi3, an ABI or a cpXY tag with platform "any", cpXY-none of another minor, manylinux
// below glibc 2.5 (x86_64, i686) or 2.17 (other CPUs).
struct TagRank {
  int binary = 0;       // 1 when the platform is not "any"
  int interpreter = 0;  // see interpreter_score in tags.cpp
  int platform = 0;     // 0 any, 1 linux_<arch>, 2 + N for manylinux_2_N
  auto operator<=>(const TagRank&) const = default;
};

// What a platform tag demands. nullopt for tags that are not Linux/any (win_amd64, macosx_…).
struct PlatformNeeds {
  bool any = false;           // "any": pure Python
  std::string arch;           // "x86_64" (empty for any)
  int glibc_major = 0;        // 0: no glibc requirement (linux_<arch>, any)
  int glibc_minor = 0;
  bool musl = false;          // musllinux_*: never usable on a glibc system
};
std::optional<PlatformNeeds> platform_needs(std::string_view platform_tag);

// The rank of one python-abi-platform triple on target; nullopt when the target cannot use it.
std::optional<TagRank> tag_rank(std::string_view python, std::string_view abi, std::string_view platform,
                                const WheelTarget& target);
// The best rank over the wheel's (possibly compressed) tag sets; nullopt when none fits.
std::optional<TagRank> wheel_rank(const WheelName& wheel, const WheelTarget& target);

// Why the platform tag does not fit the target ("needs glibc 2.28; this system has 2.17",
// "for aarch64; this system is x86_64"); empty when it fits.
std::string platform_mismatch(std::string_view platform_tag, const WheelTarget& target);

}  // namespace userpkg
