#pragma once
// Facts about this machine that choose binaries: the C library's version (manylinux tags) and the
// CPU architecture, under the names wheels and NVIDIA's redistributables use.
#include <optional>
#include <string>
#include <string_view>

#include "core/version.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct GlibcVersion {
  Version version;     // "2.36"
  std::string source;  // "gnu_get_libc_version", the libc.so.6 it was read from, or "USERPKG_GLIBC"
};

// The glibc of the system userpkg runs on: the dynamic build asks the glibc it runs on
// (gnu_get_libc_version); the static build, whose own glibc is the build machine's, reads the
// host's libc.so.6 (platform/host_glibc.hpp). nullopt when the host has no glibc (e.g. musl).
std::optional<GlibcVersion> host_glibc();

// host_glibc() as text: "2.31", or "no glibc found" with the places looked at.
std::string host_glibc_text();

// Validates a USERPKG_GLIBC value: "2.N" only. Throws Error otherwise.
Version parse_glibc_override(const std::string& value);

// USERPKG_GLIBC from env when set and not empty (validated), else host_glibc(); throws Error when
// neither is known.
GlibcVersion detect_glibc(const Environment& env);

struct MachineArch {
  std::string machine;   // uname's machine field: "x86_64", "aarch64", "ppc64le", …
  std::string wheel;     // the platform tag suffix of wheels ("manylinux_2_28_<wheel>"); empty if unsupported
  std::string redist;    // NVIDIA's redist platform ("linux-x86_64", "linux-sbsa"); empty if unsupported
  bool supported() const { return !wheel.empty(); }
};

// Names for a uname machine value. "arm64" (some kernels) counts as aarch64. Unknown machines get
// empty wheel/redist names.
MachineArch arch_from_machine(std::string_view machine);

// This machine (uname).
MachineArch detect_arch();

}  // namespace userpkg
