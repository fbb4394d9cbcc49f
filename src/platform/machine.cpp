#include "platform/machine.hpp"

#include <gnu/libc-version.h>
#include <sys/utsname.h>

#include <regex>

#include "linkage/build_kind.hpp"
#include "platform/host_glibc.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {

std::optional<GlibcVersion> host_glibc() {
  if (!statically_linked()) return GlibcVersion{Version::parse(::gnu_get_libc_version()), "gnu_get_libc_version"};
  if (auto found = find_host_glibc("/", detect_arch().machine)) return GlibcVersion{Version::parse(found->version), found->path};
  return std::nullopt;
}

std::string host_glibc_text() {
  if (auto glibc = host_glibc()) return glibc->version.str();
  return "no glibc found (looked for " + join(libc_locations(detect_arch().machine), ", ") + ")";
}

Version parse_glibc_override(const std::string& value) {
  static const std::regex two_dot_n(R"(2\.[0-9]{1,3})");
  if (!std::regex_match(value, two_dot_n))
    throw Error("USERPKG_GLIBC=" + value + " is not a glibc version",
                "it must be 2.N, such as 2.17 (CentOS 7) or 2.28 (RHEL 8)",
                "set USERPKG_GLIBC=2.N, or unset it to use this machine's glibc (" + host_glibc_text() + ")");
  return Version::parse(value);
}

GlibcVersion detect_glibc(const Environment& env) {
  if (auto value = env.get("USERPKG_GLIBC"); value && !value->empty())
    return {parse_glibc_override(*value), "USERPKG_GLIBC"};
  if (auto glibc = host_glibc()) return *glibc;
  throw Error("cannot tell this machine's glibc version", host_glibc_text(),
              "set USERPKG_GLIBC=2.N to the glibc the programs you install will run on (`ldd --version` says)");
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
