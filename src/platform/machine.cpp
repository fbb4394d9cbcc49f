#include "platform/machine.hpp"

#include <gnu/libc-version.h>
#include <sys/utsname.h>

#include <regex>

#include "util/error.hpp"

namespace userpkg {

std::string running_glibc_version() { return ::gnu_get_libc_version(); }

Version parse_glibc_override(const std::string& value) {
  static const std::regex two_dot_n(R"(2\.[0-9]{1,3})");
  if (!std::regex_match(value, two_dot_n))
    throw Error("USERPKG_GLIBC=" + value + " is not a glibc version",
                "it must be 2.N, such as 2.17 (CentOS 7) or 2.28 (RHEL 8)",
                "set USERPKG_GLIBC=2.N, or unset it to use this machine's glibc (" + running_glibc_version() + ")");
  return Version::parse(value);
}

GlibcVersion detect_glibc(const Environment& env) {
  if (auto value = env.get("USERPKG_GLIBC"); value && !value->empty())
    return {parse_glibc_override(*value), "USERPKG_GLIBC"};
  return {Version::parse(running_glibc_version()), "gnu_get_libc_version"};
}

MachineArch arch_from_machine(std::string_view machine) {
  MachineArch arch{std::string(machine), "", ""};
  if (machine == "x86_64") {
    arch.wheel = "x86_64";
    arch.redist = "linux-x86_64";
  } else if (machine == "aarch64" || machine == "arm64") {
    // Server ARM (SBSA); Jetson boards use "linux-aarch64" redists, which userpkg does not target.
    arch.wheel = "aarch64";
    arch.redist = "linux-sbsa";
  } else if (machine == "ppc64le") {
    arch.wheel = "ppc64le";
    arch.redist = "linux-ppc64le";
  }
  return arch;
}

MachineArch detect_arch() {
  utsname names{};
  if (::uname(&names) != 0) return arch_from_machine("unknown");
  return arch_from_machine(names.machine);
}

}  // namespace userpkg
